package com.bbws.dynamodb.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * One attribute of a table's items. Built with the factories named after the DynamoDB types and
 * refined with the {@code with...} methods; checked against its table when the table is built.
 *
 * @param name          the attribute name
 * @param type          its DynamoDB type
 * @param required      whether every item has it
 * @param allowedValues the only values it may hold, or null for any value of its type
 * @param format        what a string holds (uuid, email, ...), or null
 * @param minimum       the least number allowed, or null
 * @param maximum       the greatest number allowed, or null
 * @param elementType   the type of a list's elements, or null
 * @param keyPattern    how a key's value is made, e.g. {@code TENANT#{id}} ({id} is the item's id), or null
 */
public record ItemAttribute(String name, ItemType type, boolean required, List<String> allowedValues,
        Format format, BigDecimal minimum, BigDecimal maximum, ItemType elementType, String keyPattern) {

    public ItemAttribute {
        if (name == null || name.isEmpty()) {
            throw new CatalogueException("An item attribute has no name.");
        }
        if (type == null) {
            throw new CatalogueException(String.format("Item attribute '%s' has no type.", name));
        }
        allowedValues = allowedValues == null ? null : List.copyOf(allowedValues);
    }

    /** An optional string. */
    public static ItemAttribute s(String name) {
        return new ItemAttribute(name, ItemType.S, false, null, null, null, null, null, null);
    }

    /** An optional number. */
    public static ItemAttribute n(String name) {
        return new ItemAttribute(name, ItemType.N, false, null, null, null, null, null, null);
    }

    /** An optional list whose elements are all of one type. */
    public static ItemAttribute list(String name, ItemType elementType) {
        return new ItemAttribute(name, ItemType.L, false, null, null, null, null, elementType, null);
    }

    /** The attribute a key is, required, with the key's type. */
    public static ItemAttribute key(KeyAttribute key) {
        return new ItemAttribute(key.name(), ItemType.of(key.type()), true, null, null, null, null, null, null);
    }

    public ItemAttribute asRequired() {
        return new ItemAttribute(name, type, true, allowedValues, format, minimum, maximum, elementType, keyPattern);
    }

    /** Only these values; numbers written as DynamoDB writes them ("1"). */
    public ItemAttribute oneOf(String... values) {
        return new ItemAttribute(name, type, required, List.of(values), format, minimum, maximum, elementType,
                keyPattern);
    }

    public ItemAttribute withFormat(Format value) {
        return new ItemAttribute(name, type, required, allowedValues, value, minimum, maximum, elementType,
                keyPattern);
    }

    /** A number from {@code min} to {@code max}, both included. */
    public ItemAttribute between(long min, long max) {
        return new ItemAttribute(name, type, required, allowedValues, format, BigDecimal.valueOf(min),
                BigDecimal.valueOf(max), elementType, keyPattern);
    }

    /** A key's value made of fixed text and the item's attributes in braces: {@code TENANT#{id}}. */
    public ItemAttribute withKeyPattern(String pattern) {
        return new ItemAttribute(name, type, required, allowedValues, format, minimum, maximum, elementType,
                pattern);
    }

    /** The attributes its key pattern is made of ({@code id} of {@code TENANT#{id}}), each once, in order; none without one. */
    public List<String> keyParts() {
        var parts = new ArrayList<String>();
        if (keyPattern != null) {
            Matcher placeholder = ItemSchema.PLACEHOLDER.matcher(keyPattern);
            while (placeholder.find()) {
                if (!parts.contains(placeholder.group(1))) {
                    parts.add(placeholder.group(1));
                }
            }
        }
        return List.copyOf(parts);
    }

    /**
     * Its key pattern filled in with an item's values of its parts ({@code TENANT#} and the item's id); empty when
     * {@code valueOf} has no value for one of them.
     */
    public Optional<String> keyFrom(Function<String, Optional<String>> valueOf) {
        Matcher placeholder = ItemSchema.PLACEHOLDER.matcher(keyPattern);
        var key = new StringBuilder();
        while (placeholder.find()) {
            Optional<String> part = valueOf.apply(placeholder.group(1));
            if (part.isEmpty()) {
                return Optional.empty();
            }
            placeholder.appendReplacement(key, Matcher.quoteReplacement(part.get()));
        }
        return Optional.of(placeholder.appendTail(key).toString());
    }
}
