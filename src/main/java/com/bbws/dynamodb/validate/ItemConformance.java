package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.ItemAttribute;
import com.bbws.dynamodb.catalogue.ItemSchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.schemas.ItemJsonSchema;
import com.bbws.dynamodb.validate.ItemReport.Problem;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whether a stored item follows its table's published item schema (schemas/&lt;table&gt;.schema.json, generated
 * from the catalogue). The item is read as the AWS SDKs' document clients read it (S a string, N a number,
 * BOOL a boolean, NULL null, L an array, M an object) and validated by a JSON Schema 2020-12 validator, formats
 * asserted. JSON cannot tell a number from a number set, or a string from binary, so each listed attribute's
 * DynamoDB type is first compared with the schema's {@code x-dynamodb-type}. A key whose pattern names other
 * attributes ({@code TENANT#{id}}) is then compared with the pattern filled in with the item's own values, which
 * a JSON Schema cannot state.
 *
 * <p>Every rule is worded from the schema and the failing keyword alone, never from the item's values or the
 * validator's messages (which quote values): items may hold personal data.
 */
public final class ItemConformance {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** How each DynamoDB type is named in a rule: "a boolean (BOOL)". */
    private static final Map<AttributeValue.Type, String> TYPE_NAMES = Map.of(
            AttributeValue.Type.S, "a string (S)", AttributeValue.Type.N, "a number (N)",
            AttributeValue.Type.B, "binary (B)", AttributeValue.Type.BOOL, "a boolean (BOOL)",
            AttributeValue.Type.NUL, "null (NULL)", AttributeValue.Type.L, "a list (L)",
            AttributeValue.Type.M, "a map (M)", AttributeValue.Type.SS, "a string set (SS)",
            AttributeValue.Type.NS, "a number set (NS)", AttributeValue.Type.BS, "a binary set (BS)");

    /** The most problems with elements of one attribute listed; the rest are counted. */
    static final int ELEMENTS_SHOWN = 5;

    private final JsonObject properties;
    private final Schema schema;
    /** The attributes whose key pattern names other attributes ({@code TENANT#{id}}), in schema order. */
    private final List<ItemAttribute> madeOfOthers;

    private ItemConformance(String schemaText, ItemSchema items) {
        this.properties = JsonParser.parseString(schemaText).getAsJsonObject().getAsJsonObject("properties");
        this.schema = REGISTRY.getSchema(schemaText, InputFormat.JSON);
        this.madeOfOthers = items.attributes().stream().filter(attribute -> !attribute.keyParts().isEmpty()).toList();
    }

    /** The check of the table's items against the schema the catalogue generates for it (the committed one). */
    static ItemConformance of(TableDefinition table) {
        return new ItemConformance(ItemJsonSchema.of(table), table.items());
    }

    /** Every rule the item breaks, in the schema's attribute order for types, then the validator's; empty when it conforms. */
    List<Problem> problems(Map<String, AttributeValue> item) {
        List<Problem> problems = new ArrayList<>();
        Set<String> wrongType = new HashSet<>();
        for (String name : properties.keySet()) {
            AttributeValue value = item.get(name);
            if (value != null) {
                List<Problem> found = wrongTypeOf(name, value);
                if (!found.isEmpty()) {
                    problems.addAll(found);
                    wrongType.add(name);
                }
            }
        }
        List<Error> errors = schema.validate(document(item).toString(), InputFormat.JSON,
                context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        for (Error error : errors) {
            Problem problem = problem(error);
            if (!wrongType.contains(topLevel(error))) {
                problems.add(problem);
            }
        }
        problems = bounded(problems);
        Set<String> reported = problems.stream().map(problem -> topLevel(problem.attribute()))
                .collect(Collectors.toSet());
        for (ItemAttribute attribute : madeOfOthers) {
            if (!reported.contains(attribute.name())) {
                notMadeFromItsParts(attribute, item, reported).ifPresent(problems::add);
            }
        }
        return List.copyOf(problems);
    }

    /**
     * A key whose pattern names other attributes ({@code TENANT#{id}}) must be the pattern filled in with this
     * item's values of them, not only look like it (which the schema's regex checks). Checked when the key and
     * every attribute it names are stored as strings or numbers and break no rule of their own; otherwise those
     * rules are what is reported.
     */
    private static Optional<Problem> notMadeFromItsParts(ItemAttribute attribute, Map<String, AttributeValue> item,
                                                         Set<String> reported) {
        Optional<String> stored = text(item.get(attribute.name()));
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = attribute.keyParts();
        if (parts.stream().anyMatch(reported::contains)) {
            return Optional.empty();
        }
        Optional<String> expected = attribute.keyFrom(name -> text(item.get(name)));
        return expected.isEmpty() || stored.get().equals(expected.get()) ? Optional.empty()
                : Optional.of(new Problem(attribute.name(), "is not " + attribute.keyPattern()
                        + " made from this item's " + String.join(" and ", parts)));
    }

    /** A string's or a number's text as stored; empty for any other type or none. */
    private static Optional<String> text(AttributeValue value) {
        if (value == null) {
            return Optional.empty();
        }
        return value.type() == AttributeValue.Type.S ? Optional.of(value.s())
                : value.type() == AttributeValue.Type.N ? Optional.of(value.n()) : Optional.empty();
    }

    /** The item's attribute a problem's path is about: {@code features} of {@code features[1]}. */
    private static String topLevel(String path) {
        int end = path.length();
        for (char stop : new char[] {'[', '.'}) {
            int at = path.indexOf(stop);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return path.substring(0, end);
    }

    /**
     * The DynamoDB type the schema requires of the attribute, when the item's differs, or of each element of a
     * list whose type differs.
     */
    private List<Problem> wrongTypeOf(String name, AttributeValue value) {
        JsonObject property = properties.getAsJsonObject(name);
        String expected = property.get("x-dynamodb-type").getAsString();
        if (!expected.equals(typeCode(value.type()))) {
            return List.of(new Problem(name, mustBe(expected, value.type())));
        }
        var problems = new ArrayList<Problem>();
        if (value.type() == AttributeValue.Type.L && property.has("items")) {
            String element = property.getAsJsonObject("items").get("x-dynamodb-type").getAsString();
            for (int i = 0; i < value.l().size(); i++) {
                AttributeValue.Type actual = value.l().get(i).type();
                if (!element.equals(typeCode(actual))) {
                    problems.add(new Problem(name + "[" + i + "]", mustBe(element, actual)));
                }
            }
        }
        return problems;
    }

    /**
     * The problems with at most {@link #ELEMENTS_SHOWN} elements of one attribute (a list's {@code features[3]},
     * a map's {@code address.city}) each, then how many more of its elements break a rule; so a list of
     * thousands of bad elements is a few lines of the report. Order kept.
     */
    private static List<Problem> bounded(List<Problem> problems) {
        Map<String, Long> elements = problems.stream().filter(ItemConformance::isElement)
                .collect(Collectors.groupingBy(problem -> topLevel(problem.attribute()), Collectors.counting()));
        var shown = new ArrayList<Problem>();
        var listed = new HashMap<String, Integer>();
        for (Problem problem : problems) {
            if (!isElement(problem)) {
                shown.add(problem);
                continue;
            }
            String attribute = topLevel(problem.attribute());
            int count = listed.merge(attribute, 1, Integer::sum);
            if (count <= ELEMENTS_SHOWN) {
                shown.add(problem);
            }
            if (count == ELEMENTS_SHOWN && elements.get(attribute) > ELEMENTS_SHOWN) {
                long more = elements.get(attribute) - ELEMENTS_SHOWN;
                shown.add(new Problem(attribute, more + (more == 1 ? " more element breaks" : " more elements break")
                        + " a rule (not listed)"));
            }
        }
        return shown;
    }

    /** A problem with an element of an attribute, {@code features[3]} or {@code address.city}. */
    private static boolean isElement(Problem problem) {
        return !topLevel(problem.attribute()).equals(problem.attribute());
    }

    private static String mustBe(String expected, AttributeValue.Type actual) {
        return "must be " + TYPE_NAMES.get(AttributeValue.Type.valueOf(expected)) + ", is "
                + TYPE_NAMES.getOrDefault(actual, "of a type this SDK does not know");
    }

    /** The type code as the schema writes it: NULL, where the SDK says NUL. */
    private static String typeCode(AttributeValue.Type type) {
        return type == AttributeValue.Type.NUL ? "NULL" : type.name();
    }

    /** The rule the validator found broken, worded from the schema: "not one of A, B", "required, missing". */
    private Problem problem(Error error) {
        if (error.getKeyword().equals("required")) {
            return new Problem(error.getProperty(), "required, missing");
        }
        NodePath location = error.getInstanceLocation();
        String attribute = topLevel(error);
        JsonObject rules = properties.has(attribute) ? properties.getAsJsonObject(attribute) : new JsonObject();
        var path = new StringBuilder(attribute);
        for (int i = 1; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            path.append(element instanceof Integer index ? "[" + index + "]" : "." + element);
            if (rules.has("items")) {
                rules = rules.getAsJsonObject("items");
            }
        }
        return new Problem(path.toString(), rule(error.getKeyword(), rules));
    }

    /** The item's attribute the error is about: the first name of its location. */
    private static String topLevel(Error error) {
        if (error.getKeyword().equals("required")) {
            return error.getProperty();
        }
        NodePath location = error.getInstanceLocation();
        return location.getNameCount() == 0 ? "(the item)" : String.valueOf(location.getElement(0));
    }

    private static String rule(String keyword, JsonObject rules) {
        return switch (keyword) {
            case "enum" -> "not one of " + join(rules.getAsJsonArray("enum"));
            case "format" -> "not in the format " + rules.get("format").getAsString();
            case "pattern" -> rules.has("x-key-pattern")
                    ? "does not follow the key pattern " + rules.get("x-key-pattern").getAsString()
                    : "does not match the pattern " + rules.get("pattern").getAsString();
            case "minimum" -> "less than the minimum " + rules.get("minimum").getAsString();
            case "maximum" -> "greater than the maximum " + rules.get("maximum").getAsString();
            case "type" -> rules.has("x-dynamodb-type")
                    ? "must be " + TYPE_NAMES.get(AttributeValue.Type.valueOf(rules.get("x-dynamodb-type").getAsString()))
                    : "must be of JSON type " + rules.get("type").getAsString();
            default -> "breaks the schema's '" + keyword + "' rule";
        };
    }

    private static String join(JsonArray values) {
        return values.asList().stream().map(JsonElement::getAsString).collect(Collectors.joining(", "));
    }

    /** The item as a document client reads it; sets and binary, which have no JSON form, as arrays and base64. */
    public static JsonObject document(Map<String, AttributeValue> item) {
        var document = new JsonObject();
        item.forEach((name, value) -> document.add(name, json(value)));
        return document;
    }

    private static JsonElement json(AttributeValue value) {
        return switch (value.type()) {
            case S -> new JsonPrimitive(value.s());
            case N -> new JsonPrimitive(new BigDecimal(value.n()));
            case B -> new JsonPrimitive(base64(value.b()));
            case BOOL -> new JsonPrimitive(value.bool());
            case NUL -> JsonNull.INSTANCE;
            case L -> array(value.l().stream().map(ItemConformance::json).toList());
            case M -> document(value.m());
            case SS -> array(value.ss().stream().<JsonElement>map(JsonPrimitive::new).toList());
            case NS -> array(value.ns().stream().<JsonElement>map(n -> new JsonPrimitive(new BigDecimal(n))).toList());
            case BS -> array(value.bs().stream().<JsonElement>map(b -> new JsonPrimitive(base64(b))).toList());
            case UNKNOWN_TO_SDK_VERSION -> JsonNull.INSTANCE;
        };
    }

    private static JsonArray array(List<JsonElement> elements) {
        var array = new JsonArray();
        elements.forEach(array::add);
        return array;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
