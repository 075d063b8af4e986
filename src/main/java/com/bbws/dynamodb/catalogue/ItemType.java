package com.bbws.dynamodb.catalogue;

/**
 * The DynamoDB types an item attribute of the platform may have, and how the AWS SDKs' document
 * clients show each in JSON.
 */
public enum ItemType {
    S("string"), N("number"), B("string"), BOOL("boolean"), L("array"), M("object");

    private final String jsonType;

    ItemType(String jsonType) {
        this.jsonType = jsonType;
    }

    /** The JSON Schema type of a value of this type as a document client reads and writes it. */
    public String jsonType() {
        return jsonType;
    }

    /** The item type of a key attribute: the same code. */
    public static ItemType of(KeyType type) {
        return valueOf(type.name());
    }
}
