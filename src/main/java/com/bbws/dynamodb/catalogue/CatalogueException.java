package com.bbws.dynamodb.catalogue;

/** A table definition that DynamoDB would refuse; raised when the definition is built. */
public final class CatalogueException extends IllegalArgumentException {
    public CatalogueException(String message) {
        super(message);
    }
}
