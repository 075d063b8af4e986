package com.bbws.dynamodb.settings;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.pulumi.Context;
import com.pulumi.deployment.Deployment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a stack's raw config values come from: the Pulumi engine, a stack file read offline, or a
 * map in tests. Keys are {@code namespace:key}; objects and lists arrive as JSON text.
 */
public interface ConfigSource {

    /** Stands in for a {@code secure:} value the offline plan cannot decrypt. */
    String SECRET = "[secret]";

    /** The raw value of {@code namespace:key}; {@link #SECRET} for a secret this source cannot read. */
    Optional<String> get(String namespace, String key);

    /** Every key the stack sets ({@code namespace:key}), or an empty set where that cannot be known. */
    Set<String> keys();

    /** The keys whose values are secrets ({@code secure:} in the stack file). */
    default Set<String> secretKeys() {
        return Set.of();
    }

    /** The secret keys whose values this source does not know: offline, nothing is decrypted. */
    default Set<String> hiddenKeys() {
        return Set.of();
    }

    /**
     * The config the engine gave the program. The Pulumi CLI starts the program with it in
     * {@code PULUMI_CONFIG} and {@code PULUMI_CONFIG_SECRET_KEYS}, which pulumi-java reads too
     * ({@code DeploymentImpl.Config.parse}); under a mock engine they are absent: the values come from the
     * context, the keys set are not known, and which of the program's settings are secrets is asked of the
     * SDK's config (a test gives it with {@code PulumiTestInternal.Builder.config(values, secretKeys)}).
     */
    static ConfigSource of(Context ctx) {
        String engineConfig = System.getenv("PULUMI_CONFIG");
        if (engineConfig != null && !engineConfig.isBlank()) {
            return fromEngine(engineConfig, System.getenv("PULUMI_CONFIG_SECRET_KEYS"));
        }
        return new ConfigSource() {
            @Override
            public Optional<String> get(String namespace, String key) {
                return ctx.config(namespace).get(key);
            }

            @Override
            public Set<String> keys() {
                return Set.of();
            }

            /**
             * pulumi-java's {@code Config.get} does not say whether a value is a secret (and {@code getSecret}
             * makes any value one); the deployment's config holds the secret keys it was given.
             */
            @Override
            public Set<String> secretKeys() {
                var sdkConfig = Deployment.getInstance().getConfig();
                return Arrays.stream(Setting.values()).map(Setting::fullKey).filter(sdkConfig::isConfigSecret)
                        .collect(Collectors.toUnmodifiableSet());
            }
        };
    }

    /** A map keyed as the engine passes config: {@code namespace:key}. */
    static ConfigSource of(Map<String, String> namespacedValues) {
        return new StackConfig(namespacedValues, Set.of(), Set.of());
    }

    /**
     * The config as the engine passes it: a JSON object of keys to text ({@code project:key}, or the
     * older {@code project:config:key}), and a JSON list of the keys that hold secrets (decrypted).
     */
    static ConfigSource fromEngine(String pulumiConfigJson, String secretKeysJson) {
        var values = new LinkedHashMap<String, String>();
        JsonElement config = parseOrNull(pulumiConfigJson);
        if (config != null && config.isJsonObject()) {
            config.getAsJsonObject().entrySet().forEach(entry -> values.put(engineKey(entry.getKey()),
                    entry.getValue().isJsonPrimitive() ? entry.getValue().getAsString() : entry.getValue().toString()));
        }
        var secrets = new LinkedHashSet<String>();
        JsonElement secretKeys = parseOrNull(secretKeysJson);
        if (secretKeys != null && secretKeys.isJsonArray()) {
            secretKeys.getAsJsonArray().forEach(key -> secrets.add(engineKey(key.getAsString())));
        }
        return new StackConfig(values, secrets, Set.of());
    }

    /** {@code project:config:key}, as older engines write it, is {@code project:key}. */
    private static String engineKey(String key) {
        return key.replaceFirst("^([^:]+):config:", "$1:");
    }

    private static JsonElement parseOrNull(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            return null;
        }
    }
}
