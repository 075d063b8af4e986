package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.engine.EngineDouble;
import com.bbws.dynamodb.engine.LanguageHost;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged jar's re-launch into the tuned JVM, seen from outside: signals and debuggers. */
class TunedJvmIT {

    private static final Duration BOUND = Duration.ofSeconds(90);

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void a_signal_to_the_launching_jvm_stops_both_quietly_with_the_signals_exit_code(String signal, int exitCode)
            throws Exception {
        // a process started in the background by a non-interactive shell ignores SIGINT, and its children
        // inherit that: the JVM under test would never see the signal, and the test would wait forever
        Assumptions.assumeFalse(signal.equals("INT") && ignoresSigint(),
                "SIGINT is ignored by this test JVM (started in the background), so the jar would inherit that");
        Path err = Files.createTempFile("local", ".err");
        Process local = JarProcess.java("local", "--stack", "dev", "--port", Integer.toString(freePort()))
                .redirectError(err.toFile()).start();
        try (var out = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Serving on")) {
                // the tables it creates
            }
            assertThat(line).as("serving").isNotNull();
            assertThat(local.toHandle().children().map(child -> child.info().commandLine().orElse("")))
                    .as("re-launched").singleElement().asString().contains("-Dbbws.tunedJvm=1");

            new ProcessBuilder("kill", "-" + signal, Long.toString(local.pid())).start().waitFor();

            assertThat(out.lines()).contains("DynamoDB Local stopped.");
            assertThat(local.waitFor(30, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            assertThat(local.exitValue()).isEqualTo(exitCode);
            assertThat(Files.readString(err)).as("stderr").doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            JarProcess.killTree(local.toHandle());
            Files.deleteIfExists(err);
        }
    }

    /** Whether SIGINT (signal 2) is in this process's ignored set ({@code SigIgn} in /proc/self/status). */
    private static boolean ignoresSigint() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> new java.math.BigInteger(line.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(mask -> mask.testBit(1));
    }

    @Test
    void with_a_debugger_on_a_fixed_port_in_JDK_JAVA_OPTIONS_plan_runs_in_that_jvm() throws Exception {
        var plan = JarProcess.java("plan", "--stack", "sit");
        plan.environment().put("JDK_JAVA_OPTIONS", jdwp(freePort()));

        JarProcess.Finished run = JarProcess.run(plan, BOUND);

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(run.out()).contains("Totals: 3 tables, 7 GSIs, 3 PITR, 2 streams");
        // one JVM: the java launcher notes the variable once, the debugger listens once
        assertThat(run.err()).containsOnlyOnce("Picked up JDK_JAVA_OPTIONS").doesNotContain("bind failed");
    }

    @Test
    void with_a_debugger_on_a_fixed_port_in_JAVA_TOOL_OPTIONS_a_preview_runs_in_that_jvm() throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", "sit", "eu-west-1", "815856636111")) {
            var preview = LanguageHost.preview(Path.of(System.getProperty("java.home")), engine, "bbws-dynamodb", "sit");
            preview.environment().put("JAVA_TOOL_OPTIONS", jdwp(freePort()));

            JarProcess.Finished run = JarProcess.run(preview, BOUND);

            assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
            assertThat(engine.errors()).isEmpty();
            assertThat(engine.registrations(EngineDouble.TABLE_TYPE)).hasSize(3);
            assertThat(run.err()).containsOnlyOnce("Picked up JAVA_TOOL_OPTIONS").doesNotContain("bind failed");
        }
    }

    private static String jdwp(int port) {
        return "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + port;
    }
}
