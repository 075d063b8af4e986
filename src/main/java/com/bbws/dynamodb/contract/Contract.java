package com.bbws.dynamodb.contract;

import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlannedResource;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
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

    public record Table(String name, Keys keys, Map<String, Index> indexes, Stream stream) {
        public Table {
            indexes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(indexes));
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

    /** The contract of what a plan registers: its tables, outputs and SSM parameters. */
    public static Contract of(Plan plan) {
        var tables = new LinkedHashMap<String, Table>();
        for (PlannedResource resource : plan.resourcesOfType(TABLE)) {
            tables.put(resource.name(), table(resource.inputs()));
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

    private static Table table(Map<String, Object> inputs) {
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
                indexes, new Stream(stream ? String.valueOf(inputs.get("streamViewType")) : null));
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
     * Reads a contract file's text.
     *
     * @param source where the text came from, for the message
     * @throws ContractException when it is not JSON or not a contract
     */
    public static Contract parse(String text, String source) {
        try {
            JsonObject document = JsonParser.parseString(text).getAsJsonObject();
            var tables = new LinkedHashMap<String, Table>();
            for (var entry : object(document, "tables").entrySet()) {
                JsonObject table = entry.getValue().getAsJsonObject();
                var indexes = new LinkedHashMap<String, Index>();
                for (var index : object(table, "globalSecondaryIndexes").entrySet()) {
                    JsonObject indexJson = index.getValue().getAsJsonObject();
                    indexes.put(index.getKey(), new Index(keys(object(indexJson, "keys")),
                            string(indexJson, "projection")));
                }
                JsonObject stream = object(table, "stream");
                tables.put(entry.getKey(), new Table(string(table, "name"), keys(object(table, "keys")), indexes,
                        new Stream(stream.get("enabled").getAsBoolean() ? string(stream, "viewType") : null)));
            }
            var outputs = new TreeMap<String, Object>();
            object(document, "outputs").entrySet().forEach(e -> outputs.put(e.getKey(), plain(e.getValue())));
            var parameters = new LinkedHashMap<String, Parameter>();
            for (var entry : object(document, "ssmParameters").entrySet()) {
                JsonObject parameter = entry.getValue().getAsJsonObject();
                parameters.put(entry.getKey(), new Parameter(string(parameter, "type"), string(parameter, "value")));
            }
            var acknowledged = new ArrayList<String>();
            if (document.has("acknowledgedDestructiveChanges")) {
                document.getAsJsonArray("acknowledgedDestructiveChanges").forEach(a -> acknowledged.add(a.getAsString()));
            }
            return new Contract(string(document, "stack"), tables, outputs, parameters, acknowledged);
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NullPointerException e) {
            throw new ContractException(String.format("%s is not a contract file (%s); regenerate it with"
                    + " 'contract --stack <stack> --write'.", source, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse("")));
        }
    }

    private static Keys keys(JsonObject keys) {
        JsonObject sort = keys.has("sortKey") ? keys.getAsJsonObject("sortKey") : null;
        JsonObject partition = object(keys, "partitionKey");
        return new Keys(new Key(string(partition, "name"), string(partition, "type")),
                sort == null ? null : new Key(string(sort, "name"), string(sort, "type")));
    }

    private static JsonObject object(JsonObject parent, String field) {
        if (!parent.has(field) || !parent.get(field).isJsonObject()) {
            throw new IllegalStateException("no object '" + field + "'");
        }
        return parent.getAsJsonObject(field);
    }

    private static String string(JsonObject parent, String field) {
        if (!parent.has(field) || !parent.get(field).isJsonPrimitive()) {
            throw new IllegalStateException("no text '" + field + "'");
        }
        return parent.get(field).getAsString();
    }

    private static Object plain(JsonElement element) {
        if (element.isJsonObject()) {
            var map = new TreeMap<String, Object>();
            element.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
            return map;
        }
        if (element.isJsonArray()) {
            return element.getAsJsonArray().asList().stream().map(Contract::plain).toList();
        }
        return element.getAsString();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
