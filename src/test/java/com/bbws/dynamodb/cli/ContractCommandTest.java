package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Stream.ViewType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** {@code contract}: the committed file against the program, and a pull request's changes against its base. */
class ContractCommandTest {

    @TempDir
    Path project;

    private Path committed;

    @BeforeEach
    void copyTheProject() throws IOException {
        for (String file : new String[] {"Pulumi.yaml", "Pulumi.sit.yaml"}) {
            Files.copy(Path.of(file), project.resolve(file));
        }
        Files.createDirectories(project.resolve("contract"));
        committed = project.resolve("contract/sit.json");
        Files.copy(Path.of("contract/sit.json"), committed);
    }

    private CliRun contract(String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "contract";
        command[1] = "--stack";
        command[2] = "sit";
        command[3] = "--project-dir";
        command[4] = project.toString();
        System.arraycopy(args, 0, command, 5, args.length);
        return CliRun.of(command);
    }

    /** A base branch's contract in which tenants' partition key was a number: today's S replaces the table. */
    private Path baseWithNumericTenantsKey() throws IOException {
        Path base = project.resolve("base.json");
        String sit = Files.readString(committed);
        int tenantsKey = sit.indexOf("\"type\": \"S\"", sit.indexOf("\"tenants\""));
        Files.writeString(base, sit.substring(0, tenantsKey) + "\"type\": \"N\"" + sit.substring(tenantsKey + 11));
        return base;
    }

    @Test
    void the_committed_contract_is_up_to_date_exit_0() {
        CliRun run = contract();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("is the contract the program generates for stack 'sit'");
    }

    @Test
    void a_contract_file_that_differs_from_the_program_exits_3_naming_the_change_and_write_fixes_it()
            throws IOException {
        String sit = Files.readString(committed);
        Files.writeString(committed, sit.replace("\"viewType\": \"NEW_AND_OLD_IMAGES\"", "\"viewType\": \"KEYS_ONLY\""));

        CliRun stale = contract();
        CliRun write = contract("--write");

        assertThat(stale.exitCode()).isEqualTo(3);
        assertThat(stale.out()).contains("is not the contract the program generates for stack 'sit'");
        // every table whose stream carries new and old images, as the edit above changed them all
        var changed = Expected.withStream().stream()
                .filter(table -> table.stream().viewType().orElseThrow() == ViewType.NEW_AND_OLD_IMAGES).toList();
        assertThat(changed).isNotEmpty().allSatisfy(table -> assertThat(stale.out()).contains("disruptive   table "
                + table.id() + ": stream view type changed from KEYS_ONLY to NEW_AND_OLD_IMAGES"));
        assertThat(write.exitCode()).isZero();
        assertThat(Files.readString(committed)).isEqualTo(sit);
        assertThat(contract().exitCode()).isZero();
    }

    @Test
    void a_missing_contract_file_exits_3_and_write_creates_it() throws IOException {
        Files.delete(committed);

        CliRun missing = contract();
        CliRun write = contract("--write");

        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.out()).contains("is missing: there is no committed contract of stack 'sit'");
        assertThat(write.exitCode()).isZero();
        assertThat(write.out()).contains("(a new file)");
        assertThat(Files.readString(committed)).isEqualTo(Files.readString(Path.of("contract/sit.json")));
    }

    @Test
    void an_unacknowledged_destructive_change_since_the_base_exits_4() throws IOException {
        CliRun run = contract("--base", baseWithNumericTenantsKey().toString());

        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).contains("destructive  table tenants: type of key PK changed from N to S  [NOT ACKNOWLEDGED]")
                .contains("1 destructive change(s) not acknowledged");
    }

    @Test
    void acknowledged_in_the_committed_file_the_destructive_change_passes_and_write_keeps_the_acknowledgement()
            throws IOException {
        Path base = baseWithNumericTenantsKey();
        Files.writeString(committed, Files.readString(committed).replace("\"acknowledgedDestructiveChanges\": []",
                "\"acknowledgedDestructiveChanges\": [\n    \"table tenants: type of key PK changed from N to S\"\n  ]"));

        CliRun run = contract("--base", base.toString());
        CliRun write = contract("--write", "--base", base.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("type of key PK changed from N to S  [acknowledged]");
        assertThat(write.exitCode()).isZero();
        assertThat(Files.readString(committed)).contains("\"table tenants: type of key PK changed from N to S\"");
    }

    /** What to give instead, after every message about a --base file. */
    private static final String BASE_REMEDY = " Give the base branch's contract of 'sit' (git show origin/<base"
            + " branch>:contract/sit.json).";

    /**
     * A contract file made from sit's by one edit, as a careless hand or a hostile file would: its name, the edit,
     * and the reason the message gives (in parentheses after "is not a contract file").
     */
    static Stream<Arguments> damagedContracts() {
        return Stream.of(
                Arguments.of("not JSON", (UnaryOperator<String>) sit -> "<html>",
                        "it is not JSON at line 1 column 1"),
                Arguments.of("empty", (UnaryOperator<String>) sit -> " \n", "it is empty"),
                Arguments.of("a JSON list", (UnaryOperator<String>) sit -> "[]",
                        "the file must be an object, is a list"),
                Arguments.of("cut short", (UnaryOperator<String>) sit -> sit.substring(0, sit.length() / 2),
                        "it is not JSON at line " + cutLine() + " column " + cutColumn()),
                Arguments.of("more after the JSON", (UnaryOperator<String>) sit -> sit + "}",
                        "there is more after its JSON value at line " + (lines() + 1) + " column 2"),
                Arguments.of("a comment", (UnaryOperator<String>) sit -> "// generated\n" + sit,
                        "it is not JSON at line 1 column 2"),
                Arguments.of("a name set twice", replace("\"name\": \"PK\",\n          \"type\": \"S\"",
                        "\"name\": \"PK\",\n          \"type\": \"N\",\n          \"type\": \"S\""),
                        "'tables.tenants.keys.partitionKey.type' is set twice"),
                Arguments.of("a key type DynamoDB has not", replace("\"name\": \"PK\",\n          \"type\": \"S\"",
                        "\"name\": \"PK\",\n          \"type\": \"X\""),
                        "'tables.tenants.keys.partitionKey.type' must be one of S, N, B"),
                Arguments.of("an item type DynamoDB has not", replace("\"type\": \"S\",\n          \"required\": false",
                        "\"type\": \"X\",\n          \"required\": false"),
                        "'tables.tenants.items.organizationName.type' must be one of S, N, B, BOOL, L, M"),
                Arguments.of("a format no one knows", replace("\"format\": \"uuid\"", "\"format\": \"bogus\""),
                        "'tables.tenants.items.id.format' must be one of uuid, email, date-time, date, uri"),
                Arguments.of("a minimum above its maximum", replace("\"minimum\": 0", "\"minimum\": 200"),
                        "'tables.campaigns.items.discountPercentage.minimum' is greater than its maximum"),
                Arguments.of("no allowed value", replace("\"allowedValues\": [\n            \"UNVALIDATED\",",
                        "\"allowedValues\": [],\"x\": [\n            \"UNVALIDATED\","),
                        "'tables.tenants.items.status.allowedValues' must list each value once, and at least one"),
                Arguments.of("an output shape that is no shape", replace("\"tenantsTableName\": \"string\"",
                        "\"tenantsTableName\": 7"),
                        "'outputs.tenantsTableName' must be a shape: string, number, boolean, an object of shapes or a"
                                + " list of one"),
                Arguments.of("a control character in a name", replace("\"name\": \"tenants\"",
                        "\"name\": \"ten\\u0000ants\""), "'tables.tenants.name' holds a control character"),
                Arguments.of("acknowledgements a text", replace("\"acknowledgedDestructiveChanges\": []",
                        "\"acknowledgedDestructiveChanges\": \"table tenants removed\""),
                        "'acknowledgedDestructiveChanges' must be a list of texts, is a text"),
                Arguments.of("acknowledgements null", replace("\"acknowledgedDestructiveChanges\": []",
                        "\"acknowledgedDestructiveChanges\": null"),
                        "'acknowledgedDestructiveChanges' must be a list of texts, is null"),
                Arguments.of("acknowledgements an object", replace("\"acknowledgedDestructiveChanges\": []",
                        "\"acknowledgedDestructiveChanges\": {\"a\": 1}"),
                        "'acknowledgedDestructiveChanges' must be a list of texts, is an object"),
                Arguments.of("an acknowledgement a number", replace("\"acknowledgedDestructiveChanges\": []",
                        "\"acknowledgedDestructiveChanges\": [\"x\", 7]"),
                        "'acknowledgedDestructiveChanges' must be a list of texts; element 2 is a number"),
                Arguments.of("stream enabled a text", replace("\"enabled\": true", "\"enabled\": \"yes\""),
                        "'tables.tenants.stream.enabled' must be true or false, is a text"),
                Arguments.of("a table name a number", replace("\"name\": \"tenants\"", "\"name\": 5"),
                        "'tables.tenants.name' must be a text, is a number"),
                Arguments.of("a key without its type", replace("\"name\": \"PK\",\n          \"type\": \"S\"",
                        "\"name\": \"PK\""), "'tables.tenants.keys.partitionKey.type' is missing"),
                Arguments.of("an item rule of the wrong type", replace("\"required\": false", "\"required\": 0"),
                        "'tables.tenants.items.organizationName.required' must be true or false, is a number"),
                Arguments.of("nested thousands of levels deep", replace("\"outputs\": {",
                        "\"outputs\": {\"deep\": " + "[".repeat(5000) + "]".repeat(5000) + ","),
                        "it is nested more than 16 levels deep"),
                Arguments.of("not UTF-8", (UnaryOperator<String>) sit -> null,
                        "it is not UTF-8 text"));
    }

    /** The number of lines of sit's committed contract, and where its first half ends. */
    private static int lines() {
        return sit().split("\n", -1).length - 1;
    }

    private static int cutLine() {
        String half = sit().substring(0, sit().length() / 2);
        return half.split("\n", -1).length;
    }

    private static int cutColumn() {
        String half = sit().substring(0, sit().length() / 2);
        return half.length() - half.lastIndexOf('\n');
    }

    private static String sit() {
        try {
            return Files.readString(Path.of("contract/sit.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static UnaryOperator<String> replace(String text, String by) {
        return sit -> {
            if (!sit.contains(text)) {
                throw new IllegalStateException("sit's contract has no " + text);
            }
            return sit.replaceFirst(java.util.regex.Pattern.quote(text), java.util.regex.Matcher.quoteReplacement(by));
        };
    }

    /** The edited contract; null from the edit stands for bytes that are not UTF-8. */
    private Path damaged(Path file, UnaryOperator<String> edit) throws IOException {
        String text = edit.apply(Files.readString(Path.of("contract/sit.json")));
        if (text == null) {
            Files.write(file, new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        } else {
            Files.writeString(file, text);
        }
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedContracts")
    void a_damaged_base_is_refused_exit_2_naming_the_file_and_what_is_wrong(String name, UnaryOperator<String> edit,
                                                                            String reason) throws IOException {
        Path base = damaged(project.resolve("base.json"), edit);

        CliRun run = contract("--base", base.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(run.err().strip()).isEqualTo("--base " + base + " is not a contract file (" + reason + ")."
                + BASE_REMEDY);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damagedContracts")
    void a_damaged_committed_file_exits_1_and_write_replaces_it_saying_what_is_lost(
            String name, UnaryOperator<String> edit, String reason) throws IOException {
        damaged(committed, edit);
        String message = committed + " is not a contract file (" + reason + ").";

        CliRun check = contract();
        CliRun write = contract("--write");

        assertThat(check.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(check.err().strip()).isEqualTo(message + " Rewrite it with 'contract --stack sit --write'.");
        assertThat(write.exitCode()).isZero();
        assertThat(write.out()).startsWith("Wrote " + committed + ", the contract of stack 'sit', in place of a file"
                + " that was not: " + message + System.lineSeparator() + "Acknowledged destructive changes it may have"
                + " held could not be read and are not kept");
        assertThat(Files.readString(committed)).isEqualTo(Files.readString(Path.of("contract/sit.json")));
        assertThat(contract().exitCode()).isZero();
    }

    @Test
    void another_stacks_contract_is_refused_as_base_and_replaced_as_the_committed_file() throws IOException {
        Files.copy(Path.of("contract/prod.json"), committed, StandardCopyOption.REPLACE_EXISTING);

        CliRun base = contract("--base", "contract/prod.json");
        CliRun check = contract();
        CliRun write = contract("--write");

        assertThat(base.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(base.err().strip()).isEqualTo("--base contract/prod.json is the contract of stack 'prod', not of"
                + " 'sit'." + BASE_REMEDY);
        assertThat(check.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(check.err().strip()).isEqualTo(committed + " is the contract of stack 'prod', not of 'sit'."
                + " Rewrite it with 'contract --stack sit --write'.");
        assertThat(write.exitCode()).isZero();
        assertThat(Files.readString(committed)).isEqualTo(Files.readString(Path.of("contract/sit.json")));
    }

    @Test
    void a_base_that_is_not_a_file_is_a_command_line_mistake_exit_2() throws IOException {
        Path folder = Files.createDirectory(project.resolve("folder.json"));
        Path loop = project.resolve("loop.json");
        Files.createSymbolicLink(loop, loop);
        Path nowhere = project.resolve("nowhere.json");

        assertThat(contract("--base", nowhere.toString())).isEqualTo(new CliRun(Cli.USAGE, "",
                "--base " + nowhere + ": no such file." + BASE_REMEDY + System.lineSeparator()));
        assertThat(contract("--base", folder.toString())).isEqualTo(new CliRun(Cli.USAGE, "",
                "--base " + folder + " is a folder, not a contract file." + BASE_REMEDY + System.lineSeparator()));
        assertThat(contract("--base", loop.toString())).isEqualTo(new CliRun(Cli.USAGE, "",
                "--base " + loop + " is a symbolic link in a loop (following it leads back to " + loop + ")."
                        + BASE_REMEDY
                        + System.lineSeparator()));
    }

    @Test
    void a_base_that_is_a_pipe_is_refused_without_opening_it() throws Exception {
        Path fifo = project.resolve("base.fifo");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0,
                "mkfifo is not available here");

        CliRun run = contract("--base", fifo.toString());

        assertThat(run).isEqualTo(new CliRun(Cli.USAGE, "", "--base " + fifo + " is not a regular file (a pipe, socket"
                + " or device)." + BASE_REMEDY + System.lineSeparator()));
    }

    @Test
    void a_committed_file_that_is_a_link_is_refused_and_write_never_writes_where_it_leads() throws IOException {
        Path outside = Files.createDirectory(project.resolve("elsewhere")).resolve("sit.json");
        Files.writeString(outside, Files.readString(committed).replace("\"maximum\": 100", "\"maximum\": 99"));
        String before = Files.readString(outside);
        Files.delete(committed);
        Files.createSymbolicLink(committed, outside);
        String refused = committed + " is a symbolic link; the committed contract must be a file of its own: remove"
                + " the link, then run 'contract --stack sit --write'." + System.lineSeparator();

        assertThat(contract()).isEqualTo(new CliRun(Cli.INVALID, "", refused));
        assertThat(contract("--write")).isEqualTo(new CliRun(Cli.INVALID, "", refused));
        assertThat(Files.readString(outside)).isEqualTo(before);
    }

    @Test
    void a_contract_folder_that_is_a_file_is_named_when_writing() throws IOException {
        Files.delete(committed);
        Files.delete(committed.getParent());
        Files.writeString(committed.getParent(), "not a folder");

        assertThat(contract("--write")).isEqualTo(new CliRun(Cli.INVALID, "", committed.getParent() + " is not a"
                + " folder: the contracts are kept in the folder contract/ of the project." + System.lineSeparator()));
    }

    @Test
    void a_committed_file_that_differs_only_in_layout_exits_3_and_says_so() throws IOException {
        Files.writeString(committed, Files.readString(committed).replace("\n", "\r\n"));

        CliRun run = contract();

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out()).contains("Changes from the committed file to the program: none in what a contract"
                + " holds; the file differs in its layout or holds fields a contract does not have.");
    }

    @Test
    void a_folder_in_place_of_the_committed_file_is_never_written_over() throws IOException {
        Files.delete(committed);
        Files.createDirectory(committed);

        CliRun write = contract("--write");

        assertThat(write).isEqualTo(new CliRun(Cli.INVALID, "", committed + " is a folder, not a contract file."
                + System.lineSeparator()));
        assertThat(committed).isDirectory();
    }
}
