package com.bbws.dynamodb.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One DynamoDB table as the platform defines it, in every environment. Billing (on demand),
 * point-in-time recovery and encryption are the same for every table and are applied by the
 * code that declares the resources; what varies between tables is here.
 *
 * <p>Validated when built, so a definition DynamoDB would refuse never reaches a deployment.
 *
 * @param id      the logical name: the Pulumi resource name and the prefix of the stack outputs
 *                ({@code tenants} gives {@code tenantsTableArn})
 * @param name    how the physical table name is made
 * @param keys    the table's partition and sort key
 * @param indexes the global secondary indexes, in declaration order
 * @param stream  the table's stream, or {@link Stream#disabled()}
 * @param items   what the table's items hold; every key of the table and of its indexes is one of them
 */
public record TableDefinition(String id, TableName name, KeySchema keys, List<GlobalSecondaryIndex> indexes,
        Stream stream, ItemSchema items) {

    /** DynamoDB's default quota of global secondary indexes per table. */
    public static final int MAX_GSI_COUNT = 20;

    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Za-z0-9]*");

    public TableDefinition {
        if (id == null || !CAMEL_CASE.matcher(id).matches()) {
            throw new CatalogueException(String.format(
                    "Table id '%s' must be camelCase letters and digits (it prefixes the stack outputs).", id));
        }
        if (name == null) {
            throw new CatalogueException(String.format("Table '%s' has no name.", id));
        }
        if (keys == null) {
            throw new CatalogueException(String.format("Table '%s' has no key schema.", id));
        }
        if (stream == null) {
            throw new CatalogueException(String.format(
                    "Table '%s' has no stream setting; use Stream.disabled() for none.", id));
        }
        indexes = List.copyOf(indexes == null ? List.of() : indexes);
        validateIndexCount(id, indexes);
        validateIndexNames(id, indexes);
        attributeDefinitions(id, keys, indexes);
        if (items == null) {
            throw new CatalogueException(String.format("Table '%s' has no item schema.", id));
        }
        items.check(id, keys, indexes);
    }

    /** A table whose item schema names its keys only, each required. */
    public TableDefinition(
            String id, TableName name, KeySchema keys, List<GlobalSecondaryIndex> indexes, Stream stream) {
        this(id, name, keys, indexes, stream, ItemSchema.keysOnly(keys, indexes));
    }

    /**
     * The attribute definitions DynamoDB needs: exactly the attributes used by the table's key
     * or an index key, each once, in order of first use. Derived, never listed by hand.
     */
    public List<KeyAttribute> attributeDefinitions() {
        return attributeDefinitions(id, keys, indexes);
    }

    public String physicalName(Environment environment) {
        return name.in(environment);
    }

    private static void validateIndexCount(String id, List<GlobalSecondaryIndex> indexes) {
        if (indexes.size() > MAX_GSI_COUNT) {
            throw new CatalogueException(String.format(
                    "Table '%s' declares %d global secondary indexes; DynamoDB allows at most %d.",
                    id, indexes.size(), MAX_GSI_COUNT));
        }
    }

    private static void validateIndexNames(String id, List<GlobalSecondaryIndex> indexes) {
        var seen = new HashSet<String>();
        for (GlobalSecondaryIndex index : indexes) {
            if (!seen.add(index.name())) {
                throw new CatalogueException(String.format(
                        "Table '%s' declares index '%s' twice; index names must be unique.", id, index.name()));
            }
        }
    }

    private static List<KeyAttribute> attributeDefinitions(
            String id, KeySchema keys, List<GlobalSecondaryIndex> indexes) {
        var byName = new LinkedHashMap<String, KeyAttribute>();
        var schemas = new ArrayList<KeySchema>();
        schemas.add(keys);
        indexes.forEach(index -> schemas.add(index.keys()));
        for (KeySchema schema : schemas) {
            for (KeyAttribute attribute : schema.attributes()) {
                KeyAttribute earlier = byName.putIfAbsent(attribute.name(), attribute);
                if (earlier != null && earlier.type() != attribute.type()) {
                    throw new CatalogueException(String.format(
                            "Table '%s': unable to specify '%s' as %s because it was already defined as %s.",
                            id, attribute.name(), attribute.type(), earlier.type()));
                }
            }
        }
        return List.copyOf(byName.values());
    }
}
