package com.bbws.dynamodb.catalogue;

/**
 * How a table's physical name is made. Names are physical and fixed (no Pulumi suffix):
 * downstream services already use them.
 */
public sealed interface TableName {

    /** The name in the given environment. */
    String in(Environment environment);

    /** The same name in every environment (each environment is its own AWS account). */
    static TableName fixed(String name) {
        return new Fixed(name);
    }

    /** The base name followed by {@code -<env>}, e.g. {@code products-sit}. */
    static TableName withEnvironmentSuffix(String base) {
        return new WithEnvironmentSuffix(base);
    }

    record Fixed(String name) implements TableName {
        public Fixed {
            Names.requireValid("Table name", name);
        }

        @Override
        public String in(Environment environment) {
            return name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record WithEnvironmentSuffix(String base) implements TableName {
        public WithEnvironmentSuffix {
            for (Environment environment : Environment.values()) {
                Names.requireValid("Table name", base + "-" + environment.id());
            }
        }

        @Override
        public String in(Environment environment) {
            return base + "-" + environment.id();
        }

        @Override
        public String toString() {
            return base + "-<env>";
        }
    }
}
