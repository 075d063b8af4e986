package com.bbws.dynamodb.settings;

import com.google.gson.Gson;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A stack's {@code Pulumi.<stack>.yaml}, read into the map the Pulumi engine would hand the
 * program: namespaced keys ({@code bbws-dynamodb:environment}), objects and lists as JSON text.
 */
public final class StackConfigFile {

    private static final Gson GSON = new Gson();

    private StackConfigFile() {
    }

    /** The settings of a stack, from its file. */
    public static StackSettings settings(Path projectDir, String stack) {
        return StackSettingsReader.read(stack, ConfigSource.of(load(projectDir, stack)));
    }

    /**
     * @param projectDir the folder holding {@code Pulumi.yaml} and the stack files
     * @throws StackConfigException when the stack file is missing, unreadable or names a key the program does not read
     */
    public static Map<String, String> load(Path projectDir, String stack) {
        Path file = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new StackConfigException(stack, List.of(String.format("%s does not exist; the stacks here are %s.",
                    file, String.join(", ", stacksIn(projectDir)))));
        }
        Object document = read(stack, file);
        Object config = document instanceof Map<?, ?> map ? map.get("config") : null;
        if (config == null) {
            return Map.of();
        }
        if (!(config instanceof Map<?, ?> entries)) {
            throw new StackConfigException(stack, List.of(file + ": 'config' must be a map of keys to values."));
        }
        var values = new LinkedHashMap<String, String>();
        entries.forEach((key, value) -> {
            String fullKey = String.valueOf(key).contains(":") ? String.valueOf(key) : Setting.PROJECT + ":" + key;
            values.put(fullKey, value instanceof Map || value instanceof List ? GSON.toJson(value)
                    : String.valueOf(value));
        });
        // the program checks this too, but under a mock engine it cannot see which keys are set
        List<String> unknown = Setting.unknownKeyProblems(values.keySet());
        if (!unknown.isEmpty()) {
            throw new StackConfigException(stack, unknown);
        }
        return values;
    }

    /** The stacks that have a config file in the folder, sorted. */
    public static List<String> stacksIn(Path projectDir) {
        try (Stream<Path> files = Files.list(projectDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("Pulumi\\.[^.]+\\.yaml"))
                    .map(name -> name.substring("Pulumi.".length(), name.length() - ".yaml".length()))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Object read(String stack, Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException | YAMLException e) {
            throw new StackConfigException(stack, List.of(file + " is not readable YAML: " + e.getMessage()));
        }
    }
}
