package com.bbws.dynamodb.catalogue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;

/** A set of table definitions deployed together; ids and physical names are unique within it. */
public record Catalogue(List<TableDefinition> tables) {

    public Catalogue {
        tables = List.copyOf(tables);
        validateUniqueIds(tables);
        validateUniquePhysicalNames(tables);
    }

    public static Catalogue of(TableDefinition... tables) {
        return new Catalogue(List.of(tables));
    }

    /** How many global secondary indexes the catalogue declares in all. */
    public int indexCount() {
        return tables.stream().mapToInt(table -> table.indexes().size()).sum();
    }

    private static void validateUniqueIds(List<TableDefinition> tables) {
        var seen = new HashSet<String>();
        for (TableDefinition table : tables) {
            if (!seen.add(table.id())) {
                throw new CatalogueException(String.format(
                        "Table id '%s' is declared twice; ids name the stack outputs and must be unique.",
                        table.id()));
            }
        }
    }

    private static void validateUniquePhysicalNames(List<TableDefinition> tables) {
        for (Environment environment : Environment.values()) {
            var owners = new HashMap<String, String>();
            for (TableDefinition table : tables) {
                String other = owners.putIfAbsent(table.physicalName(environment), table.id());
                if (other != null) {
                    throw new CatalogueException(String.format(
                            "Tables '%s' and '%s' would both be named '%s' in %s.",
                            other, table.id(), table.physicalName(environment), environment));
                }
            }
        }
    }
}
