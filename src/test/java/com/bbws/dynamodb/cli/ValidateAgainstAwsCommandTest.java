package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.validate.AwsWire;
import com.bbws.dynamodb.validate.DeployedStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code validate} against AWS, over the SDK's real HTTP path to WireMock answering as AWS does: what the
 * command line says and exits with.
 */
class ValidateAgainstAwsCommandTest {

    private final AwsWire wire = new AwsWire();
    private final DeployedStack dev = new DeployedStack(wire, StackConfigFile.settings(Path.of("."), "dev")).deployed();

    @AfterEach
    void stop() {
        wire.close();
    }

    private int validate(StringWriter out, StringWriter err, String... options) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ValidateCommand.class
                        ? type.cast(new ValidateCommand(AwsWire.TIMEOUTS, wire::services))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        var arguments = new java.util.ArrayList<>(java.util.List.of("validate", "--stack", "dev"));
        arguments.addAll(java.util.List.of(options));
        return Cli.run(App::stack, factory, new PrintWriter(out), new PrintWriter(err), arguments.toArray(String[]::new));
    }

    @Test
    void a_stack_as_deployed_exits_0_and_its_json_names_every_check() {
        var out = new StringWriter();
        var err = new StringWriter();

        int exitCode = validate(out, err, "--json");

        assertThat(exitCode).as(out.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString()).contains("\"table\": \"bbws-dynamodb-dev\",\n      \"name\": \"backup plan\",\n"
                + "      \"outcome\": \"PASS\"").contains("\"failed\": 0");
    }

    @Test
    void ssm_access_denied_after_the_tables_exits_2_could_not_check_with_one_line() {
        String first = Expected.parameterNames(Environment.DEV).get(0);
        wire.stub(AwsWire.json("ssm", "eu-west-1", "AmazonSSM.GetParameter", Map.of("Name", first)),
                AwsWire.jsonError("1.1", 400, "AccessDeniedException", "User: arn:aws:sts::536580886816:assumed-role/"
                        + "bbws-preview/ci is not authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:"
                        + "eu-west-1:536580886816:parameter" + first));
        var out = new StringWriter();
        var err = new StringWriter();

        int exitCode = validate(out, err);

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("Could not check: Access denied at AWS account 536580886816 in eu-west-1"
                + " for GetParameter " + first + ": User: arn:aws:sts::536580886816:assumed-role/bbws-preview/ci is not"
                + " authorized to perform: ssm:GetParameter on resource: arn:aws:ssm:eu-west-1:536580886816:parameter"
                + first + System.lineSeparator());
    }

    @Test
    void missing_tables_and_missing_parameters_are_drift_exit_1_each_named() {
        for (TableDefinition table : Expected.tables()) {
            dev.tableNotFound("eu-west-1", table.physicalName(Environment.DEV));
        }
        for (String parameter : Expected.parameterNames(Environment.DEV)) {
            wire.stub(AwsWire.json("ssm", "eu-west-1", "AmazonSSM.GetParameter", Map.of("Name", parameter)),
                    AwsWire.jsonError("1.1", 400, "ParameterNotFound", ""));
        }
        var out = new StringWriter();
        var err = new StringWriter();

        int exitCode = validate(out, err);

        assertThat(exitCode).isEqualTo(1);
        for (TableDefinition table : Expected.tables()) {
            String name = Pattern.quote(table.physicalName(Environment.DEV));
            String path = "/bbws/dev/dynamodb/" + table.id() + "/";
            assertThat(out.toString()).containsPattern("FAIL +" + name + " +exists +table not found at AWS")
                    .containsPattern("FAIL +" + name + " +ssm " + path + "name +missing; expected String " + name);
            if (table.stream().isEnabled()) {
                assertThat(out.toString()).containsPattern("FAIL +" + name + " +ssm " + path + "stream-arn +missing;"
                        + " expected the table's latest stream ARN");
            }
        }
        // a missing table is one failed check, then one per parameter; the backups (3) and the backup role (3) hold
        int failed = Expected.tables().size() + Expected.parameterNames(Environment.DEV).size();
        assertThat(out.toString()).endsWith("Stack 'dev' at AWS account 536580886816 in eu-west-1: 6 passed, "
                + failed + " failed, 0 not checkable here." + System.lineSeparator());
    }
}
