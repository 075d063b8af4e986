package com.bbws.dynamodb.catalogue;

import java.util.Objects;

/** One attribute of a key schema: its name and its DynamoDB type. */
public record KeyAttribute(String name, KeyType type) {

    /** DynamoDB's limit on the length of a key attribute name. */
    public static final int MAX_NAME_LENGTH = 255;

    public KeyAttribute {
        if (name == null || name.isEmpty()) {
            throw new CatalogueException("A key attribute has no name.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new CatalogueException(String.format(
                    "Key attribute name '%s' is %d characters long; at most %d are allowed.",
                    name, name.length(), MAX_NAME_LENGTH));
        }
        if (type == null) {
            throw new CatalogueException(String.format("Key attribute '%s' has no type; use S, N or B.", name));
        }
    }

    /** A string attribute. */
    public static KeyAttribute string(String name) {
        return new KeyAttribute(name, KeyType.S);
    }

    /** A number attribute. */
    public static KeyAttribute number(String name) {
        return new KeyAttribute(name, KeyType.N);
    }

    /** An attribute whose type is written as DynamoDB writes it ("S", "N", "B"). */
    public static KeyAttribute of(String name, String typeCode) {
        return new KeyAttribute(name, KeyType.parse(name, Objects.requireNonNullElse(typeCode, "")));
    }
}
