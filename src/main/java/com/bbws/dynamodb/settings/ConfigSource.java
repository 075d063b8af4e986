package com.bbws.dynamodb.settings;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.pulumi.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Where a stack's raw config values come from: the Pulumi engine, or a map in tests. */
public interface ConfigSource {

    /** The raw value of {@code namespace:key}; objects and lists arrive as JSON text. */
    Optional<String> get(String namespace, String key);

    /** Every key the stack sets ({@code namespace:key}), or an empty set where that cannot be known. */
    Set<String> keys();

    /**
     * The config the engine gave the program. Its keys come from {@code PULUMI_CONFIG}, the
     * variable the Pulumi engine starts programs with (pulumi-java offers no public way to list
     * them); under a mock engine it is absent and no keys are known.
     */
    static ConfigSource of(Context ctx) {
        Set<String> keys = engineKeys(System.getenv("PULUMI_CONFIG"));
        return new ConfigSource() {
            @Override
            public Optional<String> get(String namespace, String key) {
                return ctx.config(namespace).get(key);
            }

            @Override
            public Set<String> keys() {
                return keys;
            }
        };
    }

    /** A map keyed as the engine passes config: {@code namespace:key}. */
    static ConfigSource of(Map<String, String> namespacedValues) {
        return new ConfigSource() {
            @Override
            public Optional<String> get(String namespace, String key) {
                return Optional.ofNullable(namespacedValues.get(namespace + ":" + key));
            }

            @Override
            public Set<String> keys() {
                return namespacedValues.keySet();
            }
        };
    }

    /** The keys of the engine's PULUMI_CONFIG JSON object, {@code project:config:key} written {@code project:key}. */
    static Set<String> engineKeys(String pulumiConfigJson) {
        if (pulumiConfigJson == null || pulumiConfigJson.isBlank()) {
            return Set.of();
        }
        try {
            return JsonParser.parseString(pulumiConfigJson).getAsJsonObject().keySet().stream()
                    .map(key -> key.replaceFirst("^([^:]+):config:", "$1:"))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (JsonParseException | IllegalStateException e) {
            return Set.of();
        }
    }
}
