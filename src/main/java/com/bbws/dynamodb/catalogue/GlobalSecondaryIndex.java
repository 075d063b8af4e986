package com.bbws.dynamodb.catalogue;

/**
 * A global secondary index. Every index of the platform projects ALL attributes, so the
 * projection is not a choice here: {@link #PROJECTION}.
 */
public record GlobalSecondaryIndex(String name, KeySchema keys) {

    /** The projection of every index: services query indexes for whole items. */
    public static final String PROJECTION = "ALL";

    public GlobalSecondaryIndex {
        Names.requireValid("Index name", name);
        if (keys == null) {
            throw new CatalogueException(String.format("Index '%s' has no key schema.", name));
        }
    }

    public static GlobalSecondaryIndex of(String name, KeyAttribute partitionKey) {
        return new GlobalSecondaryIndex(name, KeySchema.of(partitionKey));
    }

    public static GlobalSecondaryIndex of(String name, KeyAttribute partitionKey, KeyAttribute sortKey) {
        return new GlobalSecondaryIndex(name, KeySchema.of(partitionKey, sortKey));
    }
}
