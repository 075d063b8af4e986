package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * The SSM check of `validate`, against a Mockito double of the SSM client answering as AWS does (DynamoDB
 * Local has no SSM): the parameters must exist, be Strings and hold the live tables' name, ARN and stream ARN.
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class ParameterValidatorTest {

    private static final String TARGET = "AWS account 815856636111 in eu-west-1";
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:815856636111:table/";
    private static final String PATH = "/bbws/sit/dynamodb/";
    private static final String LABEL = "2026-11-20T10:00:00.000";
    /** The parameter the validator asks for first. */
    private static final String FIRST_PARAMETER = Expected.parameterNames(Environment.SIT).get(0);

    @Mock
    SsmClient ssm;

    private final StackSettings sit = StackConfigFile.settings(Path.of("."), "sit");
    private final Map<String, TableDescription> live = new HashMap<>();
    /** What the double's Parameter Store holds: name to value (all Strings). */
    private final Map<String, String> store = new HashMap<>();

    @BeforeEach
    void liveTablesAndTheirPublishedParameters() {
        for (TableDefinition table : BbwsTables.CATALOGUE.tables()) {
            String name = name(table);
            table(name, table.stream().isEnabled() ? LABEL : null);
            store.put(PATH + table.id() + "/name", name);
            store.put(PATH + table.id() + "/arn", ARN + name);
            if (table.stream().isEnabled()) {
                store.put(PATH + table.id() + "/stream-arn", ARN + name + "/stream/" + LABEL);
            }
        }
        when(ssm.getParameter(any(GetParameterRequest.class))).thenAnswer(call -> {
            String name = call.<GetParameterRequest>getArgument(0).name();
            if (!store.containsKey(name)) {
                throw ParameterNotFoundException.builder().statusCode(400).message("ParameterNotFound")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ParameterNotFound").build()).build();
            }
            return GetParameterResponse.builder().parameter(Parameter.builder().name(name).type(ParameterType.STRING)
                    .value(store.get(name)).build()).build();
        });
    }

    private static String name(TableDefinition table) {
        return table.physicalName(Environment.SIT);
    }

    private void table(String name, String streamLabel) {
        live.put(name, TableDescription.builder().tableName(name).tableArn(ARN + name)
                .latestStreamArn(streamLabel == null ? null : ARN + name + "/stream/" + streamLabel).build());
    }

    private List<Check> validate() throws CannotCheckException {
        return new ParameterValidator(ssm, TARGET).validate(BbwsTables.CATALOGUE, sit, live::get);
    }

    private static List<Check> failures(List<Check> checks) {
        return checks.stream().filter(c -> c.outcome() == Check.Outcome.FAIL).toList();
    }

    @Test
    void every_parameter_exists_and_holds_the_live_value() throws Exception {
        var expected = new ArrayList<String>();
        for (TableDefinition table : BbwsTables.CATALOGUE.tables()) {
            Expected.parameterNames(Environment.SIT).stream().filter(p -> p.startsWith(PATH + table.id() + "/"))
                    .forEach(parameter -> expected.add(name(table) + " ssm " + parameter));
        }

        List<Check> checks = validate();

        assertThat(checks).extracting(Check::outcome).containsOnly(Check.Outcome.PASS);
        assertThat(checks).extracting(c -> c.table() + " " + c.name()).containsExactlyElementsOf(expected)
                .hasSize(Expected.parameterNames(Environment.SIT).size());
        assertThat(new ValidationReport("sit", TARGET, checks).exitCode()).isEqualTo(ValidationReport.ALL_HOLD);
    }

    @Test
    void a_stale_stream_arn_after_the_stream_was_recreated_is_drift_exit_1() throws Exception {
        TableDefinition streamed = Expected.withStream().get(0);
        table(name(streamed), "2026-11-25T08:30:00.000");

        List<Check> checks = validate();

        assertThat(failures(checks)).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("ssm " + PATH + streamed.id() + "/stream-arn");
            assertThat(check.detail()).isEqualTo("String " + ARN + name(streamed) + "/stream/" + LABEL + "; expected"
                    + " String " + ARN + name(streamed) + "/stream/2026-11-25T08:30:00.000");
        });
        assertThat(new ValidationReport("sit", TARGET, checks).exitCode()).isEqualTo(ValidationReport.DIFFERS);
    }

    @Test
    void a_missing_parameter_is_drift_exit_1() throws Exception {
        TableDefinition table = Expected.first();
        store.remove(PATH + table.id() + "/arn");

        List<Check> checks = validate();

        assertThat(failures(checks)).singleElement().satisfies(check -> {
            assertThat(check.table()).isEqualTo(name(table));
            assertThat(check.detail()).isEqualTo("missing; expected String " + ARN + name(table));
        });
        assertThat(new ValidationReport("sit", TARGET, checks).exitCode()).isEqualTo(ValidationReport.DIFFERS);
    }

    @Test
    void a_parameter_made_secure_string_is_drift_even_with_the_right_value() throws Exception {
        TableDefinition table = Expected.first();
        String parameter = PATH + table.id() + "/name";
        when(ssm.getParameter(argThat((GetParameterRequest r) -> r.name().equals(parameter))))
                .thenReturn(GetParameterResponse.builder().parameter(Parameter.builder().name(parameter)
                        .type(ParameterType.SECURE_STRING).value(name(table)).build()).build());

        assertThat(failures(validate())).extracting(Check::detail)
                .containsExactly("SecureString " + name(table) + "; expected String " + name(table));
    }

    @Test
    void a_parameter_of_a_table_that_is_missing_cannot_hold_its_arn() throws Exception {
        TableDefinition table = Expected.withStream().get(0);
        live.remove(name(table));

        assertThat(failures(validate())).extracting(Check::name, Check::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ssm " + PATH + table.id() + "/arn", "String " + ARN
                        + name(table) + "; the table has no live ARN to compare it with"),
                org.assertj.core.groups.Tuple.tuple("ssm " + PATH + table.id() + "/stream-arn", "String " + ARN
                        + name(table) + "/stream/" + LABEL + "; the table has no live latest stream ARN to compare"
                        + " it with"));
    }

    @Test
    void access_denied_means_it_could_not_check_not_a_verdict_on_the_parameters() {
        when(ssm.getParameter(any(GetParameterRequest.class))).thenThrow(SsmException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("User:"
                        + " arn:aws:sts::815856636111:assumed-role/bbws-dynamodb-sit-preview/ci is not authorized to"
                        + " perform: ssm:GetParameter").build()).build());

        assertThatThrownBy(this::validate).isInstanceOf(CannotCheckException.class)
                .hasMessage("Access denied at " + TARGET + " for GetParameter " + FIRST_PARAMETER + ": User:"
                        + " arn:aws:sts::815856636111:assumed-role/bbws-dynamodb-sit-preview/ci is not authorized to"
                        + " perform: ssm:GetParameter");
    }

    @Test
    void ssm_that_does_not_answer_in_time_could_not_check_and_says_the_bound() {
        try (SsmClient bounded = AwsClients.ssm("eu-west-1", new AwsClients.Timeouts(Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 1))) {
            when(ssm.getParameter(any(GetParameterRequest.class)))
                    .thenThrow(ApiCallTimeoutException.create(2000));
            when(ssm.serviceClientConfiguration()).thenReturn(bounded.serviceClientConfiguration());

            assertThatThrownBy(this::validate).isInstanceOf(CannotCheckException.class)
                    .hasMessage("SSM at " + TARGET + " did not answer GetParameter " + FIRST_PARAMETER + " in"
                            + " time (every AWS call is given up after 2 s, retries included).");
        }
    }

    @Test
    void against_an_endpoint_every_parameter_is_not_checkable_never_passed() {
        List<Check> checks = ParameterValidator.notCheckable(BbwsTables.CATALOGUE, sit, "no SSM here");

        assertThat(checks).hasSize(Expected.parameterNames(Environment.SIT).size())
                .extracting(Check::outcome).containsOnly(Check.Outcome.NOT_CHECKABLE);
        assertThat(checks.get(0).detail()).isEqualTo("not checkable here: no SSM here");
    }
}
