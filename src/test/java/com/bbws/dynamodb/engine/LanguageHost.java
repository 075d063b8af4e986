package com.bbws.dynamodb.engine;

import com.bbws.dynamodb.startup.JarProcess;
import com.google.gson.Gson;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * Starts the packaged jar exactly as the Pulumi CLI's Java language host does: {@code java} from
 * PATH, {@code -jar target/bbws-dynamodb.jar}, no arguments, in the project directory, with the
 * engine's addresses, the stack and its config in the environment.
 */
public final class LanguageHost {

    private static final Gson GSON = new Gson();

    private LanguageHost() {
    }

    /**
     * The launch of a preview ({@code PULUMI_DRY_RUN=true}) of the stack under the engine, with
     * {@code java} taken from the JDK's bin/ first on PATH.
     */
    public static ProcessBuilder preview(Path javaHome, EngineDouble engine, String project, String stack)
            throws IOException {
        // `env` looks java up on the child's PATH, as the language host does (ProcessBuilder would use ours)
        var builder = new ProcessBuilder("/usr/bin/env", "java", "-jar", JarProcess.JAR.toString());
        JarProcess.withoutUserOptions(builder);
        Map<String, String> env = builder.environment();
        env.put("PATH", javaHome.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("PULUMI_MONITOR", engine.address());
        env.put("PULUMI_ENGINE", engine.address());
        env.put("PULUMI_PROJECT", project);
        env.put("PULUMI_STACK", stack);
        env.put("PULUMI_DRY_RUN", "true");
        env.put("PULUMI_CONFIG", GSON.toJson(config(Path.of("Pulumi." + stack + ".yaml"))));
        env.put("PULUMI_CONFIG_SECRET_KEYS", "[]");
        return builder.directory(Path.of("").toAbsolutePath().toFile());
    }

    /**
     * The config map the engine passes for a stack file without secrets: keys as written
     * ({@code namespace:key}, which pulumi-java's {@code Config.parseConfig} reads as they are,
     * and also in the older {@code namespace:config:key} form), scalars as their text, objects and
     * lists as JSON text.
     */
    static Map<String, String> config(Path stackFile) throws IOException {
        Map<String, Object> file;
        try (Reader reader = Files.newBufferedReader(stackFile, StandardCharsets.UTF_8)) {
            file = new Yaml().load(reader);
        }
        @SuppressWarnings("unchecked")
        var values = (Map<String, Object>) file.getOrDefault("config", Map.of());
        var config = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> config.put(key,
                value instanceof Map<?, ?> || value instanceof List<?> ? GSON.toJson(value) : String.valueOf(value)));
        return config;
    }
}
