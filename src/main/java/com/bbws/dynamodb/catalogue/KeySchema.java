package com.bbws.dynamodb.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * A partition key and an optional sort key, for a table or an index.
 *
 * @param partitionKey the HASH key
 * @param sortKey      the RANGE key, or null when there is none
 */
public record KeySchema(KeyAttribute partitionKey, KeyAttribute sortKey) {

    public KeySchema {
        if (partitionKey == null) {
            throw new CatalogueException("A key schema has no partition key.");
        }
        if (sortKey != null && sortKey.name().equals(partitionKey.name())) {
            throw new CatalogueException(String.format(
                    "Attribute '%s' is both the partition key and the sort key; use two different attributes.",
                    partitionKey.name()));
        }
    }

    public static KeySchema of(KeyAttribute partitionKey) {
        return new KeySchema(partitionKey, null);
    }

    public static KeySchema of(KeyAttribute partitionKey, KeyAttribute sortKey) {
        return new KeySchema(partitionKey, sortKey);
    }

    public Optional<KeyAttribute> sortKeyIfAny() {
        return Optional.ofNullable(sortKey);
    }

    /** The partition key, then the sort key if there is one. */
    public List<KeyAttribute> attributes() {
        return sortKey == null ? List.of(partitionKey) : List.of(partitionKey, sortKey);
    }
}
