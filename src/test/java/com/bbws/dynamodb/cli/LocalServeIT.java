package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.local.LocalEngine;
import com.bbws.dynamodb.local.SampleItemWriter;
import com.bbws.dynamodb.local.TableInstaller;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.validate.AwsClients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.URI;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code local --stack dev} as a developer runs it: a separate process serving until it is
 * stopped, on loopback only, with tables that {@code validate} accepts.
 */
class LocalServeIT {

    private static List<String> java(String... args) {
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", "target/bbws-dynamodb.jar"));
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** `local --stack dev` on the port, as a process of its own. */
    private static Process local(int port) throws IOException {
        return new ProcessBuilder(java("local", "--stack", "dev", "--port", Integer.toString(port)))
                .redirectErrorStream(true).start();
    }

    /** Reads the output up to the "Serving on" line, which it returns last. */
    private static List<String> untilServing(BufferedReader out) throws IOException {
        var printed = new ArrayList<String>();
        String line;
        while ((line = out.readLine()) != null) {
            printed.add(line);
            if (line.startsWith("Serving on")) {
                break;
            }
        }
        return printed;
    }

    @Test
    void serves_the_stacks_tables_on_loopback_until_stopped() throws Exception {
        int port = freePort();
        Process local = local(port);
        try (var out = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> lines = untilServing(out);
            String line = lines.get(lines.size() - 1);
            String printed = String.join("\n", lines);
            assertThat(line).as("output so far:%n%s", printed)
                    .isEqualTo("Serving on http://127.0.0.1:" + port
                            + " (127.0.0.1 only, in memory: the tables go when it stops). Ctrl-C to stop.");
            Expected.tableNames(Environment.DEV).forEach(table ->
                    assertThat(printed).containsPattern(Pattern.quote(table) + " +CREATED"));
            assertThat(local.toHandle().children()).as("one JVM: the command runs where it was started").isEmpty();

            Process validate = new ProcessBuilder(java("validate", "--stack", "dev", "--endpoint",
                    "http://127.0.0.1:" + port)).redirectErrorStream(true).start();
            String report = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(validate.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(validate.exitValue()).as(report).isZero();

            Optional<InetAddress> external = nonLoopbackAddress();
            assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to probe");
            assertThatThrownBy(() -> {
                try (var probe = new Socket()) {
                    probe.connect(new InetSocketAddress(external.get(), port), 2000);
                }
            }).as("DynamoDB Local must not be reachable on %s", external.get()).isInstanceOf(IOException.class);

            // SIGTERM, as a service manager would stop it (Ctrl-C runs the same shutdown hook); not
            // Process.destroy(), which also closes our end of its output
            new ProcessBuilder("kill", "-TERM", Long.toString(local.pid())).start().waitFor();
            assertThat(out.lines().toList()).contains("DynamoDB Local stopped.");
            assertThat(local.waitFor(30, TimeUnit.SECONDS)).as("stopped in time").isTrue();
            assertThat(local.exitValue()).as("128 + SIGTERM, as README says").isEqualTo(143);
        } finally {
            local.destroyForcibly();
        }
    }

    @Test
    void with_a_db_path_the_sample_items_of_an_earlier_run_are_written_over_not_added_to(@TempDir Path folder)
            throws Exception {
        try (var engine = LocalEngine.start(freePort(), folder);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            var settings = StackConfigFile.settings(Path.of("."), "dev");
            new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings);
            new SampleItemWriter(dynamo).write(BbwsTables.CATALOGUE, settings.environment(), 20);
        }
        int port = freePort();
        Process local = new ProcessBuilder(java("local", "--stack", "dev", "--port", Integer.toString(port),
                "--db-path", folder.toString(), "--sample-items", "20")).redirectErrorStream(true).start();
        try (var out = new BufferedReader(new InputStreamReader(local.getInputStream(), StandardCharsets.UTF_8));
             var dynamo = AwsClients.dynamoDb(URI.create("http://127.0.0.1:" + port), "eu-west-1")) {
            String printed = String.join("\n", untilServing(out));
            assertThat(printed).as(printed).contains("Serving on http://127.0.0.1:" + port);
            for (String table : Expected.tableNames(Environment.DEV)) {
                assertThat(printed).containsPattern(Pattern.quote(table) + " +UNCHANGED")
                        .containsPattern("\n  " + Pattern.quote(table) + " +20 written");
                assertThat(dynamo.scan(b -> b.tableName(table)).count()).as(table).isEqualTo(20);
            }
            new ProcessBuilder("kill", "-TERM", Long.toString(local.pid())).start().waitFor();
            out.lines().forEach(line -> { });
            assertThat(local.waitFor(30, TimeUnit.SECONDS)).as("stopped in time").isTrue();
        } finally {
            local.destroyForcibly();
        }
    }

    @Test
    void a_damaged_database_ends_local_at_once_with_one_line_and_nothing_from_dynamodb_locals_logs(
            @TempDir Path folder) throws Exception {
        try (var engine = LocalEngine.start(freePort(), folder);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            dynamo.createTable(b -> b.tableName("kept").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
        }
        Path database = folder.resolve("shared-local-instance.db");
        byte[] bytes = Files.readAllBytes(database);
        var noise = new Random(3);
        for (int i = 100; i < bytes.length; i++) { // past the SQLite header: only reading the pages finds it
            bytes[i] = (byte) noise.nextInt(256);
        }
        Files.write(database, bytes);

        Process local = new ProcessBuilder(java("local", "--stack", "dev", "--port", Integer.toString(freePort()),
                "--db-path", folder.toString())).redirectErrorStream(true).start();
        String printed = new String(local.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(local.waitFor(60, TimeUnit.SECONDS)).as("ended by itself").isTrue();
        assertThat(local.exitValue()).as(printed).isEqualTo(3);
        // before: sqlite4java's 30-line trace, then "unknown error"
        assertThat(printed).isEqualTo(database + " is not a DynamoDB Local database it can read (SQLite: database disk"
                + " image is malformed): it may be damaged; move it away, or choose another --db-path." + System.lineSeparator());
    }

    /** `local --stack dev --db-path folder` as a process of its own. */
    private static Process local(int port, Path folder) throws IOException {
        return new ProcessBuilder(java("local", "--stack", "dev", "--port", Integer.toString(port),
                "--db-path", folder.toString())).redirectErrorStream(true).start();
    }

    /** What a `local` that must be refused printed, once it ended; one that serves instead fails the test. */
    private static String refusedOutput(Process local) throws Exception {
        try {
            // its output is one line: it fits the pipe, so waiting first cannot block it
            assertThat(local.waitFor(60, TimeUnit.SECONDS)).as("ended by itself, not serving").isTrue();
            return new String(local.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            local.destroyForcibly();
        }
    }

    private static String inUse(Path folder) {
        return "--db-path " + folder + " is in use: another local is serving it and holds "
                + folder.resolve(".bbws-local.lock") + "; stop that local first, or choose another --db-path."
                + System.lineSeparator();
    }

    @Test
    void a_second_local_on_a_served_db_path_is_refused_and_the_lock_of_a_killed_one_does_not_block(
            @TempDir Path folder) throws Exception {
        int port = freePort();
        Process first = local(port, folder);
        try (var out = new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8));
             var dynamo = AwsClients.dynamoDb(URI.create("http://127.0.0.1:" + port), "eu-west-1")) {
            String printed = String.join("\n", untilServing(out));
            assertThat(printed).as(printed).contains("Serving on http://127.0.0.1:" + port);
            Path database = folder.resolve("shared-local-instance.db");
            byte[] before = Files.readAllBytes(database);

            Process second = local(freePort(), folder);
            String refused = refusedOutput(second);
            assertThat(second.exitValue()).as(refused).isEqualTo(3);
            assertThat(refused).as("one line, and no table report: no engine started").isEqualTo(inUse(folder));
            assertThat(Files.readAllBytes(database)).as("left as it was").isEqualTo(before);
            assertThat(dynamo.listTables().tableNames()).as("the first one still serves")
                    .containsExactlyInAnyOrderElementsOf(Expected.tableNames(Environment.DEV));

            // SIGKILL: no shutdown hook runs; the OS drops the lock, the file stays
            new ProcessBuilder("kill", "-KILL", Long.toString(first.pid())).start().waitFor();
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        } finally {
            first.destroyForcibly();
        }
        assertThat(folder.resolve(".bbws-local.lock")).exists();
        try (var engine = LocalEngine.start(freePort(), folder);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            assertThat(dynamo.listTables().tableNames())
                    .containsExactlyInAnyOrderElementsOf(Expected.tableNames(Environment.DEV));
        }
    }

    @Test
    void a_local_refused_in_the_serving_jvm_leaves_the_folder_locked_for_other_processes(@TempDir Path folder)
            throws Exception {
        try (var serving = LocalEngine.start(freePort(), folder)) {
            CliRun inProcess = CliRun.of("local", "--stack", "dev", "--port", Integer.toString(freePort()),
                    "--db-path", folder.toString());
            assertThat(inProcess.exitCode()).isEqualTo(3);
            assertThat(inProcess.err()).isEqualTo(inUse(folder));

            // closing a second channel on the lock file in this JVM would have dropped the OS lock
            Process other = local(freePort(), folder);
            String refused = refusedOutput(other);
            assertThat(other.exitValue()).as(refused).isEqualTo(3);
            assertThat(refused).isEqualTo(inUse(folder));
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(i -> {
                    try {
                        return i.isUp() && !i.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }
}
