package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Stream.ViewType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code contract}: the committed file against the program, and a pull request's changes against its base. */
class ContractCommandTest {

    record Run(int exitCode, String out, String err) {
    }

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

    private Run contract(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        String[] command = new String[args.length + 5];
        command[0] = "contract";
        command[1] = "--stack";
        command[2] = "sit";
        command[3] = "--project-dir";
        command[4] = project.toString();
        System.arraycopy(args, 0, command, 5, args.length);
        int exitCode = Cli.run(App::stack, new PrintWriter(out), new PrintWriter(err), command);
        return new Run(exitCode, out.toString(), err.toString());
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
        Run run = contract();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("is the contract the program generates for stack 'sit'");
    }

    @Test
    void a_contract_file_that_differs_from_the_program_exits_3_naming_the_change_and_write_fixes_it()
            throws IOException {
        String sit = Files.readString(committed);
        Files.writeString(committed, sit.replace("\"viewType\": \"NEW_AND_OLD_IMAGES\"", "\"viewType\": \"KEYS_ONLY\""));

        Run stale = contract();
        Run write = contract("--write");

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

        Run missing = contract();
        Run write = contract("--write");

        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.out()).contains("is missing: there is no committed contract of stack 'sit'");
        assertThat(write.exitCode()).isZero();
        assertThat(write.out()).contains("(a new file)");
        assertThat(Files.readString(committed)).isEqualTo(Files.readString(Path.of("contract/sit.json")));
    }

    @Test
    void an_unacknowledged_destructive_change_since_the_base_exits_4() throws IOException {
        Run run = contract("--base", baseWithNumericTenantsKey().toString());

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

        Run run = contract("--base", base.toString());
        Run write = contract("--write", "--base", base.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("type of key PK changed from N to S  [acknowledged]");
        assertThat(write.exitCode()).isZero();
        assertThat(Files.readString(committed)).contains("\"table tenants: type of key PK changed from N to S\"");
    }

    @Test
    void a_base_that_is_not_a_file_is_a_command_line_mistake_and_one_that_is_not_a_contract_exit_1()
            throws IOException {
        Path notContract = project.resolve("page.html");
        Files.writeString(notContract, "<html>");

        Run missing = contract("--base", project.resolve("nowhere.json").toString());
        Run garbage = contract("--base", notContract.toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().strip()).isEqualTo("--base " + project.resolve("nowhere.json") + ": no such file.");
        assertThat(garbage.exitCode()).isEqualTo(1);
        assertThat(garbage.err()).startsWith(notContract + " is not a contract file (").doesNotContain("\tat ");
    }
}
