package com.bbws.dynamodb.settings;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The {@code config:} of a stack file, turned into what the Pulumi CLI hands the program: YAML 1.2
 * (core schema: {@code yes}, {@code off} and dates are text), a top-level value as the text written,
 * a map or list as JSON, a {@code secure:} value as a secret (never decrypted here: {@link ConfigSource#SECRET}),
 * a key without a namespace in the project's. Duplicate keys, self-referring anchors, more than
 * {@value #MAX_ALIASES} aliases and numbers JSON cannot hold are refused, each with its line and column.
 */
final class StackConfigYaml {

    /** Aliases of maps and lists a file may use: enough for any stack file, too few for an alias bomb. */
    static final int MAX_ALIASES = 50;

    /** The top-level keys of a stack file besides {@code config} (pulumi's workspace.ProjectStack). */
    static final List<String> STACK_FILE_KEYS = List.of("config", "secretsprovider", "encryptedkey", "encryptionsalt");

    private final String stack;
    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> secretKeys = new LinkedHashSet<>();
    private final Set<Node> visiting = Collections.newSetFromMap(new IdentityHashMap<>());

    private StackConfigYaml(String stack, String file) {
        this.stack = stack;
        this.file = file;
    }

    /** @throws StackConfigException listing every problem of the file */
    static StackConfig parse(String stack, String file, String text) {
        return new StackConfigYaml(stack, file).parse(text);
    }

    /**
     * The top-level keys of the project file ({@code Pulumi.yaml}), read as strictly as a stack file.
     *
     * @throws StackConfigException naming the file, when it is not valid YAML or not a map
     */
    static List<String> projectFileKeys(String stack, String file, String text) {
        var reader = new StackConfigYaml(stack, file);
        Node document = reader.compose(text).orElse(null);
        if (document instanceof MappingNode root) {
            var keys = new LinkedHashSet<String>();
            for (NodeTuple entry : root.getValue()) {
                if (entry.getKeyNode() instanceof ScalarNode key && !keys.add(key.getValue())) {
                    reader.problem(key, String.format("'%s' is set twice.", Echo.fragment(key.getValue())));
                }
            }
            if (reader.problems.isEmpty()) {
                return List.copyOf(keys);
            }
            throw new StackConfigException(stack, reader.problems);
        }
        String problem = "the project file must be a map, such as name: bbws-dynamodb and runtime: java.";
        if (document == null) {
            reader.problems.add(file + ": " + problem);
        } else {
            reader.problem(document, problem);
        }
        throw new StackConfigException(stack, reader.problems);
    }

    private StackConfig parse(String text) {
        Optional<Node> document = compose(text);
        var values = new LinkedHashMap<String, String>();
        Node config = document.map(this::configNode).orElse(null);
        if (config instanceof MappingNode entries) {
            var firstLine = new HashMap<String, Integer>();
            for (NodeTuple entry : entries.getValue()) {
                String key = configKey(entry.getKeyNode());
                if (key == null) {
                    continue;
                }
                Integer earlier = firstLine.putIfAbsent(key, line(entry.getKeyNode()));
                if (earlier != null) {
                    problem(entry.getKeyNode(), String.format("%s is set twice (first at line %d).", key, earlier));
                    continue;
                }
                String value = value(key, entry.getValueNode());
                if (value != null) {
                    values.put(key, value);
                }
            }
        } else if (config != null && !isNull(config)) {
            problem(config, "'config' must be a map of keys to values.");
        }
        if (!problems.isEmpty()) {
            throw new StackConfigException(stack, problems);
        }
        return new StackConfig(values, secretKeys, secretKeys);
    }

    private Optional<Node> compose(String text) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark().or(e::getContextMark).map(this::where).orElse(file);
            String context = e.getContext() == null ? "" : e.getContext() + ": ";
            throw new StackConfigException(stack, List.of(String.format("%s: not valid YAML: %s%s.",
                    where, context, oneLine(e.getProblem()))));
        } catch (YamlEngineException e) {
            String message = String.valueOf(e.getMessage());
            String problem = message.startsWith("Number of aliases")
                    ? String.format("more than %d aliases of maps and lists, each a copy to expand", MAX_ALIASES)
                    : message.contains("exceeds the limit") ? "the file is larger than 3 MB; a stack file is a few lines"
                    : oneLine(message);
            throw new StackConfigException(stack, List.of(String.format("%s: not valid YAML: %s.", file, problem)));
        } catch (StackOverflowError e) {
            throw new StackConfigException(stack, List.of(file + ": not a stack file: its YAML is nested too deeply."));
        }
    }

    /** The document's {@code config} entry, or null. */
    private Node configNode(Node document) {
        if (isNull(document)) {
            return null;
        }
        if (!(document instanceof MappingNode root)) {
            problem(document, "a stack file is a map with a 'config' key.");
            return null;
        }
        Node config = null;
        var seen = new LinkedHashSet<String>();
        for (NodeTuple entry : root.getValue()) {
            if (!(entry.getKeyNode() instanceof ScalarNode key)) {
                problem(entry.getKeyNode(), "a stack file's keys are text.");
            } else if (!seen.add(key.getValue())) {
                problem(key, String.format("'%s' is set twice.", Echo.fragment(key.getValue())));
            } else if (key.getValue().equals("config")) {
                config = entry.getValueNode();
            } else if (key.getValue().equals("environment")) {
                // config from Pulumi ESC: the engine would merge values the offline plan cannot see
                problem(key, "imports Pulumi ESC environments; this project keeps every setting in the stack file,"
                        + " where the offline plan and reviewers can read it.");
            } else if (!STACK_FILE_KEYS.contains(key.getValue())) {
                problem(key, String.format("%s is not a key of a stack file; its keys are %s.",
                        Echo.quote(key.getValue()), String.join(", ", STACK_FILE_KEYS)));
            }
        }
        return config;
    }

    /** {@code namespace:key} as the CLI parses it (a bare key is the project's; {@code ns:config:key} is {@code ns:key}). */
    private String configKey(Node node) {
        if (!(node instanceof ScalarNode scalar)) {
            problem(node, "a config key must be text, such as bbws-dynamodb:environment.");
            return null;
        }
        String[] parts = scalar.getValue().split(":", -1);
        if (parts.length == 1 && !parts[0].isEmpty()) {
            return Setting.PROJECT + ":" + parts[0];
        }
        if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
            return scalar.getValue();
        }
        if (parts.length == 3 && parts[1].equals("config") && !parts[0].isEmpty() && !parts[2].isEmpty()) {
            return parts[0] + ":" + parts[2];
        }
        problem(node, String.format("%s is not a config key; write <namespace>:<name>, such as bbws-dynamodb:environment.",
                Echo.quote(scalar.getValue())));
        return null;
    }

    /** A top-level value: the text as written (as the CLI passes it), or a map or list as JSON. */
    private String value(String key, Node node) {
        if (isSecure(node)) {
            secretKeys.add(key);
            return ConfigSource.SECRET;
        }
        if (node instanceof ScalarNode scalar) {
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.NULL)) {
                return "";
            }
            if (ambiguousNumber(key, scalar)) {
                return null;
            }
            if (tag.equals(Tag.BINARY)) {
                return binary(key, scalar);
            }
            // the CLI reads the file into values and writes them out again: True arrives as true, 0x1E as 30
            if (tag.equals(Tag.BOOL)) {
                return String.valueOf(scalar.getValue().equalsIgnoreCase("true"));
            }
            return tag.equals(Tag.INT) ? integer(scalar.getValue()).toString() : scalar.getValue();
        }
        JsonElement json = json(key, node);
        return json == null ? null : json.toString();
    }

    /** A value inside a map or list, as the CLI turns it into JSON; null after a problem. */
    private JsonElement json(String key, Node node) {
        if (!visiting.add(node)) {
            problem(node, String.format("%s refers to itself (YAML anchor %s).", key,
                    node.getAnchor().map(anchor -> "&" + anchor.getValue()).orElse("")));
            return null;
        }
        try {
            if (isSecure(node)) {
                secretKeys.add(key);
                return new JsonPrimitive(ConfigSource.SECRET);
            }
            if (node instanceof MappingNode mapping) {
                var object = new JsonObject();
                for (NodeTuple entry : mapping.getValue()) {
                    if (!(entry.getKeyNode() instanceof ScalarNode name)) {
                        problem(entry.getKeyNode(), key + ": the keys of a map must be text.");
                        continue;
                    }
                    if (object.has(name.getValue())) {
                        problem(name, String.format("%s: '%s' is set twice.", key, Echo.fragment(name.getValue())));
                        continue;
                    }
                    object.add(name.getValue(), orNull(json(key, entry.getValueNode())));
                }
                return object;
            }
            if (node instanceof SequenceNode sequence) {
                var array = new JsonArray();
                sequence.getValue().forEach(item -> array.add(orNull(json(key, item))));
                return array;
            }
            return scalar(key, (ScalarNode) node);
        } finally {
            visiting.remove(node);
        }
    }

    /** A scalar resolved by the YAML 1.2 core schema, as Go's YAML reader resolves it. */
    private JsonElement scalar(String key, ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (ambiguousNumber(key, scalar)) {
            return null;
        }
        if (tag.equals(Tag.NULL)) {
            return JsonNull.INSTANCE;
        }
        if (tag.equals(Tag.BOOL)) {
            return new JsonPrimitive(text.equalsIgnoreCase("true"));
        }
        if (tag.equals(Tag.INT)) {
            return new JsonPrimitive(integer(text));
        }
        if (tag.equals(Tag.FLOAT)) {
            if (text.toLowerCase().contains("inf") || text.toLowerCase().contains("nan")) {
                problem(scalar, String.format("%s: %s is not a number JSON can hold; write a whole number.",
                        key, Echo.quote(text)));
                return null;
            }
            return new JsonPrimitive(new BigDecimal(text.startsWith(".") || text.startsWith("-.")
                    || text.startsWith("+.") ? text.replaceFirst("\\.", "0.") : text));
        }
        if (tag.equals(Tag.BINARY)) {
            String decoded = binary(key, scalar);
            return decoded == null ? null : new JsonPrimitive(decoded);
        }
        return new JsonPrimitive(text);
    }

    /**
     * Plain numbers that YAML readers read differently: a leading zero (octal to Go's YAML reader, decimal
     * to YAML 1.2), digits with {@code _} and {@code 0b} (numbers to Go's, text to YAML 1.2). Refused, so
     * that the plan never shows another number than the one deployed.
     */
    private boolean ambiguousNumber(String key, ScalarNode scalar) {
        if (!scalar.isPlain() || !AMBIGUOUS_NUMBER.matcher(scalar.getValue()).matches()) {
            return false;
        }
        problem(scalar, String.format("%s: %s is a number YAML readers disagree on (leading zeros, '_', 0b);"
                + " write it in plain decimal, or quote it if it is text.", key, Echo.quote(scalar.getValue())));
        return true;
    }

    private static final java.util.regex.Pattern AMBIGUOUS_NUMBER = java.util.regex.Pattern.compile(
            "[-+]?0[0-9_]+|[-+]?[0-9][0-9]*_[0-9_]*|[-+]?0b[01_]+|[-+]0x[0-9a-fA-F_]+|[-+]?[0-9]+(_[0-9]+)+\\.[0-9_]*");

    private static BigInteger integer(String text) {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.startsWith("0x")) {
            return new BigInteger(digits.substring(2), 16);
        }
        if (digits.startsWith("0o")) {
            return new BigInteger(digits.substring(2), 8);
        }
        return new BigInteger(digits);
    }

    /** {@code !!binary}: the CLI passes the decoded bytes as text, so they must be UTF-8. */
    private String binary(String key, ScalarNode scalar) {
        try {
            byte[] bytes = Base64.getDecoder().decode(scalar.getValue().replaceAll("[\\r\\n ]", ""));
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            problem(scalar, key + ": the !!binary value is not base64 of UTF-8 text; write the value as plain text.");
            return null;
        }
    }

    /** {@code {secure: <ciphertext>}}: a value the CLI decrypts for the program. */
    private static boolean isSecure(Node node) {
        return node instanceof MappingNode mapping && mapping.getValue().size() == 1
                && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key && key.getValue().equals("secure")
                && mapping.getValue().get(0).getValueNode() instanceof ScalarNode value && value.getTag().equals(Tag.STR);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    private static String oneLine(String text) {
        String line = String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").strip();
        return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
    }

    private static JsonElement orNull(JsonElement element) {
        return element == null ? JsonNull.INSTANCE : element;
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(0);
    }

    private String where(Mark mark) {
        return String.format("%s line %d, column %d", file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private void problem(Node node, String what) {
        problems.add(node.getStartMark().map(this::where).orElse(file) + ": " + what);
    }
}
