package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.Environment;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The platform's tagging rules: which tags every table carries and which a stack may change. */
public final class Tags {

    /** Tags the program sets from facts it owns; a stack cannot override them. */
    public static final Set<String> OWNED_BY_PROGRAM = Set.of("Project", "Environment", "ManagedBy", "Name");

    /** Tags a stack may override but never remove or empty (the old validation script required them). */
    public static final Set<String> OVERRIDABLE_REQUIRED = Set.of("Owner", "CostCenter", "Component", "Application");

    /** AWS's limits for tags on one resource. */
    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;

    /** The characters AWS allows in tag keys and values. */
    static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {
    }

    /** Every tag a table gets before stack overrides, except {@code Name}, which is per table. */
    public static Map<String, String> defaults(Environment environment) {
        var tags = new LinkedHashMap<String, String>();
        tags.put("Project", "bbws");
        tags.put("Environment", environment.id());
        tags.put("ManagedBy", "Pulumi");
        tags.put("Component", "DynamoDB");
        tags.put("Application", "BBWS");
        tags.put("Owner", "Platform Team");
        tags.put("CostCenter", "Engineering");
        return tags;
    }

    /** The stack's tag set: the defaults, with the stack's {@code tags} added or overriding where allowed. */
    static Map<String, String> read(ConfigReader reader, Environment environment) {
        var tags = new LinkedHashMap<>(defaults(environment));
        JsonObject given = reader.map(Setting.TAGS, "a map of tag names to values");
        if (given == null) {
            return tags;
        }
        for (Map.Entry<String, JsonElement> tag : given.entrySet()) {
            String key = tag.getKey();
            JsonElement value = tag.getValue();
            if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                reader.problem(Setting.TAGS, String.format("tag %s must have a text value, was %s; quote it in the YAML.",
                        Echo.quote(key), Echo.fragment(value.toString())));
            } else {
                String problem = problem(key, value.getAsString());
                if (problem == null) {
                    tags.put(key, value.getAsString());
                } else {
                    reader.problem(Setting.TAGS, problem);
                }
            }
        }
        // Name is added per table, so it counts against the limit too.
        if (tags.size() + 1 > MAX_TAGS) {
            reader.problem(Setting.TAGS, String.format("the tables would carry %d tags; AWS allows at most %d.",
                    tags.size() + 1, MAX_TAGS));
        }
        return tags;
    }

    /** What is wrong with a tag a stack sets, or null. */
    private static String problem(String key, String value) {
        if (OWNED_BY_PROGRAM.contains(key)) {
            return String.format("tag '%s' is set by the program and cannot be overridden.", key);
        }
        if (OVERRIDABLE_REQUIRED.contains(key) && value.isBlank()) {
            return String.format("tag '%s' is required; it may be given a new value but not removed.", key);
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            return String.format("tag key %s must be 1 to %d characters.", Echo.quote(key), MAX_KEY_LENGTH);
        }
        if (key.toLowerCase().startsWith("aws:")) {
            return String.format("tag key %s uses the prefix 'aws:', which AWS reserves.", Echo.quote(key));
        }
        if (!ALLOWED_CHARACTERS.matcher(key).matches()) {
            return String.format("tag key %s may only contain letters, digits, spaces and _ . : / = + - @.",
                    Echo.quote(key));
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return String.format("tag '%s' has a value of %d characters; at most %d are allowed.",
                    key, value.length(), MAX_VALUE_LENGTH);
        }
        if (!ALLOWED_CHARACTERS.matcher(value).matches()) {
            return String.format("tag '%s' has value %s; values may only contain letters, digits,"
                    + " spaces and _ . : / = + - @.", key, Echo.quote(value));
        }
        return null;
    }
}
