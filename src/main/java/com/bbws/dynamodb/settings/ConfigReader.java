package com.bbws.dynamodb.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stack's raw config, read setting by setting, and the one collector of its problems: every
 * mistake is kept, so that the user sees all of them at once, each naming the key.
 */
final class ConfigReader {

    private final ConfigSource config;
    private final List<String> problems = new ArrayList<>();
    private final Set<Setting> refusedSecrets = EnumSet.noneOf(Setting.class);

    ConfigReader(ConfigSource config) {
        this.config = config;
        problems.addAll(Setting.unknownKeyProblems(config.keys()));
        for (Setting setting : Setting.values()) {
            if (config.secretKeys().contains(setting.fullKey()) && !setting.mayBeSecret()) {
                refusedSecrets.add(setting);
                problem(setting, "must not be a secret (secure:): it decides what the stack declares,"
                        + " and the offline plan must be able to read it. Write it as plain text.");
            }
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void problem(Setting setting, String what) {
        problems.add(setting.fullKey() + ": " + what);
    }

    /** A problem of the stack as a whole, not of one key. */
    void problem(String what) {
        problems.add(what);
    }

    /** Whether the stack sets the key at all (a refused or hidden secret counts as set). */
    boolean isSet(Setting setting) {
        return setting.read(config).isPresent();
    }

    /** Whether the value is a secret (then it is never shown in a message). */
    boolean isSecret(Setting setting) {
        return config.secretKeys().contains(setting.fullKey());
    }

    /** Whether the value is a secret this source cannot read (offline): set, but not checkable here. */
    boolean isHidden(Setting setting) {
        return config.hiddenKeys().contains(setting.fullKey()) && !refusedSecrets.contains(setting);
    }

    /** The raw value; empty when not set, or a secret where none is allowed (already reported). */
    Optional<String> text(Setting setting) {
        return refusedSecrets.contains(setting) ? Optional.empty() : setting.read(config);
    }

    /** A true/false setting; empty when it is not set, or not a boolean (then a problem is reported). */
    Optional<Boolean> bool(Setting setting) {
        Optional<String> value = text(setting);
        if (value.isPresent() && !value.get().equals("true") && !value.get().equals("false")) {
            problem(setting, String.format("%s is not a boolean; use true or false.", Echo.quote(value.get())));
            return Optional.empty();
        }
        return value.map(Boolean::parseBoolean);
    }

    /** A list of text values; null when the value is not one (the caller reports it, in its own words). */
    static List<String> stringList(String json) {
        JsonElement parsed = parse(json);
        if (parsed == null || !parsed.isJsonArray()) {
            return null;
        }
        var list = new ArrayList<String>();
        for (JsonElement element : parsed.getAsJsonArray()) {
            if (!element.isJsonPrimitive() || !element.getAsJsonPrimitive().isString()) {
                return null;
            }
            list.add(element.getAsString());
        }
        return list;
    }

    /** A map setting; null when absent or not a map (then a problem is reported with {@code expected}). */
    JsonObject map(Setting setting, String expected) {
        Optional<String> value = text(setting);
        if (value.isEmpty()) {
            return null;
        }
        JsonElement json = parse(value.get());
        if (json == null || !json.isJsonObject()) {
            problem(setting, String.format("must be %s, was %s.", expected, Echo.quote(value.get())));
            return null;
        }
        return json.getAsJsonObject();
    }

    /** A map setting with a fixed set of keys, each unknown one reported; null when absent or not a map. */
    JsonObject object(Setting setting, Set<String> keys) {
        String names = keys.stream().sorted().collect(Collectors.joining(", "));
        JsonObject object = map(setting, "a map with the keys " + names);
        if (object != null) {
            object.keySet().stream().filter(key -> !keys.contains(key)).sorted().forEach(key ->
                    problem(setting, String.format("unknown key %s; the keys are %s.", Echo.quote(key), names)));
        }
        return object;
    }

    boolean bool(Setting setting, JsonObject object, String key, boolean fallback) {
        JsonElement value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        problem(setting, String.format("%s must be true or false, was %s.", key, Echo.fragment(value.toString())));
        return fallback;
    }

    String text(Setting setting, JsonObject object, String key, String fallback) {
        JsonElement value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        problem(setting, String.format("%s must be text, was %s.", key, Echo.fragment(value.toString())));
        return fallback;
    }

    int whole(Setting setting, JsonObject object, String key, int fallback, int minimum) {
        JsonElement value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            BigDecimal number = value.getAsBigDecimal();
            if (number.stripTrailingZeros().scale() <= 0 && number.compareTo(BigDecimal.valueOf(minimum)) >= 0
                    && number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
                return number.intValueExact();
            }
        }
        problem(setting, String.format("%s must be a whole number of at least %d, was %s.",
                key, minimum, Echo.fragment(value.toString())));
        return fallback;
    }

    static JsonElement parse(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            return null;
        }
    }
}
