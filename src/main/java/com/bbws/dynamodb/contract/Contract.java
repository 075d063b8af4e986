package com.bbws.dynamodb.contract;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Format;
import com.bbws.dynamodb.catalogue.ItemAttribute;
import com.bbws.dynamodb.catalogue.ItemType;
import com.bbws.dynamodb.catalogue.KeyType;
import com.bbws.dynamodb.catalogue.Stream.ViewType;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlannedResource;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What downstream services may rely on in one stack, generated from what the program registers (its
 * offline plan): each table's physical name, keys and key types, GSIs (keys, projection) and stream;
 * the stack outputs' names and shapes; the SSM parameters' names and values. Committed as
 * {@code contract/<stack>.json}; {@link ContractDiff} classifies every change to it.
 *
 * @param tables                         by table id (the Pulumi logical name), in declaration order
 * @param outputs                        each output's shape: {@code "string"}, or a map of its fields' shapes
 * @param parameters                     SSM parameter name to its type and value as planned
 * @param acknowledgedDestructiveChanges the exact texts of destructive changes a person accepted (docs/contract.md)
 */
public record Contract(String stack, Map<String, Table> tables, Map<String, Object> outputs,
                       Map<String, Parameter> parameters, List<String> acknowledgedDestructiveChanges) {

    static final String TABLE = "aws:dynamodb/table:Table";
    static final String PARAMETER = "aws:ssm/parameter:Parameter";

    /** A key attribute: its name and DynamoDB type (S, N, B). */
    public record Key(String name, String type) {
        @Override
        public String toString() {
            return name + " (" + type + ")";
        }
    }

    /** A key schema; {@code sortKey} is null when there is none. */
    public record Keys(Key partitionKey, Key sortKey) {
        @Override
        public String toString() {
            return sortKey == null ? String.valueOf(partitionKey) : partitionKey + ", " + sortKey;
        }
    }

    public record Index(Keys keys, String projection) {
    }

    /** A table's stream: the view type, or null when it is off. */
    public record Stream(String viewType) {
        boolean enabled() {
            return viewType != null;
        }

        @Override
        public String toString() {
            return enabled() ? viewType : "off";
        }
    }

    /**
     * What an item attribute may hold, as the catalogue's item schema says.
     *
     * @param type          its DynamoDB type (S, N, L, ...)
     * @param required      whether every item has it
     * @param allowedValues the only values it may hold, or null for any value of its type
     * @param format        what a string holds (uuid, email, ...), or null
     * @param minimum       the least number allowed, or null
     * @param maximum       the greatest number allowed, or null
     * @param elementType   the type of a list's elements, or null
     * @param keyPattern    how a key's value is made ({@code TENANT#{id}}), or null
     */
    public record Attribute(String type, boolean required, List<String> allowedValues, String format,
                            BigDecimal minimum, BigDecimal maximum, String elementType, String keyPattern) {
        public Attribute {
            allowedValues = allowedValues == null ? null : List.copyOf(allowedValues);
        }

        static Attribute of(ItemAttribute attribute) {
            return new Attribute(attribute.type().name(), attribute.required(), attribute.allowedValues(),
                    attribute.format() == null ? null : attribute.format().keyword(), attribute.minimum(),
                    attribute.maximum(), attribute.elementType() == null ? null : attribute.elementType().name(),
                    attribute.keyPattern());
        }

        /** Its type, with a list's element type: {@code S}, {@code L of S}. */
        String fullType() {
            return elementType == null ? type : type + " of " + elementType;
        }
    }

    /**
     * @param items each item attribute by name, in the catalogue's order; null when the file predates item
     *              schemas in the contract (nothing to compare with)
     */
    public record Table(String name, Keys keys, Map<String, Index> indexes, Stream stream,
                        Map<String, Attribute> items) {
        public Table {
            indexes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(indexes));
            items = items == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(items));
        }
    }

    public record Parameter(String type, String value) {
    }

    public Contract {
        tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        outputs = java.util.Collections.unmodifiableMap(new TreeMap<>(outputs));
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        acknowledgedDestructiveChanges = List.copyOf(acknowledgedDestructiveChanges);
    }

    /** The same contract with these acknowledgements. */
    public Contract withAcknowledgements(List<String> acknowledgements) {
        return new Contract(stack, tables, outputs, parameters, acknowledgements);
    }

    /**
     * The contract of what a plan registers (its tables, outputs and SSM parameters), with each table's item
     * schema from the catalogue the program declared it from.
     */
    public static Contract of(Plan plan, Catalogue catalogue) {
        var tables = new LinkedHashMap<String, Table>();
        for (PlannedResource resource : plan.resourcesOfType(TABLE)) {
            TableDefinition definition = catalogue.tables().stream().filter(t -> t.id().equals(resource.name()))
                    .findFirst().orElseThrow(() -> new ContractException(String.format(
                            "The program registers table '%s', which the catalogue does not declare.",
                            resource.name())));
            var items = new LinkedHashMap<String, Attribute>();
            definition.items().attributes().forEach(a -> items.put(a.name(), Attribute.of(a)));
            tables.put(resource.name(), table(resource.inputs(), items));
        }
        var outputs = new TreeMap<String, Object>();
        plan.outputs().forEach((name, value) -> outputs.put(name, shape(value)));
        var parameters = new LinkedHashMap<String, Parameter>();
        for (PlannedResource resource : plan.resourcesOfType(PARAMETER)) {
            parameters.put(String.valueOf(resource.inputs().get("name")), new Parameter(
                    String.valueOf(resource.inputs().get("type")), String.valueOf(resource.inputs().get("value"))));
        }
        return new Contract(plan.stack(), tables, outputs, parameters, List.of());
    }

    private static Table table(Map<String, Object> inputs, Map<String, Attribute> items) {
        var types = new LinkedHashMap<String, String>();
        for (Map<String, Object> attribute : maps(inputs.get("attributes"))) {
            types.put(String.valueOf(attribute.get("name")), String.valueOf(attribute.get("type")));
        }
        var indexes = new LinkedHashMap<String, Index>();
        for (Map<String, Object> index : maps(inputs.get("globalSecondaryIndexes"))) {
            indexes.put(String.valueOf(index.get("name")), new Index(keys(types, index.get("hashKey"),
                    index.get("rangeKey")), String.valueOf(index.get("projectionType"))));
        }
        boolean stream = Boolean.TRUE.equals(inputs.get("streamEnabled"));
        return new Table(String.valueOf(inputs.get("name")), keys(types, inputs.get("hashKey"), inputs.get("rangeKey")),
                indexes, new Stream(stream ? String.valueOf(inputs.get("streamViewType")) : null), items);
    }

    private static Keys keys(Map<String, String> types, Object partition, Object sort) {
        return new Keys(new Key(String.valueOf(partition), types.get(String.valueOf(partition))),
                sort == null ? null : new Key(String.valueOf(sort), types.get(String.valueOf(sort))));
    }

    /** An output value's shape: the JSON type of a leaf, or a map of each field's shape. */
    static Object shape(Object value) {
        if (value instanceof Map<?, ?> map) {
            var shape = new TreeMap<String, Object>();
            map.forEach((key, field) -> shape.put(String.valueOf(key), shape(field)));
            return shape;
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? List.of() : List.of(shape(list.get(0)));
        }
        if (value instanceof Number) {
            return "number";
        }
        if (value instanceof Boolean) {
            return "boolean";
        }
        return "string";
    }

    /** The file's text: stable order, two-space indents, a final newline. */
    public String json() {
        var document = new LinkedHashMap<String, Object>();
        document.put("about", "The contract of stack '" + stack + "' with downstream services, generated from the"
                + " program: java -jar target/bbws-dynamodb.jar contract --stack " + stack + " --write. Only"
                + " acknowledgedDestructiveChanges is edited by hand (docs/contract.md).");
        document.put("stack", stack);
        var tableJson = new LinkedHashMap<String, Object>();
        tables.forEach((id, table) -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("name", table.name());
            entry.put("keys", keysJson(table.keys()));
            var indexes = new LinkedHashMap<String, Object>();
            table.indexes().forEach((name, index) -> {
                var indexJson = new LinkedHashMap<String, Object>();
                indexJson.put("keys", keysJson(index.keys()));
                indexJson.put("projection", index.projection());
                indexes.put(name, indexJson);
            });
            entry.put("globalSecondaryIndexes", indexes);
            var streamJson = new LinkedHashMap<String, Object>();
            streamJson.put("enabled", table.stream().enabled());
            if (table.stream().enabled()) {
                streamJson.put("viewType", table.stream().viewType());
            }
            entry.put("stream", streamJson);
            if (table.items() != null) {
                var items = new LinkedHashMap<String, Object>();
                table.items().forEach((name, attribute) -> items.put(name, attributeJson(attribute)));
                entry.put("items", items);
            }
            tableJson.put(id, entry);
        });
        document.put("tables", tableJson);
        document.put("outputs", outputs);
        var parameterJson = new LinkedHashMap<String, Object>();
        parameters.forEach((name, parameter) -> parameterJson.put(name,
                pair("type", parameter.type(), "value", parameter.value())));
        document.put("ssmParameters", parameterJson);
        document.put("acknowledgedDestructiveChanges", acknowledgedDestructiveChanges);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document) + "\n";
    }

    /** Only the rules an attribute has, in a fixed order. */
    private static Map<String, Object> attributeJson(Attribute attribute) {
        var json = new LinkedHashMap<String, Object>();
        json.put("type", attribute.type());
        if (attribute.elementType() != null) {
            json.put("elementType", attribute.elementType());
        }
        json.put("required", attribute.required());
        if (attribute.allowedValues() != null) {
            json.put("allowedValues", attribute.allowedValues());
        }
        if (attribute.format() != null) {
            json.put("format", attribute.format());
        }
        if (attribute.minimum() != null) {
            json.put("minimum", attribute.minimum());
        }
        if (attribute.maximum() != null) {
            json.put("maximum", attribute.maximum());
        }
        if (attribute.keyPattern() != null) {
            json.put("keyPattern", attribute.keyPattern());
        }
        return json;
    }

    private static Map<String, Object> keysJson(Keys keys) {
        var json = new LinkedHashMap<String, Object>();
        json.put("partitionKey", pair("name", keys.partitionKey().name(), "type", keys.partitionKey().type()));
        if (keys.sortKey() != null) {
            json.put("sortKey", pair("name", keys.sortKey().name(), "type", keys.sortKey().type()));
        }
        return json;
    }

    /** Two fields in this order (Map.of has none, and the file must not change from one run to the next). */
    private static Map<String, String> pair(String key1, String value1, String key2, String value2) {
        var map = new LinkedHashMap<String, String>();
        map.put(key1, value1);
        map.put(key2, value2);
        return map;
    }

    /**
     * Reads a contract file's text, strictly: every field the contract has must be there with its JSON type;
     * an {@code items} block is optional (files written before item schemas were part of the contract).
     *
     * @param source where the text came from, for the message
     * @throws ContractException when it is not JSON or not a contract, naming the field and what is wrong
     */
    public static Contract parse(String text, String source) {
        try {
            JsonElement root = StrictJson.parse(text, MAX_DEPTH);
            var file = new Fields("");
            JsonObject document = file.object(root, "the file");
            var tables = new LinkedHashMap<String, Table>();
            for (var entry : file.object(document, "tables").entrySet()) {
                var table = new Fields("tables." + entry.getKey() + ".");
                JsonObject json = table.object(entry.getValue(), "");
                var indexes = new LinkedHashMap<String, Index>();
                for (var index : table.object(json, "globalSecondaryIndexes").entrySet()) {
                    var fields = new Fields(table.prefix + "globalSecondaryIndexes." + index.getKey() + ".");
                    JsonObject indexJson = fields.object(index.getValue(), "");
                    indexes.put(index.getKey(), new Index(fields.keys(fields.object(indexJson, "keys")),
                            fields.oneOf(indexJson, "projection", PROJECTIONS)));
                }
                var streamFields = new Fields(table.prefix + "stream.");
                JsonObject stream = table.object(json, "stream");
                boolean enabled = streamFields.bool(stream, "enabled");
                tables.put(entry.getKey(), new Table(table.string(json, "name"), table.keys(table.object(json, "keys")),
                        indexes, new Stream(enabled ? streamFields.oneOf(stream, "viewType", VIEW_TYPES) : null),
                        json.has("items") ? table.items(table.object(json, "items")) : null));
            }
            var outputs = new TreeMap<String, Object>();
            file.object(document, "outputs").entrySet().forEach(e -> outputs.put(e.getKey(),
                    shapeOf("outputs." + e.getKey(), e.getValue())));
            var parameters = new LinkedHashMap<String, Parameter>();
            for (var entry : file.object(document, "ssmParameters").entrySet()) {
                var fields = new Fields("ssmParameters." + entry.getKey() + ".");
                JsonObject parameter = fields.object(entry.getValue(), "");
                parameters.put(entry.getKey(), new Parameter(fields.oneOf(parameter, "type", PARAMETER_TYPES),
                        fields.string(parameter, "value")));
            }
            List<String> acknowledged = document.has("acknowledgedDestructiveChanges")
                    ? file.strings(document, "acknowledgedDestructiveChanges") : List.of();
            return new Contract(file.string(document, "stack"), tables, outputs, parameters, acknowledged);
        } catch (IllegalStateException e) {
            throw new ContractException(String.format("%s is not a contract file (%s).", source,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private static final List<String> KEY_TYPES = java.util.Arrays.stream(KeyType.values()).map(Enum::name).toList();
    private static final List<String> ITEM_TYPES = java.util.Arrays.stream(ItemType.values()).map(Enum::name).toList();
    private static final List<String> FORMATS = java.util.Arrays.stream(Format.values()).map(Format::keyword).toList();
    private static final List<String> VIEW_TYPES = java.util.Arrays.stream(ViewType.values()).map(Enum::name).toList();
    /** DynamoDB's projection types: the program projects ALL, but a contract may hold what DynamoDB allows. */
    private static final List<String> PROJECTIONS = List.of("ALL", "KEYS_ONLY", "INCLUDE");
    private static final List<String> PARAMETER_TYPES = List.of("String", "StringList", "SecureString");
    private static final List<String> LEAF_SHAPES = List.of("string", "number", "boolean");

    /** Deeper than any contract the program writes (outputs nest five levels); guards the recursive reads. */
    static final int MAX_DEPTH = 16;

    /** Reads the fields of one part of the file; its messages name each field by its dotted path. */
    private record Fields(String prefix) {

        JsonObject object(JsonElement element, String what) {
            if (element == null || !element.isJsonObject()) {
                throw new IllegalStateException(String.format("%s must be an object, is %s",
                        what.isEmpty() ? "'" + prefix.substring(0, prefix.length() - 1) + "'" : what, kind(element)));
            }
            return element.getAsJsonObject();
        }

        JsonObject object(JsonObject parent, String field) {
            require(parent, field);
            return object(parent.get(field), "'" + prefix + field + "'");
        }

        String string(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                throw wrongType(field, "a text", value);
            }
            if (value.getAsString().chars().anyMatch(Character::isISOControl)) {
                throw new IllegalStateException(String.format("'%s%s' holds a control character", prefix, field));
            }
            return value.getAsString();
        }

        /** A text that must be one of a closed set (a DynamoDB type, a projection): anything else is no contract. */
        String oneOf(JsonObject parent, String field, java.util.Collection<String> allowed) {
            String value = string(parent, field);
            if (!allowed.contains(value)) {
                throw new IllegalStateException(String.format("'%s%s' must be one of %s", prefix, field,
                        String.join(", ", allowed)));
            }
            return value;
        }

        boolean bool(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isBoolean()) {
                throw wrongType(field, "true or false", value);
            }
            return value.getAsBoolean();
        }

        BigDecimal number(JsonObject parent, String field) {
            if (!parent.has(field)) {
                return null;
            }
            JsonElement value = parent.get(field);
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                throw wrongType(field, "a number", value);
            }
            return value.getAsBigDecimal();
        }

        String optionalString(JsonObject parent, String field) {
            return parent.has(field) ? string(parent, field) : null;
        }

        List<String> strings(JsonObject parent, String field) {
            JsonElement value = require(parent, field);
            if (!value.isJsonArray()) {
                throw wrongType(field, "a list of texts", value);
            }
            List<JsonElement> elements = value.getAsJsonArray().asList();
            for (int i = 0; i < elements.size(); i++) {
                JsonElement element = elements.get(i);
                if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                    throw new IllegalStateException(String.format("'%s%s' must be a list of texts; element %d is %s",
                            prefix, field, i + 1, kind(element)));
                }
            }
            return elements.stream().map(JsonElement::getAsString).toList();
        }

        Keys keys(JsonObject keys) {
            var fields = new Fields(prefix + "keys.");
            JsonObject partition = fields.object(keys, "partitionKey");
            JsonObject sort = keys.has("sortKey") ? fields.object(keys, "sortKey") : null;
            var partitionFields = new Fields(fields.prefix + "partitionKey.");
            var sortFields = new Fields(fields.prefix + "sortKey.");
            return new Keys(new Key(partitionFields.string(partition, "name"),
                    partitionFields.oneOf(partition, "type", KEY_TYPES)), sort == null ? null
                    : new Key(sortFields.string(sort, "name"), sortFields.oneOf(sort, "type", KEY_TYPES)));
        }

        Map<String, Attribute> items(JsonObject items) {
            var attributes = new LinkedHashMap<String, Attribute>();
            for (var entry : items.entrySet()) {
                var fields = new Fields(prefix + "items." + entry.getKey() + ".");
                JsonObject json = fields.object(entry.getValue(), "");
                List<String> allowed = json.has("allowedValues") ? fields.strings(json, "allowedValues") : null;
                if (allowed != null && (allowed.isEmpty() || new java.util.HashSet<>(allowed).size() < allowed.size())) {
                    throw new IllegalStateException(String.format("'%sallowedValues' must list each value once, and"
                            + " at least one", fields.prefix));
                }
                BigDecimal minimum = fields.number(json, "minimum");
                BigDecimal maximum = fields.number(json, "maximum");
                if (minimum != null && maximum != null && minimum.compareTo(maximum) > 0) {
                    throw new IllegalStateException(String.format("'%sminimum' is greater than its maximum",
                            fields.prefix));
                }
                attributes.put(entry.getKey(), new Attribute(fields.oneOf(json, "type", ITEM_TYPES),
                        fields.bool(json, "required"), allowed,
                        json.has("format") ? fields.oneOf(json, "format", FORMATS) : null, minimum, maximum,
                        json.has("elementType") ? fields.oneOf(json, "elementType", ITEM_TYPES) : null,
                        fields.optionalString(json, "keyPattern")));
            }
            return attributes;
        }

        private JsonElement require(JsonObject parent, String field) {
            if (!parent.has(field)) {
                throw new IllegalStateException(String.format("'%s%s' is missing", prefix, field));
            }
            return parent.get(field);
        }

        private IllegalStateException wrongType(String field, String expected, JsonElement value) {
            return new IllegalStateException(String.format("'%s%s' must be %s, is %s", prefix, field, expected,
                    kind(value)));
        }

        /** What a value is, without repeating it (a file's value may be anything, of any length). */
        private static String kind(JsonElement value) {
            if (value == null || value.isJsonNull()) {
                return "null";
            }
            if (value.isJsonObject()) {
                return "an object";
            }
            if (value.isJsonArray()) {
                return "a list";
            }
            var primitive = value.getAsJsonPrimitive();
            return primitive.isBoolean() ? "true or false" : primitive.isNumber() ? "a number" : "a text";
        }
    }

    /** An output's shape as {@link #shape} writes it: a leaf's JSON type, a map of shapes, a list of at most one. */
    private static Object shapeOf(String path, JsonElement element) {
        if (element.isJsonObject()) {
            var map = new TreeMap<String, Object>();
            element.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(),
                    shapeOf(path + "." + e.getKey(), e.getValue())));
            return map;
        }
        if (element.isJsonArray() && element.getAsJsonArray().size() <= 1) {
            return element.getAsJsonArray().asList().stream().map(e -> shapeOf(path + "[0]", e)).toList();
        }
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()
                && LEAF_SHAPES.contains(element.getAsString())) {
            return element.getAsString();
        }
        throw new IllegalStateException(String.format("'%s' must be a shape: %s, an object of shapes or a list of"
                + " one", path, String.join(", ", LEAF_SHAPES)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
