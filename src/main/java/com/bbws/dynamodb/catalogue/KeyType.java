package com.bbws.dynamodb.catalogue;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The attribute types DynamoDB accepts for a key: string, number or binary. */
public enum KeyType {
    S, N, B;

    /**
     * Parses a type code as DynamoDB writes it.
     *
     * @throws CatalogueException for any other code, BOOL included: DynamoDB keys cannot be booleans
     */
    public static KeyType parse(String attribute, String code) {
        for (KeyType type : values()) {
            if (type.name().equals(code)) {
                return type;
            }
        }
        throw new CatalogueException(String.format(
                "Key attribute '%s' has type '%s'; DynamoDB key attributes must be one of %s"
                        + " (store a flag such as 'active' as N with 1/0).",
                attribute, code, Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
