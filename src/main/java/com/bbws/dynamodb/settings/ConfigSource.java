package com.bbws.dynamodb.settings;

import com.pulumi.Context;
import java.util.Map;
import java.util.Optional;

/** Where a stack's raw config values come from: the Pulumi engine, or a map in tests. */
@FunctionalInterface
public interface ConfigSource {

    /** The raw value of {@code namespace:key}; objects and lists arrive as JSON text. */
    Optional<String> get(String namespace, String key);

    static ConfigSource of(Context ctx) {
        return (namespace, key) -> ctx.config(namespace).get(key);
    }

    /** A map keyed as the engine passes config: {@code namespace:key}. */
    static ConfigSource of(Map<String, String> namespacedValues) {
        return (namespace, key) -> Optional.ofNullable(namespacedValues.get(namespace + ":" + key));
    }
}
