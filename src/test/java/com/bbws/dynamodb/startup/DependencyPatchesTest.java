package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.Pulumi;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import picocli.CommandLine;

/**
 * The build's patches of its dependencies (build/DependencyPatches.java): the backport of
 * pulumi/pulumi-java#2314 is what the tests and the program run, it refuses any SDK class but the
 * one it was written for, and the rewrite of pre-Java 6 classes gives classes the JVM verifies.
 */
class DependencyPatchesTest {

    private static final String LOOP = "loopUntilDone";
    private static final String RUN_ASYNC = "com/pulumi/core/internal/ContextAwareCompletableFuture.runAsync ";

    @Test
    void the_tests_run_the_sdk_deployment_loop_that_rechecks_after_10_ms() throws Exception {
        URL runner = ClassLoader.getSystemResource(PatchedClasses.RUNNER);

        assertThat(Path.of(runner.toURI())).as("the runner the class path finds first")
                .isEqualTo(Path.of("target", "classes").toAbsolutePath().resolve(PatchedClasses.RUNNER));
        try (InputStream in = runner.openStream()) {
            assertThat(PatchedClasses.instructions(in.readAllBytes(), LOOP)).containsSubsequence(
                    "ldc 10",
                    "java/util/concurrent/TimeUnit.MILLISECONDS",
                    "java/util/concurrent/CompletableFuture.delayedExecutor (JLjava/util/concurrent/TimeUnit;)Ljava/util/concurrent/Executor;",
                    RUN_ASYNC + "(Ljava/lang/Runnable;Ljava/util/concurrent/Executor;)Ljava/util/concurrent/CompletableFuture;")
                    .doesNotContain(RUN_ASYNC + "(Ljava/lang/Runnable;)Ljava/util/concurrent/CompletableFuture;");
        }
    }

    @Test
    void another_sdk_version_fails_the_build_step_naming_the_backport_and_writes_nothing(@TempDir Path dir) throws Exception {
        Path otherSdk = dir.resolve("pulumi-9.9.9.jar");
        try (var jar = new ZipOutputStream(Files.newOutputStream(otherSdk))) {
            jar.putNextEntry(new ZipEntry(PatchedClasses.RUNNER));
            jar.write(PatchedClasses.entry(jarOf(Pulumi.class), PatchedClasses.RUNNER.replace("$DefaultRunner", "")));
        }
        Files.createDirectories(dir.resolve("lib"));

        JarProcess.Finished run = patch(otherSdk, dir.resolve("classes"), dir.resolve("lib"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("build/DependencyPatches: pulumi-9.9.9.jar: its " + PatchedClasses.RUNNER
                + " is not the com.pulumi:pulumi:1.36.1 class the backport of pulumi/pulumi-java#2314 is written for. If"
                + " this version has the fix, delete the backport (backportRunnerFix in build/DependencyPatches.java);"
                + " if not, adapt it to this version.");
        assertThat(dir.resolve("classes")).doesNotExist();
    }

    @Test
    void classes_older_than_java_6_become_version_52_and_verify(@TempDir Path dir) throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Path picocli = Files.copy(jarOf(CommandLine.class), lib.resolve("picocli.jar"));
        assertThat(PatchedClasses.classesOlderThan(picocli, 50)).as("picocli as published").isNotEmpty();
        List<String> entries = entryNames(picocli);

        JarProcess.Finished run = patch(jarOf(Pulumi.class), dir.resolve("classes"), lib);

        assertThat(run.exitCode()).as("stderr: %s", run.err()).isZero();
        assertThat(run.out()).contains("classes of picocli.jar now class file version 52");
        assertThat(PatchedClasses.classesOlderThan(picocli, 52)).isEmpty();
        assertThat(entryNames(picocli)).isEqualTo(entries);
        // each class linked, so verified by the type-checking verifier against the frames the rewrite computed
        try (var loader = new URLClassLoader(new URL[] {picocli.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            for (String entry : entries) {
                if (entry.endsWith(".class") && !entry.startsWith("META-INF/")) {
                    String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                    assertThat(Class.forName(name, true, loader).getClassLoader()).isSameAs(loader);
                }
            }
        }
        assertThat(new ClassReader(PatchedClasses.entry(picocli, "picocli/CommandLine.class")).getClassName())
                .isEqualTo("picocli/CommandLine");
    }

    /** The build step, run as Maven runs it: the single-file program with ASM on its class path. */
    private static JarProcess.Finished patch(Path pulumiJar, Path classes, Path lib) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(JarProcess.javaOf(Path.of(System.getProperty("java.home"))).toString(),
                "-cp", jarOf(ClassReader.class).toString(), "build/DependencyPatches.java",
                pulumiJar.toString(), classes.toString(), lib.toString()));
        return JarProcess.run(JarProcess.withoutUserOptions(new ProcessBuilder(command)), Duration.ofSeconds(120));
    }

    private static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> entryNames(Path jar) throws IOException {
        try (var file = new java.util.zip.ZipFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
