package com.bbws.dynamodb.settings;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stack's config as the engine would hand it to the program.
 *
 * @param values     {@code namespace:key} to text; objects and lists as JSON text
 * @param secretKeys the keys holding a secret
 * @param hiddenKeys the secret keys whose value is not known here (offline: {@link ConfigSource#SECRET})
 */
public record StackConfig(Map<String, String> values, Set<String> secretKeys, Set<String> hiddenKeys)
        implements ConfigSource {

    public StackConfig {
        values = Map.copyOf(values);
        secretKeys = Set.copyOf(secretKeys);
        hiddenKeys = Set.copyOf(hiddenKeys);
    }

    @Override
    public Optional<String> get(String namespace, String key) {
        return Optional.ofNullable(values.get(namespace + ":" + key));
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }
}
