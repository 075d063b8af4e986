package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.engine.EngineDouble;
import com.bbws.dynamodb.engine.LanguageHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * On Java 25 with one or two CPUs the common ForkJoinPool has parallelism 1, and pulumi-java
 * 1.36.1 livelocks there (pulumi/pulumi-java#2270). The packaged jar must finish anyway, with the
 * SDK as released and only startup/CommonPool's guard: in the offline plan and launched as the
 * Pulumi engine launches it, given the CPU count as a JVM option; and launched bare by the engine
 * on that many CPUs (the CPU affinity).
 */
class Java25NoHangIT {

    /** A run takes a few seconds; the livelock never ends. Generous: the machine is shared. */
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String TASKSET = "/usr/bin/taskset";

    private static Path jdk25;

    @BeforeAll
    static void findJdk25() throws Exception {
        jdk25 = JarProcess.requireJdk25("Java25NoHangIT");
    }

    @ParameterizedTest(name = "{0} CPU(s)")
    @ValueSource(ints = {1, 2})
    void plan_finishes_with_the_cpu_count_given_as_a_jvm_option(int cpus) throws Exception {
        var command = new ArrayList<>(List.of(JarProcess.javaOf(jdk25).toString(), "-XX:ActiveProcessorCount=" + cpus));
        command.addAll(List.of(LanguageHost.WORKFLOW_JVM_OPTIONS.split(" ")));
        command.addAll(List.of("-jar", JarProcess.JAR.toString(), "plan", "--stack", "sit"));
        var plan = new ProcessBuilder(command);

        assertPlanned(JarProcess.run(JarProcess.withoutUserOptions(plan), BOUND));
    }

    @ParameterizedTest(name = "{0} CPU(s)")
    @ValueSource(ints = {1, 2})
    void under_the_engine_it_finishes_with_the_cpu_count_in_JDK_JAVA_OPTIONS(int cpus) throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", "sit", "eu-west-1", "815856636111")) {
            var preview = LanguageHost.preview(jdk25, engine, "bbws-dynamodb", "sit");
            preview.environment().merge("JDK_JAVA_OPTIONS", "-XX:ActiveProcessorCount=" + cpus, (a, b) -> a + " " + b);

            JarProcess.Finished run = JarProcess.run(preview, BOUND);

            assertPreviewed(run, engine);
            // the jar's manifest (Enable-Native-Access) lets netty load its native library without a warning
            assertThat(run.err()).doesNotContain("restricted method");
        }
    }

    @ParameterizedTest(name = "{0} CPU(s)")
    @ValueSource(ints = {1, 2})
    void under_the_engine_it_finishes_on_that_many_cpus(int cpus) throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", "sit", "eu-west-1", "815856636111")) {
            var preview = LanguageHost.preview(jdk25, engine, "bbws-dynamodb", "sit");
            preview.command(onCpus(cpus, preview.command().toArray(String[]::new)));

            assertPreviewed(JarProcess.run(preview, BOUND), engine);
        }
    }

    /** The command pinned to the first {@code cpus} CPUs, which is what the JVM then counts. */
    private static List<String> onCpus(int cpus, String... command) {
        assumeTrue(Files.isExecutable(Path.of(TASKSET)), "no taskset to limit the CPUs with");
        assumeTrue(Runtime.getRuntime().availableProcessors() >= cpus, "this machine has fewer than " + cpus + " CPUs");
        var pinned = new ArrayList<>(List.of(TASKSET, "--cpu-list", "0-" + (cpus - 1)));
        pinned.addAll(List.of(command));
        return pinned;
    }

    private static void assertPlanned(JarProcess.Finished plan) {
        assertThat(plan.exitCode()).as("exit code; stderr:%n%s", plan.err()).isZero();
        assertThat(plan.out()).contains(Expected.totals());
    }

    private static void assertPreviewed(JarProcess.Finished preview, EngineDouble engine) {
        assertThat(preview.exitCode()).as("exit code; stderr:%n%s", preview.err()).isZero();
        assertThat(engine.errors()).isEmpty();
        assertThat(engine.registrations(EngineDouble.TABLE_TYPE)).hasSize(Expected.tables().size());
        assertThat(engine.stackOutputs()).isPresent();
    }
}
