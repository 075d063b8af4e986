package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.startup.TunedJvm.Launch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TunedJvmTest {

    private static final String[] PLAN = {"plan", "--stack", "sit"};

    @TempDir
    Path target;
    private String jar;

    @BeforeEach
    void aPackagedJarWithItsArchive() throws IOException {
        jar = Files.createFile(target.resolve("bbws-dynamodb.jar")).toString();
        Files.createFile(target.resolve(TunedJvm.ARCHIVE));
        Files.createFile(target.resolve(TunedJvm.AOT_CACHE));
    }

    /** Started as Pulumi starts it: `java -jar <jar>`, nothing else. */
    private Launch bare(Map<String, String> environment) {
        return new Launch("/jdk/bin/java", 17, List.of("-jar", jar), jar, environment, null);
    }

    @Test
    void a_bare_java_jar_is_relaunched_with_the_archive_c1_and_serial_gc() {
        assertThat(TunedJvm.command(bare(Map.of("PATH", "/usr/bin")), PLAN)).containsExactly("/jdk/bin/java",
                "-XX:SharedArchiveFile=" + target.resolve(TunedJvm.ARCHIVE), "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dbbws.tunedJvm=1", "-jar", jar, "plan", "--stack", "sit");
    }

    @Test
    void on_java_25_the_tuned_jvm_allows_protobufs_use_of_unsafe_without_a_warning_on_every_run() {
        var java25 = new Launch("/jdk/bin/java", 25, List.of("-jar", jar), jar, Map.of(), null);

        assertThat(TunedJvm.command(java25, PLAN)).contains("--sun-misc-unsafe-memory-access=allow")
                .as("netty's native transport, loaded under the engine").contains("--enable-native-access=ALL-UNNAMED");
        assertThat(TunedJvm.command(bare(Map.of()), PLAN)).as("Java 17 does not know the option")
                .doesNotContain("--sun-misc-unsafe-memory-access=allow");
    }

    @Test
    void on_java_25_it_is_relaunched_with_the_aot_cache_and_a_cache_it_cannot_use_is_passed_over_silently() {
        var java25 = new Launch("/jdk/bin/java", 25, List.of("-jar", jar), jar, Map.of(), "2");

        assertThat(TunedJvm.command(java25, PLAN))
                .containsSubsequence("/jdk/bin/java", "-XX:AOTCache=" + target.resolve(TunedJvm.AOT_CACHE), "-Xlog:aot=off",
                        "-Xlog:cds=off", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar)
                .noneMatch(option -> option.startsWith("-XX:SharedArchiveFile"));
    }

    @ParameterizedTest(name = "Java {0}")
    @ValueSource(ints = {17, 21, 24})
    void before_java_25_it_is_the_class_data_sharing_archive(int java) {
        var launch = new Launch("/jdk/bin/java", java, List.of("-jar", jar), jar, Map.of(), null);

        assertThat(TunedJvm.command(launch, PLAN)).contains("-XX:SharedArchiveFile=" + target.resolve(TunedJvm.ARCHIVE))
                .noneMatch(option -> option.startsWith("-XX:AOTCache")).doesNotContain("-Xlog:aot=off");
    }

    @Test
    void a_jar_built_on_java_17_runs_on_java_25_without_a_relaunch_since_it_has_no_aot_cache() throws IOException {
        Files.delete(target.resolve(TunedJvm.AOT_CACHE));

        assertThat(TunedJvm.command(new Launch("/jdk/bin/java", 25, List.of("-jar", jar), jar, Map.of(), "2"), PLAN))
                .isEmpty();
        assertThat(TunedJvm.command(bare(Map.of()), PLAN)).as("Java 17 still has its archive").isNotEmpty();
    }

    @Test
    void a_jar_built_on_java_25_runs_on_java_17_without_a_relaunch_since_it_has_no_cds_archive() throws IOException {
        Files.delete(target.resolve(TunedJvm.ARCHIVE));

        assertThat(TunedJvm.command(bare(Map.of()), PLAN)).isEmpty();
        assertThat(TunedJvm.command(new Launch("/jdk/bin/java", 25, List.of("-jar", jar), jar, Map.of(), "2"), PLAN))
                .as("Java 25 still has its cache").isNotEmpty();
    }

    @Test
    void the_tuned_jvm_gets_the_common_pool_parallelism_of_the_launching_one() {
        var launch = new Launch("/jdk/bin/java", 17, List.of("-jar", jar), jar, Map.of(), "2");

        assertThat(TunedJvm.command(launch, PLAN))
                .containsSubsequence("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", "-jar", jar);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"})
    void options_from_the_environment_such_as_a_debugger_keep_the_program_in_this_jvm(String variable) {
        // a second JVM would try to bind the same port and fail
        var debugger = Map.of(variable, "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005");

        assertThat(TunedJvm.command(bare(debugger), PLAN)).isEmpty();
        assertThat(TunedJvm.command(bare(Map.of(variable, "-Xshare:off")), PLAN)).isEmpty();
    }

    @Test
    void an_empty_options_variable_does_not_count() {
        assertThat(TunedJvm.command(bare(Map.of("JDK_JAVA_OPTIONS", " ")), PLAN)).isNotEmpty();
    }

    @Test
    void options_on_the_command_line_keep_the_program_in_this_jvm() {
        var debugged = new Launch("/jdk/bin/java", 17, List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-jar", jar, "plan"), jar, Map.of(), null);

        assertThat(TunedJvm.command(debugged, PLAN)).isEmpty();
    }

    @Test
    void the_switch_turns_it_off() {
        assertThat(TunedJvm.command(bare(Map.of("BBWS_TUNED_JVM", "off")), PLAN)).isEmpty();
    }

    @Test
    void without_the_archive_beside_the_jar_it_runs_here() throws IOException {
        Files.delete(target.resolve(TunedJvm.ARCHIVE));
        Files.delete(target.resolve(TunedJvm.AOT_CACHE));

        assertThat(TunedJvm.command(bare(Map.of()), PLAN)).isEmpty();
    }

    @Test
    void when_its_own_command_line_cannot_be_read_it_runs_here() {
        assertThat(TunedJvm.command(new Launch(null, 17, null, jar, Map.of(), null), PLAN)).isEmpty();
        assertThat(TunedJvm.command(new Launch("/jdk/bin/java", 17, null, jar, Map.of(), null), PLAN)).isEmpty();
    }

    @Test
    void the_tuned_jvm_notices_its_parent_is_gone_while_every_common_pool_worker_is_busy() throws Exception {
        Process parent = new ProcessBuilder("sleep", "60").start();
        var release = new CountDownLatch(1);
        var gone = new CountDownLatch(1);
        try {
            // hold every worker of the common pool, as a livelocked program does
            for (int i = 0; i <= ForkJoinPool.getCommonPoolParallelism(); i++) {
                ForkJoinPool.commonPool().execute(() -> awaitQuietly(release));
            }
            TunedJvm.watch(parent.toHandle(), gone::countDown);

            parent.destroyForcibly();

            assertThat(gone.await(10, TimeUnit.SECONDS)).as("noticed").isTrue();
        } finally {
            release.countDown();
            parent.destroyForcibly();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void does_not_relaunch_when_not_started_from_the_packaged_jar() {
        // the test JVM runs from target/classes and a long class path, not `java -jar`
        assertThat(System.getProperty("java.class.path")).doesNotEndWith(".jar");
        assertThat(TunedJvm.command(Launch.ofThisJvm(), PLAN)).isEmpty();
    }
}
