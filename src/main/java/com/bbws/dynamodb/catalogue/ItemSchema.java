package com.bbws.dynamodb.catalogue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a table's items hold: its attributes, in the order the brief lists them. Checked against the
 * table's keys when the table is built ({@link TableDefinition}), so an item that follows the schema is
 * never refused by DynamoDB and appears in every index.
 */
public record ItemSchema(List<ItemAttribute> attributes) {

    /** An attribute named in braces in a key pattern: {@code {id}}. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    public ItemSchema {
        attributes = List.copyOf(attributes);
    }

    public static ItemSchema of(ItemAttribute... attributes) {
        return new ItemSchema(List.of(attributes));
    }

    /** The schema of a table that says nothing of its items but its keys: each key, required. */
    static ItemSchema keysOnly(KeySchema keys, List<GlobalSecondaryIndex> indexes) {
        var seen = new java.util.LinkedHashMap<String, ItemAttribute>();
        if (keys != null) {
            keys.attributes().forEach(key -> seen.putIfAbsent(key.name(), ItemAttribute.key(key)));
        }
        if (indexes != null) {
            indexes.forEach(index -> index.keys().attributes()
                    .forEach(key -> seen.putIfAbsent(key.name(), ItemAttribute.key(key))));
        }
        return new ItemSchema(List.copyOf(seen.values()));
    }

    public Optional<ItemAttribute> attribute(String name) {
        return attributes.stream().filter(attribute -> attribute.name().equals(name)).findFirst();
    }

    /** Checks the schema against its table's keys; every message names the table and the attribute. */
    void check(String table, KeySchema keys, List<GlobalSecondaryIndex> indexes) {
        validateUniqueNames(table);
        validateAllowedValues(table);
        validateKeyPatterns(table);
        validateKey(table, "the table", keys);
        for (GlobalSecondaryIndex index : indexes) {
            validateKey(table, "index '" + index.name() + "'", index.keys());
        }
    }

    private void validateUniqueNames(String table) {
        var seen = new HashSet<String>();
        for (ItemAttribute attribute : attributes) {
            if (!seen.add(attribute.name())) {
                throw new CatalogueException(String.format(
                        "Table '%s': item attribute '%s' is declared twice; attribute names must be unique.",
                        table, attribute.name()));
            }
        }
    }

    private void validateAllowedValues(String table) {
        for (ItemAttribute attribute : attributes) {
            if (attribute.allowedValues() == null) {
                continue;
            }
            if (attribute.allowedValues().isEmpty()) {
                throw new CatalogueException(String.format(
                        "Table '%s': item attribute '%s' allows no value at all; list at least one.",
                        table, attribute.name()));
            }
            if (attribute.type() == ItemType.N) {
                for (String value : attribute.allowedValues()) {
                    if (!isNumber(value)) {
                        throw new CatalogueException(String.format(
                                "Table '%s': item attribute '%s' is a number but allows '%s'.",
                                table, attribute.name(), value));
                    }
                }
            }
        }
    }

    private void validateKeyPatterns(String table) {
        for (ItemAttribute attribute : attributes) {
            for (String named : attribute.keyParts()) {
                if (attribute(named).isEmpty()) {
                    throw new CatalogueException(String.format(
                            "Table '%s': the key pattern '%s' of '%s' names '%s', which is not an item attribute.",
                            table, attribute.keyPattern(), attribute.name(), named));
                }
            }
        }
    }

    private void validateKey(String table, String owner, KeySchema keys) {
        for (KeyAttribute key : keys.attributes()) {
            ItemType type = ItemType.of(key.type());
            ItemAttribute attribute = attribute(key.name()).orElseThrow(() -> new CatalogueException(String.format(
                    "Table '%s': '%s', a key of %s, is not an item attribute; declare it as a required %s.",
                    table, key.name(), owner, type)));
            if (attribute.type() != type) {
                throw new CatalogueException(String.format(
                        "Table '%s': item attribute '%s' is %s, but it is a key of %s of type %s;"
                                + " DynamoDB refuses such an item.",
                        table, key.name(), attribute.type(), owner, type));
            }
            if (!attribute.required()) {
                throw new CatalogueException(String.format(
                        "Table '%s': item attribute '%s' is a key of %s and must be required.",
                        table, key.name(), owner));
            }
        }
    }

    private static boolean isNumber(String value) {
        try {
            new BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
