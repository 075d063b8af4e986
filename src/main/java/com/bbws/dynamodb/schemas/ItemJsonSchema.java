package com.bbws.dynamodb.schemas;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Format;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.ItemAttribute;
import com.bbws.dynamodb.catalogue.ItemSchema;
import com.bbws.dynamodb.catalogue.ItemType;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.google.gson.GsonBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * A table's item schema published as JSON Schema 2020-12: an item as the AWS SDKs' document clients read
 * and write it (S a string, N a number, L an array, M an object, BOOL a boolean), with the DynamoDB type,
 * the key roles and the key pattern of each attribute as {@code x-} annotations.
 */
public final class ItemJsonSchema {

    /** The folder of the published schemas, one file per table: {@code schemas/<table id>.schema.json}. */
    public static final String FOLDER = "schemas";

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** What a value of a placeholder with this format looks like inside a key; any other, at least a character. */
    private static final Map<Format, String> PLACEHOLDER_PATTERNS = Map.of(Format.UUID, "[0-9a-fA-F-]{36}");
    private static final String ANY_PLACEHOLDER = ".+";
    private static final String REGEX_SPECIALS = "\\^$.|?*+()[]{}";

    private ItemJsonSchema() {
    }

    /** The file name of the table's schema inside {@link #FOLDER}. */
    public static String fileName(TableDefinition table) {
        return table.id() + ".schema.json";
    }

    /** Each table's schema by its file name, in catalogue order. */
    public static Map<String, String> of(Catalogue catalogue) {
        var files = new LinkedHashMap<String, String>();
        catalogue.tables().forEach(table -> files.put(fileName(table), of(table)));
        return files;
    }

    /** The table's item schema as JSON Schema text, ending with a new line. */
    public static String of(TableDefinition table) {
        var schema = new LinkedHashMap<String, Object>();
        schema.put("$schema", DIALECT);
        schema.put("title", "An item of the " + table.id() + " table");
        schema.put("description", "Generated from the catalogue (src/main/java/com/bbws/dynamodb/catalogue/"
                + "BbwsTables.java); do not edit. An item as the AWS SDKs' document clients read and write it."
                + " Attributes not listed are allowed (no additionalProperties: false): a new optional attribute"
                + " is a compatible change, so an item written by a newer service still passes an older copy"
                + " of this schema.");
        schema.put("type", "object");
        schema.put("x-dynamodb-table", table.id());
        var properties = new LinkedHashMap<String, Object>();
        var required = new ArrayList<String>();
        for (ItemAttribute attribute : table.items().attributes()) {
            properties.put(attribute.name(), property(table, attribute));
            if (attribute.required()) {
                required.add(attribute.name());
            }
        }
        schema.put("required", required);
        schema.put("properties", properties);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(schema) + "\n";
    }

    private static Map<String, Object> property(TableDefinition table, ItemAttribute attribute) {
        var json = new LinkedHashMap<String, Object>();
        json.put("type", attribute.type().jsonType());
        if (attribute.type() == ItemType.B) {
            json.put("contentEncoding", "base64");
        }
        if (attribute.format() != null) {
            json.put("format", attribute.format().keyword());
        }
        if (attribute.allowedValues() != null) {
            json.put("enum", attribute.type() == ItemType.N
                    ? attribute.allowedValues().stream().map(BigDecimal::new).toList()
                    : attribute.allowedValues());
        }
        if (attribute.minimum() != null) {
            json.put("minimum", attribute.minimum());
        }
        if (attribute.maximum() != null) {
            json.put("maximum", attribute.maximum());
        }
        if (attribute.elementType() != null) {
            var items = new LinkedHashMap<String, Object>();
            items.put("type", attribute.elementType().jsonType());
            items.put("x-dynamodb-type", attribute.elementType().name());
            json.put("items", items);
        }
        if (attribute.keyPattern() != null) {
            json.put("pattern", regex(table.items(), attribute.keyPattern()));
        }
        json.put("x-dynamodb-type", attribute.type().name());
        List<String> roles = keyRoles(table, attribute.name());
        if (!roles.isEmpty()) {
            json.put("x-key", roles);
        }
        if (attribute.keyPattern() != null) {
            json.put("x-key-pattern", attribute.keyPattern());
        }
        return json;
    }

    /** Where the attribute is a key: "table partition key", "ActiveIndex sort key", ... */
    private static List<String> keyRoles(TableDefinition table, String name) {
        var roles = new ArrayList<String>();
        addRoles(roles, "table", table.keys(), name);
        for (GlobalSecondaryIndex index : table.indexes()) {
            addRoles(roles, index.name(), index.keys(), name);
        }
        return roles;
    }

    private static void addRoles(List<String> roles, String owner, KeySchema keys, String name) {
        if (keys.partitionKey().name().equals(name)) {
            roles.add(owner + " partition key");
        }
        keys.sortKeyIfAny().filter(sortKey -> sortKey.name().equals(name))
                .ifPresent(sortKey -> roles.add(owner + " sort key"));
    }

    /** The key pattern as an anchored ECMA-262 regex: fixed text literally, each {attribute} by its format. */
    static String regex(ItemSchema items, String keyPattern) {
        var regex = new StringBuilder("^");
        Matcher placeholder = ItemSchema.PLACEHOLDER.matcher(keyPattern);
        int end = 0;
        while (placeholder.find()) {
            regex.append(literal(keyPattern.substring(end, placeholder.start())));
            Format format = items.attribute(placeholder.group(1)).map(ItemAttribute::format).orElse(null);
            regex.append(format == null ? ANY_PLACEHOLDER : PLACEHOLDER_PATTERNS.getOrDefault(format, ANY_PLACEHOLDER));
            end = placeholder.end();
        }
        return regex.append(literal(keyPattern.substring(end))).append('$').toString();
    }

    private static String literal(String text) {
        var escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (REGEX_SPECIALS.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
