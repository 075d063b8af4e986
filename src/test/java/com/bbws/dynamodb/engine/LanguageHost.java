package com.bbws.dynamodb.engine;

import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.startup.JarProcess;
import com.google.gson.Gson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the packaged jar as the Pulumi CLI's Java language host runs the program: {@code java} from
 * PATH, {@code -jar target/bbws-dynamodb.jar}, no arguments, in the project directory, with the
 * engine's addresses, the stack and its config in the environment. (Before that, the host also runs
 * {@code java -cp <jar> com.pulumi.bootstrap.internal.Main packages} to list the plugins, the SDK's own
 * code: pulumi-java's jar executor, pluginArgs; the benchmark times it, the tests do not.)
 */
public final class LanguageHost {

    /** The workflows' JVM options that a JDK before 25 accepts (UserThreadWaitAttemptsAtExit is new in 25). */
    public static final String WORKFLOW_JVM_OPTIONS_BEFORE_25 = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /**
     * The JVM options the workflows give the program where Pulumi runs it, on Temurin 25 (JDK_JAVA_OPTIONS of
     * their pulumi steps; docs/performance.md). Every launch here on a JDK 25 runs with them too.
     */
    public static final String WORKFLOW_JVM_OPTIONS = WORKFLOW_JVM_OPTIONS_BEFORE_25
            + " -XX:UserThreadWaitAttemptsAtExit=0";

    private static final Gson GSON = new Gson();

    private LanguageHost() {
    }

    /**
     * The launch of a preview ({@code PULUMI_DRY_RUN=true}) of the stack under the engine, with
     * {@code java} taken from the JDK's bin/ first on PATH, in the workflows' JVM options.
     */
    public static ProcessBuilder preview(Path javaHome, EngineDouble engine, String project, String stack) {
        // `env` looks java up on the child's PATH, as the language host does (ProcessBuilder would use ours)
        var builder = new ProcessBuilder("/usr/bin/env", "java", "-jar", JarProcess.JAR.toString());
        JarProcess.withoutUserOptions(builder);
        Map<String, String> env = builder.environment();
        env.put("PATH", javaHome.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.putAll(environment(engine, project, stack));
        env.put("JDK_JAVA_OPTIONS", JarProcess.featureVersion(javaHome) >= 25 ? WORKFLOW_JVM_OPTIONS
                : WORKFLOW_JVM_OPTIONS_BEFORE_25);
        return builder.directory(Path.of("").toAbsolutePath().toFile());
    }

    /** The variables the language host sets for a preview of the stack under the engine. */
    public static Map<String, String> environment(EngineDouble engine, String project, String stack) {
        var env = new LinkedHashMap<String, String>();
        env.put("PULUMI_MONITOR", engine.address());
        env.put("PULUMI_ENGINE", engine.address());
        env.put("PULUMI_PROJECT", project);
        env.put("PULUMI_STACK", stack);
        env.put("PULUMI_DRY_RUN", "true");
        env.put("PULUMI_CONFIG", GSON.toJson(config(Path.of(""), stack)));
        env.put("PULUMI_CONFIG_SECRET_KEYS", "[]");
        return env;
    }

    /**
     * The config map the engine passes for a stack file without secrets: namespaced keys
     * ({@code namespace:key}, which pulumi-java's {@code Config.parseConfig} reads as they are),
     * scalars as their text, objects and lists as JSON text. Read by the program's own YAML 1.2
     * reader, as the Pulumi CLI reads stack files ("yes" is text, not true).
     */
    static Map<String, String> config(Path projectDir, String stack) {
        return StackConfigFile.load(projectDir, stack);
    }
}
