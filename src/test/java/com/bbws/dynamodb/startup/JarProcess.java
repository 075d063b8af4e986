package com.bbws.dynamodb.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the packaged jar as a process of its own, bounded in time, and finds the JDKs to run it on. */
public final class JarProcess {

    public static final Path JAR = Path.of("target", "bbws-dynamodb.jar");

    public record Finished(int exitCode, String out, String err) {
    }

    private JarProcess() {
    }

    /**
     * Starts the process and waits for it within the bound; past it, kills the process and every
     * process it started and fails.
     */
    public static Finished run(ProcessBuilder builder, Duration bound) throws IOException, InterruptedException {
        Path out = Files.createTempFile("bbws-jar", ".out");
        Path err = Files.createTempFile("bbws-jar", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process.toHandle());
                throw new AssertionError(String.format("%s did not finish within %s; killed. Output so far:%n%s%n%s",
                        builder.command(), bound, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8)));
            }
            return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Kills a process and its descendants outright, children first listed before it dies. */
    public static void killTree(ProcessHandle process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** A process builder for the jar with the test JVM's own java, the given args, and no user JVM options. */
    public static ProcessBuilder java(String... args) {
        var command = new java.util.ArrayList<>(List.of(javaOf(Path.of(System.getProperty("java.home"))).toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        withoutUserOptions(builder);
        return builder;
    }

    /** Clears what would change how the jar starts: JVM options from the environment, the engine. */
    public static ProcessBuilder withoutUserOptions(ProcessBuilder builder) {
        var env = builder.environment();
        List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS").forEach(env::remove);
        env.keySet().removeIf(name -> name.startsWith("PULUMI_"));
        return builder;
    }

    public static Path javaOf(Path javaHome) {
        return javaHome.resolve("bin").resolve("java");
    }

    /**
     * The JDK 25 a test needs; when there is none, the test is skipped with the reason printed, so a
     * run without one says what it did not prove.
     */
    public static Path requireJdk25(String test) throws IOException {
        Optional<Path> found = jdk25();
        if (found.isEmpty()) {
            System.err.println(test + " skipped: no JDK 25 (set JAVA_HOME_25, or install one under /usr/lib/jvm)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(),
                "no JDK 25: set JAVA_HOME_25, or install one under /usr/lib/jvm");
        return found.get();
    }

    /**
     * A JDK 25: {@code JAVA_HOME_25} (or GitHub's {@code JAVA_HOME_25_X64}), else one under
     * /usr/lib/jvm whose {@code release} file says 25.
     */
    public static Optional<Path> jdk25() throws IOException {
        for (String variable : List.of("JAVA_HOME_25", "JAVA_HOME_25_X64")) {
            String home = System.getenv(variable);
            if (home != null && !home.isBlank() && Files.isExecutable(javaOf(Path.of(home)))) {
                return Optional.of(Path.of(home));
            }
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.sorted().filter(home -> Files.isExecutable(javaOf(home)) && featureVersion(home) == 25).findFirst();
        }
    }

    /** The feature version of the JDK at javaHome, from its release file (0 when it cannot be read). */
    public static int featureVersion(Path javaHome) {
        try {
            return Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION=\""))
                    .map(line -> line.substring("JAVA_VERSION=\"".length()).split("[.\"]")[0])
                    .mapToInt(Integer::parseInt).findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
