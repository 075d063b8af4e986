package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.validate.AwsClients;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** {@code validate} against AWS, its clients Mockito doubles: what the command line says and exits with. */
class ValidateAgainstAwsCommandTest {

    private final StsClient sts = mock(StsClient.class);
    private final DynamoDbClient dynamo = mock(DynamoDbClient.class);
    private final SsmClient ssm = mock(SsmClient.class);

    private int validate(StringWriter out, StringWriter err) {
        var aws = new ValidateCommand.AwsConnections() {
            @Override
            public StsClient sts(String region) {
                return sts;
            }

            @Override
            public DynamoDbClient dynamoDb(String region) {
                return dynamo;
            }

            @Override
            public SsmClient ssm(String region) {
                return ssm;
            }
        };
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ValidateCommand.class ? type.cast(new ValidateCommand(AwsClients.Timeouts.DEFAULT, aws))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        return Cli.run(App::stack, factory, new PrintWriter(out), new PrintWriter(err), "validate", "--stack", "dev");
    }

    @Test
    void ssm_access_denied_after_the_tables_exits_2_could_not_check_with_one_line() {
        when(sts.getCallerIdentity()).thenReturn(GetCallerIdentityResponse.builder().account("536580886816").build());
        when(dynamo.describeTable(any(DescribeTableRequest.class)))
                .thenThrow(ResourceNotFoundException.builder().message("Requested resource not found").build());
        when(ssm.getParameter(any(GetParameterRequest.class))).thenThrow(SsmException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                        .errorMessage("not authorized to perform: ssm:GetParameter").build()).build());
        var out = new StringWriter();
        var err = new StringWriter();

        int exitCode = validate(out, err);

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("Could not check: Access denied at AWS account 536580886816 in eu-west-1"
                + " for GetParameter " + Expected.parameterNames(Environment.DEV).get(0) + ": not authorized to"
                + " perform: ssm:GetParameter" + System.lineSeparator());
    }

    @Test
    void missing_tables_and_missing_parameters_are_drift_exit_1_each_named() {
        when(sts.getCallerIdentity()).thenReturn(GetCallerIdentityResponse.builder().account("536580886816").build());
        when(dynamo.describeTable(any(DescribeTableRequest.class)))
                .thenThrow(ResourceNotFoundException.builder().message("Requested resource not found").build());
        when(ssm.getParameter(any(GetParameterRequest.class))).thenThrow(
                software.amazon.awssdk.services.ssm.model.ParameterNotFoundException.builder().statusCode(400)
                        .message("ParameterNotFound").build());
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
        // a missing table is one failed check, then one per parameter
        int failed = Expected.tables().size() + Expected.parameterNames(Environment.DEV).size();
        assertThat(out.toString()).endsWith("Stack 'dev' at AWS account 536580886816 in eu-west-1: 0 passed, "
                + failed + " failed, 0 not checkable here." + System.lineSeparator());
    }
}
