package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bbws.dynamodb.startup.TunedJvm.Launch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a JDK 25 the build's training step writes an AOT cache beside the jar, and the tuned JVM loads
 * the program's classes from it; a cache that does not fit the JVM is passed over without a word.
 * The jar is copied with its lib/ into a folder of its own, so the packaged jar's own archive stays.
 */
class AotCacheIT {

    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final String[] PLAN = {"plan", "--stack", "sit"};

    @TempDir
    static Path folder;
    private static Path jdk25;
    private static Path jar;

    @BeforeAll
    static void trainOnJdk25() throws Exception {
        jdk25 = JarProcess.requireJdk25("AotCacheIT");
        jar = Files.copy(JarProcess.JAR, folder.resolve("bbws-dynamodb.jar"));
        Files.createSymbolicLink(folder.resolve("lib"), JarProcess.JAR.resolveSibling("lib").toAbsolutePath());

        var training = JarProcess.withoutUserOptions(new ProcessBuilder(JarProcess.javaOf(jdk25).toString(),
                "-cp", System.getProperty("java.class.path"), ArchiveTraining.class.getName(),
                jar.toString(), folder.toString(), folder.resolve("training.txt").toString()));
        JarProcess.Finished run = JarProcess.run(training, BOUND);

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(run.out()).as("no warning: the JVM wrote the cache").doesNotContain("[WARNING]");
    }

    /** The links to target/lib, removed before the folder is (JUnit would warn about each). */
    @AfterAll
    static void unlinkLib() throws Exception {
        Files.deleteIfExists(folder.resolve("lib"));
        Files.deleteIfExists(folder.resolve("other").resolve("lib"));
    }

    @Test
    void the_build_step_on_jdk_25_writes_an_aot_cache_and_no_cds_archive() {
        assertThat(folder.resolve(TunedJvm.AOT_CACHE)).isRegularFile();
        assertThat(folder.resolve(TunedJvm.ARCHIVE)).doesNotExist();
    }

    @Test
    void the_tuned_jvm_loads_the_program_and_the_grpc_classes_from_the_cache() throws Exception {
        List<String> tuned = new ArrayList<>(TunedJvm.command(
                new Launch(JarProcess.javaOf(jdk25).toString(), 25, List.of("-jar", jar.toString()), jar.toString(),
                        Map.of(), "2"), PLAN));
        assertThat(tuned).contains("-XX:AOTCache=" + folder.resolve(TunedJvm.AOT_CACHE));
        tuned.add(1, "-Xlog:class+load");

        JarProcess.Finished run = JarProcess.run(JarProcess.withoutUserOptions(new ProcessBuilder(tuned)), BOUND);

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(run.out()).contains("Totals: 3 tables, 7 GSIs, 3 PITR, 2 streams")
                .contains("com.bbws.dynamodb.App source: shared objects file")
                .contains("com.pulumi.test.internal.MockMonitor source: shared objects file")
                // trained under the engine double too: the gRPC client the program uses under `pulumi preview`
                .contains("io.grpc.ManagedChannel source: shared objects file");
    }

    @Test
    void a_bare_java_jar_on_jdk_25_plans_quietly_with_the_cache() throws Exception {
        JarProcess.Finished run = JarProcess.run(bare(), BOUND);

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(run.out()).contains("Totals: 3 tables, 7 GSIs, 3 PITR, 2 streams");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void a_cache_the_jvm_cannot_use_is_passed_over_silently() throws Exception {
        Path other = folder.resolve("other");
        Files.createDirectories(other);
        Path otherJar = Files.copy(jar, other.resolve("bbws-dynamodb.jar"));
        Files.createSymbolicLink(other.resolve("lib"), JarProcess.JAR.resolveSibling("lib").toAbsolutePath());
        // not a cache of this JDK build: as one from another JDK, it fails the JVM's header check
        Files.writeString(other.resolve(TunedJvm.AOT_CACHE), "an AOT cache from another JDK build");

        JarProcess.Finished run = JarProcess.run(JarProcess.withoutUserOptions(new ProcessBuilder(
                JarProcess.javaOf(jdk25).toString(), "-jar", otherJar.toString(), "plan", "--stack", "sit")), BOUND);

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(run.out()).contains("Totals: 3 tables, 7 GSIs, 3 PITR, 2 streams");
        assertThat(run.err()).isEmpty();
    }

    private static ProcessBuilder bare() {
        return JarProcess.withoutUserOptions(new ProcessBuilder(JarProcess.javaOf(jdk25).toString(), "-jar",
                jar.toString(), "plan", "--stack", "sit"));
    }
}
