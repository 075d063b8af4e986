package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.App;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bbws.dynamodb.local.DatabaseFolderTest;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.bbws.dynamodb.validate.AwsClients;
import com.bbws.dynamodb.validate.ForeignEndpoints;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;

/** {@code local --endpoint} and {@code validate}, as a user runs them, against a real DynamoDB Local. */
class LocalAndValidateCommandTest {

    private final String endpoint = DynamoDbLocal.engine().endpoint().toString();

    record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode = Cli.run(App::stack, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @AfterEach
    void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    @Test
    void local_creates_the_stacks_tables_on_a_running_engine_and_validate_then_exits_0() {
        Run local = cli("local", "--stack", "dev", "--endpoint", endpoint);

        assertThat(local.exitCode()).isZero();
        assertThat(local.out()).contains("Stack 'dev' tables on " + endpoint)
                .containsPattern("tenants +CREATED +created: 3 GSIs, stream NEW_AND_OLD_IMAGES, deletion protection off")
                .containsPattern("products-dev +CREATED +created: 1 GSIs, no stream, deletion protection off")
                .contains("Not on this engine: point-in-time recovery (the engine has no continuous backups API);"
                        + " tables: tenants, products-dev, campaigns");

        Run validate = cli("validate", "--stack", "dev", "--endpoint", endpoint);

        assertThat(validate.exitCode()).isZero();
        assertThat(validate.out()).containsPattern("PASS +tenants +gsi EmailIndex +email HASH, projection ALL, ACTIVE")
                .containsPattern("NOT CHECKABLE +campaigns +tags +not checkable here: Tagging is not currently"
                        + " supported in DynamoDB Local.")
                .endsWith("Stack 'dev' at " + endpoint + ": 31 passed, 0 failed, 17 not checkable here."
                        + System.lineSeparator());
    }

    @Test
    void validate_exits_1_and_names_the_check_after_a_fault_is_injected() {
        cli("local", "--stack", "dev", "--endpoint", endpoint);
        DynamoDbLocal.client().updateTable(b -> b.tableName("campaigns").globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("ActiveIndex")).build()));

        Run validate = cli("validate", "--stack", "dev", "--endpoint", endpoint, "--json");

        assertThat(validate.exitCode()).isEqualTo(1);
        var report = JsonParser.parseString(validate.out()).getAsJsonObject();
        assertThat(report.get("exitCode").getAsInt()).isEqualTo(1);
        assertThat(report.getAsJsonObject("summary").get("failed").getAsInt()).isEqualTo(1);
        var failed = report.getAsJsonArray("checks").asList().stream().map(e -> e.getAsJsonObject())
                .filter(c -> c.get("outcome").getAsString().equals("FAIL")).toList();
        assertThat(failed).singleElement().satisfies(check -> {
            assertThat(check.get("table").getAsString()).isEqualTo("campaigns");
            assertThat(check.get("name").getAsString()).isEqualTo("gsi ActiveIndex");
        });
    }

    @Test
    void validate_exits_2_when_the_endpoint_is_down() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Run validate = cli("validate", "--stack", "sit", "--endpoint", "http://127.0.0.1:" + closedPort);

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.out()).isEmpty();
        assertThat(validate.err()).startsWith("Could not check: Could not reach DynamoDB at http://127.0.0.1:"
                + closedPort + " for DescribeTable tenants: ");
    }

    @Test
    void validate_of_an_unknown_stack_could_not_check_exit_2_not_the_drift_code() {
        Run validate = cli("validate", "--stack", "qa", "--endpoint", endpoint);

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.err()).startsWith("Could not check: Stack 'qa': a stack is named after its environment,"
                + " one of dev, sit, prod;");
    }

    @Test
    void validate_against_a_web_server_that_is_not_dynamodb_exits_2_with_one_line() throws IOException {
        for (int status : new int[] {200, 404}) {
            HttpServer web = ForeignEndpoints.answering(status, "text/html", "<html><body>Welcome</body></html>");
            try {
                String url = ForeignEndpoints.endpoint(web).toString();

                Run validate = cli("validate", "--stack", "dev", "--endpoint", url);

                assertThat(validate.exitCode()).as("HTTP %d", status).isEqualTo(2);
                assertThat(validate.out()).isEmpty();
                assertThat(validate.err()).isEqualTo("Could not check: " + url + " is not DynamoDB: it answered"
                        + " DescribeTable tenants with HTTP " + status + ", text/html, not DynamoDB's JSON."
                        + System.lineSeparator());
            } finally {
                web.stop(0);
            }
        }
    }

    @Test
    void validate_gives_up_on_an_endpoint_that_never_answers_with_exit_2_saying_how_long_it_waited()
            throws Exception {
        var shortTimeouts = new AwsClients.Timeouts(Duration.ofMillis(500), Duration.ofMillis(300),
                Duration.ofMillis(300), Duration.ofMillis(900), 3);
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ValidateCommand.class ? type.cast(new ValidateCommand(shortTimeouts))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        try (var silent = ForeignEndpoints.silent()) {
            String url = ForeignEndpoints.endpoint(silent).toString();
            var out = new StringWriter();
            var err = new StringWriter();

            // bounded: before the timeouts, the SDK waited 276 s for this endpoint
            int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run(App::stack, factory,
                    new PrintWriter(out), new PrintWriter(err), "validate", "--stack", "dev", "--endpoint", url));

            assertThat(exitCode).isEqualTo(2);
            assertThat(err.toString()).isEqualTo("Could not check: DynamoDB at " + url + " did not answer"
                    + " DescribeTable tenants in time (every AWS call is given up after 900 ms, retries included)."
                    + System.lineSeparator());
        }
    }

    @Test
    void local_refuses_a_port_out_of_range_as_a_command_line_mistake_with_one_message() {
        for (String port : new String[] {"70000", "-1", "0"}) {
            Run local = cli("local", "--stack", "dev", "--port", port);

            assertThat(local.exitCode()).as(port).isEqualTo(Cli.USAGE);
            assertThat(local.err().lines().findFirst()).as(port)
                    .contains("Invalid value for option '--port': " + port + " is not a port; use 1-65535.");
            assertThat(local.err()).as(port).doesNotContain("could not start").doesNotContain("Invalid Port");
        }
    }

    @Test
    void local_on_an_endpoint_that_is_not_dynamodb_says_what_answered() throws IOException {
        HttpServer web = ForeignEndpoints.answering(404, "text/html", "<h1>Not Found</h1>");
        try {
            String url = ForeignEndpoints.endpoint(web).toString();

            Run local = cli("local", "--stack", "dev", "--endpoint", url);

            assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
            assertThat(local.err()).isEqualTo(url + " is not DynamoDB: it answered DescribeTable tenants with"
                    + " HTTP 404, text/html, not DynamoDB's JSON." + System.lineSeparator());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void local_on_an_engine_with_a_conflicting_table_creates_nothing_and_exits_1() {
        DynamoDbLocal.client().createTable(b -> b.tableName("campaigns").billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));

        Run local = cli("local", "--stack", "dev", "--endpoint", endpoint);

        assertThat(local.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(local.out()).containsPattern("campaigns +CONFLICT +exists with another definition")
                .containsPattern("tenants +SKIPPED +missing, not created: nothing is created while a table conflicts")
                .containsPattern("products-dev +SKIPPED");
        assertThat(DynamoDbLocal.client().listTables().tableNames()).containsExactly("campaigns");
    }

    @Test
    void local_with_a_file_as_db_path_names_it(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("tables"), "x");

        Run local = cli("local", "--stack", "dev", "--port", Integer.toString(freePort()), "--db-path", file.toString());

        assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
        assertThat(local.err()).isEqualTo("--db-path " + file + " is a file, not a folder." + System.lineSeparator());
    }

    @Test
    void local_with_a_db_path_no_user_can_write_fails_at_once_with_exit_3() throws IOException {
        assumeTrue(DatabaseFolderTest.sysfsRefusesFiles(), "needs /sys, a folder no user (root included) can write");
        int port = freePort();

        // before the check, this served nothing forever: DynamoDB Local retried its database every 3 s
        Run local = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> cli("local", "--stack", "dev", "--port", Integer.toString(port), "--db-path", "/sys"));

        assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
        assertThat(local.out()).isEmpty();
        assertThat(local.err()).isEqualTo("DynamoDB Local cannot keep its tables in /sys: the folder is not"
                + " writable (permission denied)." + System.lineSeparator());
    }

    @Test
    void local_with_a_corrupt_database_file_says_it_is_not_dynamodb_locals(@TempDir Path temp) throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path database = Files.write(temp.resolve("shared-local-instance.db"), noise);

        Run local = cli("local", "--stack", "dev", "--port", Integer.toString(freePort()), "--db-path", temp.toString());

        assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
        assertThat(local.err()).isEqualTo(database + " is not a DynamoDB Local database (not an SQLite file);"
                + " move it away, or choose another --db-path." + System.lineSeparator());
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void an_endpoint_that_is_not_an_http_url_is_a_command_line_mistake_for_both_commands() {
        for (String command : new String[] {"validate", "local"}) {
            for (String url : new String[] {"localhost:8000", "foo", "ftp://127.0.0.1:21", "http://127.0.0.1:99999"}) {
                Run run = cli(command, "--stack", "dev", "--endpoint", url);

                assertThat(run.exitCode()).as("%s %s", command, url).isEqualTo(Cli.USAGE);
                assertThat(run.err().lines().findFirst()).as("%s %s", command, url).get().asString()
                        .startsWith("Invalid value for option '--endpoint': '" + url + "'")
                        .endsWith("; give the engine's URL, e.g. http://127.0.0.1:8000.");
                assertThat(run.err()).doesNotContain("Exception");
            }
        }
    }

    @Test
    void local_refuses_port_with_endpoint() {
        Run local = cli("local", "--stack", "dev", "--endpoint", endpoint, "--port", "9000");

        assertThat(local.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(local.err().strip())
                .isEqualTo("--endpoint uses an engine that is already running; --port and --db-path do not apply.");
    }
}
