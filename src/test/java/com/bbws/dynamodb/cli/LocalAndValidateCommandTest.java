package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.local.DatabaseFolderTest;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.bbws.dynamodb.local.LocalEngine;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.AwsClients;
import com.bbws.dynamodb.validate.ForeignEndpoints;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;

/** {@code local --endpoint} and {@code validate}, as a user runs them, against a real DynamoDB Local. */
class LocalAndValidateCommandTest {

    /** The table every command describes first in dev, and names when it cannot. */
    private static final String FIRST_DEV = Expected.first().physicalName(Environment.DEV);

    private final String endpoint = DynamoDbLocal.engine().endpoint().toString();

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @AfterEach
    void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    @Test
    void local_creates_the_stacks_tables_on_a_running_engine_and_validate_then_exits_0() {
        StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");
        assertThat(dev.replicaRegions()).as("no replicas, so the replicas check passes locally").isEmpty();

        CliRun local = cli("local", "--stack", "dev", "--endpoint", endpoint);

        assertThat(local.exitCode()).isZero();
        assertThat(local.out()).contains("Stack 'dev' tables on " + endpoint)
                .contains("Not on this engine: point-in-time recovery (the engine has no continuous backups API);"
                        + " tables: " + String.join(", ", Expected.tableNames(Environment.DEV)));
        for (TableDefinition table : Expected.tables()) {
            assertThat(local.out()).containsPattern(Pattern.quote(table.physicalName(Environment.DEV)) + " +CREATED +"
                    + Pattern.quote(String.format("created: %d GSIs, %s, deletion protection %s", table.indexes().size(),
                    table.stream().viewType().map(view -> "stream " + view).orElse("no stream"),
                    dev.deletionProtection() ? "on" : "off")));
        }

        CliRun validate = cli("validate", "--stack", "dev", "--endpoint", endpoint);

        assertThat(validate.exitCode()).isZero();
        int passed = 0;
        for (TableDefinition table : Expected.tables()) {
            String name = Pattern.quote(table.physicalName(Environment.DEV));
            for (GlobalSecondaryIndex index : table.indexes()) {
                assertThat(validate.out()).containsPattern("PASS +" + name + " +gsi " + index.name() + " +"
                        + Pattern.quote(keys(index.keys()) + ", projection ALL, ACTIVE"));
            }
            assertThat(validate.out()).containsPattern("NOT CHECKABLE +" + name + " +tags +not checkable here:"
                    + " Tagging is not currently supported in DynamoDB Local.");
            passed += Expected.structureChecks(table).size() + 1; // and replicas: none expected, none found
        }
        // and what DynamoDB Local does not serve: the parameters, dev's backup vault, plan and selection, and
        // its backup role's trust, boundary and attached policy
        int notCheckable = Expected.tables().size() * Expected.NOT_CHECKABLE_LOCALLY.size()
                + Expected.parameterNames(Environment.DEV).size() + 3 + 3;
        assertThat(validate.out()).containsPattern("NOT CHECKABLE +bbws-dynamodb-dev +backup plan +not checkable here:"
                + " an endpoint has no AWS Backup \\(DynamoDB Local has none\\); checked against AWS only");
        assertThat(validate.out()).endsWith(String.format("Stack 'dev' at %s: %d passed, 0 failed, %d not checkable"
                + " here.%n", endpoint, passed, notCheckable));
    }

    /** Keys as the validator describes them: "status HASH, SK RANGE". */
    private static String keys(KeySchema keys) {
        return keys.partitionKey().name() + " HASH" + keys.sortKeyIfAny().map(sort -> ", " + sort.name() + " RANGE")
                .orElse("");
    }

    @Test
    void validate_exits_1_and_names_the_check_after_a_fault_is_injected() {
        TableDefinition table = Expected.withIndexes();
        String name = table.physicalName(Environment.DEV);
        String index = table.indexes().get(table.indexes().size() - 1).name();
        cli("local", "--stack", "dev", "--endpoint", endpoint);
        DynamoDbLocal.client().updateTable(b -> b.tableName(name).globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(index)).build()));

        CliRun validate = cli("validate", "--stack", "dev", "--endpoint", endpoint, "--json");

        assertThat(validate.exitCode()).isEqualTo(1);
        var report = JsonParser.parseString(validate.out()).getAsJsonObject();
        assertThat(report.get("exitCode").getAsInt()).isEqualTo(1);
        assertThat(report.getAsJsonObject("summary").get("failed").getAsInt()).isEqualTo(1);
        var failed = report.getAsJsonArray("checks").asList().stream().map(e -> e.getAsJsonObject())
                .filter(c -> c.get("outcome").getAsString().equals("FAIL")).toList();
        assertThat(failed).singleElement().satisfies(check -> {
            assertThat(check.get("table").getAsString()).isEqualTo(name);
            assertThat(check.get("name").getAsString()).isEqualTo("gsi " + index);
        });
    }

    @Test
    void validate_exits_2_when_the_endpoint_is_down() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun validate = cli("validate", "--stack", "sit", "--endpoint", "http://127.0.0.1:" + closedPort);

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.out()).isEmpty();
        assertThat(validate.err()).startsWith("Could not check: Could not reach DynamoDB at http://127.0.0.1:"
                + closedPort + " for DescribeTable " + Expected.first().physicalName(Environment.SIT) + ": ");
    }

    @Test
    void validate_json_that_cannot_check_prints_nothing_on_stdout_and_the_reason_on_stderr() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String down = "http://127.0.0.1:" + closedPort;

        for (String[] line : new String[][] {{"validate", "--json", "--stack", "sit", "--endpoint", down},
                {"validate", "--json", "--items", "--stack", "sit", "--endpoint", down},
                {"validate", "--json", "--stack", "qa", "--endpoint", down}}) {
            CliRun validate = cli(line);

            String what = String.join(" ", line);
            assertThat(validate.exitCode()).as(what).isEqualTo(2);
            assertThat(validate.out()).as(what).isEmpty();
            assertThat(validate.err()).as(what).startsWith("Could not check: ").hasLineCount(1);
        }
    }

    @Test
    void validate_of_an_unknown_stack_could_not_check_exit_2_not_the_drift_code() {
        CliRun validate = cli("validate", "--stack", "qa", "--endpoint", endpoint);

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

                CliRun validate = cli("validate", "--stack", "dev", "--endpoint", url);

                assertThat(validate.exitCode()).as("HTTP %d", status).isEqualTo(2);
                assertThat(validate.out()).isEmpty();
                assertThat(validate.err()).isEqualTo("Could not check: " + url + " is not DynamoDB: it answered"
                        + " DescribeTable " + FIRST_DEV + " with HTTP " + status + ", text/html, not DynamoDB's JSON."
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
            // bounded: before the timeouts, the SDK waited 276 s for this endpoint
            CliRun run = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of(factory,
                    "validate", "--stack", "dev", "--endpoint", url));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("Could not check: DynamoDB at " + url + " did not answer"
                    + " DescribeTable " + FIRST_DEV + " in time (every AWS call is given up after 900 ms, retries included)."
                    + System.lineSeparator());
        }
    }

    @Test
    void local_refuses_a_port_out_of_range_as_a_command_line_mistake_with_one_message() {
        for (String port : new String[] {"70000", "-1", "0"}) {
            CliRun local = cli("local", "--stack", "dev", "--port", port);

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

            CliRun local = cli("local", "--stack", "dev", "--endpoint", url);

            assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
            assertThat(local.err()).isEqualTo(url + " is not DynamoDB: it answered DescribeTable " + FIRST_DEV + " with"
                    + " HTTP 404, text/html, not DynamoDB's JSON." + System.lineSeparator());
        } finally {
            web.stop(0);
        }
    }

    @Test
    void local_on_an_engine_with_a_conflicting_table_creates_nothing_and_exits_1() {
        String conflicting = Expected.tableNames(Environment.DEV).get(Expected.tables().size() - 1);
        DynamoDbLocal.client().createTable(b -> b.tableName(conflicting).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));

        CliRun local = cli("local", "--stack", "dev", "--endpoint", endpoint);

        assertThat(local.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(local.out()).containsPattern(Pattern.quote(conflicting) + " +CONFLICT +exists with another definition");
        Expected.tableNames(Environment.DEV).stream().filter(name -> !name.equals(conflicting)).forEach(name ->
                assertThat(local.out()).containsPattern(Pattern.quote(name)
                        + " +SKIPPED +missing, not created: nothing is created while a table conflicts"));
        assertThat(DynamoDbLocal.client().listTables().tableNames()).containsExactly(conflicting);
        assertThat(local.err()).isEqualTo("Stack 'dev': 1 table on " + endpoint + " differs from the catalogue (see"
                + " CONFLICT above); nothing was created or written: fix or remove it and run local again."
                + System.lineSeparator());
    }

    @Test
    void local_with_two_conflicting_tables_says_so_once_on_stderr() {
        for (String name : Expected.tableNames(Environment.DEV).subList(0, 2)) {
            DynamoDbLocal.client().createTable(b -> b.tableName(name).billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
        }

        CliRun local = cli("local", "--stack", "dev", "--endpoint", endpoint, "--sample-items", "5");

        assertThat(local.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(local.out()).doesNotContain("Sample items");
        assertThat(local.err()).isEqualTo("Stack 'dev': 2 tables on " + endpoint + " differ from the catalogue (see"
                + " CONFLICT above); nothing was created or written: fix or remove them and run local again."
                + System.lineSeparator());
    }

    @Test
    void local_with_a_file_as_db_path_names_it(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("tables"), "x");

        CliRun local = cli("local", "--stack", "dev", "--port", Integer.toString(freePort()), "--db-path", file.toString());

        assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
        assertThat(local.err()).isEqualTo("--db-path " + file + " is a file, not a folder." + System.lineSeparator());
    }

    @Test
    void local_with_a_db_path_no_user_can_write_fails_at_once_with_exit_3() throws IOException {
        assumeTrue(DatabaseFolderTest.sysfsRefusesFiles(), "needs /sys, a folder no user (root included) can write");
        int port = freePort();

        // before the check, this served nothing forever: DynamoDB Local retried its database every 3 s
        CliRun local = assertTimeoutPreemptively(Duration.ofSeconds(20),
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

        CliRun local = cli("local", "--stack", "dev", "--port", Integer.toString(freePort()), "--db-path", temp.toString());

        assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
        assertThat(local.err()).isEqualTo(database + " is not a DynamoDB Local database (not an SQLite file);"
                + " move it away, or choose another --db-path." + System.lineSeparator());
    }

    @Test
    void local_refuses_a_folder_holding_another_programs_database_of_the_same_name(@TempDir Path temp)
            throws Exception {
        Path database = DatabaseFolderTest.sqliteDatabase(temp.resolve("shared-local-instance.db"), "invoices");
        byte[] before = Files.readAllBytes(database);

        CliRun local = cli("local", "--stack", "dev", "--port", Integer.toString(freePort()), "--db-path", temp.toString());

        assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
        assertThat(local.out()).isEmpty();
        assertThat(local.err()).isEqualTo(database + " is another program's SQLite database, not DynamoDB Local's (it"
                + " has none of DynamoDB Local's tables cf and dm), and DynamoDB Local would add its tables to it; move"
                + " it away, or choose another --db-path." + System.lineSeparator());
        assertThat(Files.readAllBytes(database)).as("left as it was").isEqualTo(before);
    }

    @Test
    void local_refuses_a_db_path_another_local_is_serving_and_writes_nothing(@TempDir Path temp) throws Exception {
        int secondPort = freePort();
        try (var serving = LocalEngine.start(freePort(), temp);
             var dynamo = AwsClients.dynamoDb(serving.endpoint(), "eu-west-1")) {
            Path database = temp.resolve("shared-local-instance.db");
            byte[] before = Files.readAllBytes(database);

            CliRun local = cli("local", "--stack", "dev", "--port", Integer.toString(secondPort),
                    "--db-path", temp.toString());

            assertThat(local.exitCode()).isEqualTo(Cli.UNAVAILABLE);
            assertThat(local.out()).as("no table created, nothing served").isEmpty();
            assertThat(local.err()).isEqualTo("--db-path " + temp + " is in use: another local is serving it and"
                    + " holds " + temp.resolve(".bbws-local.lock") + "; stop that local first, or choose another"
                    + " --db-path." + System.lineSeparator());
            assertThat(dynamo.listTables().tableNames()).as("no table written into the shared database").isEmpty();
            assertThat(Files.readAllBytes(database)).as("left as it was").isEqualTo(before);
            try (var files = Files.list(temp)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .containsExactlyInAnyOrder("shared-local-instance.db", ".bbws-local.lock");
            }
        }
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
                CliRun run = cli(command, "--stack", "dev", "--endpoint", url);

                assertThat(run.exitCode()).as("%s %s", command, url).isEqualTo(Cli.USAGE);
                assertThat(run.err().lines().findFirst()).as("%s %s", command, url).get().asString()
                        .startsWith("Invalid value for option '--endpoint': '" + url + "'")
                        .endsWith("; give the engine's URL, e.g. http://127.0.0.1:8000.");
                assertThat(run.err()).doesNotContain("Exception");
            }
        }
    }

    @Test
    void an_endpoint_with_a_query_or_a_fragment_is_refused_a_path_is_taken() {
        for (String url : new String[] {endpoint + "/some/path?x=1#frag", endpoint + "?x=1", endpoint + "/#frag",
                endpoint + "?"}) {
            for (String command : new String[] {"validate", "local"}) {
                CliRun run = cli(command, "--stack", "dev", "--endpoint", url);

                assertThat(run.exitCode()).as("%s %s", command, url).isEqualTo(Cli.USAGE);
                assertThat(run.out()).isEmpty();
                assertThat(run.err().lines().findFirst()).as("%s %s", command, url).contains("Invalid value for option"
                        + " '--endpoint': '" + url + "' has a query or a fragment (from '?' or '#'); a DynamoDB"
                        + " endpoint has neither; give the engine's URL, e.g. http://127.0.0.1:8000.");
            }
        }
        assertThat(DynamoDbLocal.client().listTables().tableNames()).as("nothing created").isEmpty();
    }

    @Test
    void an_endpoint_with_a_path_is_taken_and_named_with_it() {
        String withPath = endpoint + "/dynamodb";

        CliRun local = cli("local", "--stack", "dev", "--endpoint", withPath);

        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.out()).startsWith("Stack 'dev' tables on " + withPath + System.lineSeparator());
        assertThat(DynamoDbLocal.client().listTables().tableNames()).hasSize(Expected.tables().size());
    }

    @Test
    void an_endpoint_longer_than_2048_characters_is_refused_by_its_first_100() {
        String url = "http://127.0.0.1:8000/" + "a".repeat(70_000);

        CliRun run = cli("validate", "--stack", "dev", "--endpoint", url);

        assertThat(run.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(run.err().lines().findFirst()).contains("Invalid value for option '--endpoint': '"
                + url.substring(0, 100) + "...' (70022 characters) is longer than 2048 characters, more than an"
                + " endpoint URL needs; give the engine's URL, e.g. http://127.0.0.1:8000.");
        assertThat(run.err()).doesNotContain("a".repeat(100));
        CliRun justShort = cli("validate", "--stack", "dev", "--endpoint", url.substring(0, 2048));
        assertThat(justShort.err()).doesNotContain("longer than");
    }

    @Test
    void an_endpoint_with_control_characters_is_refused_with_them_escaped() {
        CliRun run = cli("validate", "--stack", "dev", "--endpoint", "http://127.0.0.1:8000/\u001b[31m");

        assertThat(run.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(run.err().lines().findFirst()).contains("Invalid value for option '--endpoint':"
                + " 'http://127.0.0.1:8000/\\u001b[31m' is not a URL; give the engine's URL, e.g. http://127.0.0.1:8000.");
        assertThat(run.err()).doesNotContain("\u001b");
    }

    /**
     * Credentials in an endpoint URL are refused and never shown: DynamoDB signs requests with AWS
     * credentials, so they would do nothing but appear in the report, the JSON and every error.
     */
    @Test
    void an_endpoint_with_credentials_is_refused_without_showing_them_in_any_form_or_command() {
        String host = endpoint.substring("http://".length());
        String[][] cases = {
                {"http://bbws:s3cr3t-pw@" + host, "'http://***@" + host + "'"},
                {"https://s3cr3t-pw@" + host, "'https://***@" + host + "'"},
                {"http://bbws:s3cr3t/p@w@" + host, "'http://***@" + host + "'"},
                {"http://bbws:s3cr3t pw@" + host, "'http://***@" + host + "'"},
                {"bbws:s3cr3t-pw@" + host, "'***@" + host + "'"}};
        for (String[] args : new String[][] {{"validate"}, {"validate", "--json"}, {"local"}}) {
            for (String[] endpointCase : cases) {
                var line = new ArrayList<>(List.of(args));
                line.addAll(List.of("--stack", "dev", "--endpoint", endpointCase[0]));

                CliRun run = cli(line.toArray(String[]::new));

                String what = String.join(" ", line);
                assertThat(run.exitCode()).as(what).isEqualTo(Cli.USAGE);
                assertThat(run.out()).as(what).isEmpty();
                assertThat(run.err().lines().findFirst()).as(what).contains("Invalid value for option '--endpoint': "
                        + endpointCase[1] + " holds a user name or password (before the '@'); DynamoDB signs every"
                        + " request with AWS credentials and never uses them, so leave them out; give the engine's URL,"
                        + " e.g. http://127.0.0.1:8000.");
                assertThat(run.err()).as(what).doesNotContain("s3cr3t").doesNotContain("bbws:");
            }
        }
        assertThat(DynamoDbLocal.client().listTables().tableNames()).as("nothing created").isEmpty();
    }

    @Test
    void local_refuses_port_with_endpoint() {
        CliRun local = cli("local", "--stack", "dev", "--endpoint", endpoint, "--port", "9000");

        assertThat(local.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(local.err().strip())
                .isEqualTo("--endpoint uses an engine that is already running; --port and --db-path do not apply.");
    }
}
