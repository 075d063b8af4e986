package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged jar, started as a separate process exactly as the README's first command starts it. */
class RunnableJarIT {

    private static final Path JAR = Path.of("target", "bbws-dynamodb.jar");

    record Result(int exitCode, String out, String err) {
    }

    private static Result java(String... args) throws IOException, InterruptedException {
        assertThat(JAR).exists();
        var command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command);
        builder.environment().remove("PULUMI_MONITOR");
        Path out = Files.createTempFile("plan", ".out");
        Path err = Files.createTempFile("plan", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void plan_of_sit_prints_the_catalogues_totals_and_names() throws Exception {
        Result result = java("plan", "--stack", "sit");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains(Expected.totals());
        Expected.tableNames(Environment.SIT).forEach(name ->
                assertThat(result.out()).containsPattern("name +" + Pattern.quote(name) + "\n"));
        assertThat(withoutTheJdksUnsafeWarning(result.err())).isEmpty();
    }

    /**
     * Java 24 and later warn, in four lines, that a dependency of the SDK (protobuf, netty) calls a
     * sun.misc.Unsafe method deprecated for removal (JEP 471/498; docs/performance.md); nothing else may be printed.
     */
    private static String withoutTheJdksUnsafeWarning(String err) {
        if (Runtime.version().feature() < 24) {
            return err;
        }
        return err.lines().filter(line -> !(line.startsWith("WARNING: ") && (line.contains("sun.misc.Unsafe")
                || line.startsWith("WARNING: Please consider reporting this to the maintainers of class "))))
                .map(line -> line + "\n").reduce("", String::concat);
    }

    @Test
    void the_jar_holds_only_the_programs_classes_and_lib_holds_the_dependencies_as_released() throws Exception {
        try (var jar = new JarFile(JAR.toFile())) {
            assertThat(jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class")))
                    .as("no class of a dependency is shadowed by the program's jar")
                    .isNotEmpty().allMatch(name -> name.startsWith("com/bbws/dynamodb/"));
        }
        // the test class path holds the jars Maven resolved from Maven Central into the local repository
        var resolved = new HashMap<String, Path>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            resolved.putIfAbsent(Path.of(entry).getFileName().toString(), Path.of(entry));
        }
        try (var lib = Files.list(JAR.resolveSibling("lib"))) {
            List<Path> jars = lib.sorted().toList();
            assertThat(jars).isNotEmpty().allSatisfy(copied -> {
                Path released = resolved.get(copied.getFileName().toString());
                assertThat(released).as("%s in the local Maven repository", copied.getFileName()).isNotNull();
                assertThat(sha("SHA-256", copied)).as("%s, byte for byte", copied).isEqualTo(sha("SHA-256", released));
                // Maven Central's own checksum, where the repository kept it beside the jar
                Path centralSha1 = released.resolveSibling(released.getFileName() + ".sha1");
                if (Files.isRegularFile(centralSha1)) {
                    assertThat(sha("SHA-1", copied)).as("%s against %s", copied, centralSha1)
                            .isEqualTo(Files.readString(centralSha1).trim().split("\\s+")[0]);
                }
            });
        }
    }

    private static String sha(String algorithm, Path file) throws Exception {
        return HexFormat.of().formatHex(
                MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file)));
    }

    @Test
    void plan_of_an_unknown_stack_exits_1_with_one_line_and_no_stack_trace() throws Exception {
        Result result = java("plan", "--stack", "qa");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Stack 'qa': a stack is named after its environment, one of dev, sit, prod;"
                + " 'qa' is not one (table names are fixed per account, so a stack of another name would take over an"
                + " environment's tables)." + System.lineSeparator());
    }

    @Test
    void the_jar_pulumi_runs_has_only_the_programs_dependencies_on_its_class_path() throws Exception {
        String classPath;
        try (var jar = new JarFile(JAR.toFile())) {
            classPath = jar.getManifest().getMainAttributes().getValue("Class-Path");
        }
        List<String> entries = List.of(classPath.split(" "));

        assertThat(entries).anyMatch(e -> e.startsWith("lib/pulumi-1.36.1")).anyMatch(e -> e.startsWith("lib/aws-6.83.0"));
        try (var tools = Files.list(Path.of("target", "tools-lib"))) {
            List<String> toolJars = tools.map(p -> "lib/" + p.getFileName()).toList();
            assertThat(toolJars).anyMatch(j -> j.startsWith("lib/DynamoDBLocal-"))
                    .anyMatch(j -> j.startsWith("lib/dynamodb-2.57"));
            assertThat(entries).doesNotContainAnyElementsOf(toolJars);
        }
    }

    @Test
    void without_a_command_outside_the_pulumi_engine_it_shows_usage() throws Exception {
        Result result = java();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Name a command, e.g. 'plan --stack sit'.").contains("Usage: bbws-dynamodb");
    }
}
