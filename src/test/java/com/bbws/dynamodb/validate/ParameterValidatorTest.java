package com.bbws.dynamodb.validate;

import static com.bbws.dynamodb.validate.AwsWire.json;
import static com.bbws.dynamodb.validate.AwsWire.jsonError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The SSM check of `validate`, over the SDK's real HTTP path (DynamoDB Local has no SSM): one WireMock
 * server for the class answers GetParameter as SSM does for sit as deployed ({@link DeployedStack});
 * a test stubs one parameter again. The parameters must exist, be Strings and hold the live tables'
 * name, ARN and stream ARN.
 */
class ParameterValidatorTest {

    private static final String TARGET = "AWS account 815856636111 in eu-west-1";
    private static final String REGION = "eu-west-1";
    private static final String ARN = "arn:aws:dynamodb:eu-west-1:815856636111:table/";
    private static final String PATH = "/bbws/sit/dynamodb/";
    private static final String LABEL = DeployedStack.STREAM_LABEL;
    /** The parameter the validator asks for first. */
    private static final String FIRST_PARAMETER = Expected.parameterNames(Environment.SIT).get(0);

    private static AwsWire wire;
    private static AwsServices services;

    private final StackSettings sit = StackConfigFile.settings(Path.of("."), "sit");
    private final Map<String, TableDescription> live = new HashMap<>();
    private DeployedStack deployed;

    @BeforeAll
    static void startTheWire() {
        wire = new AwsWire();
        services = wire.services();
    }

    @AfterAll
    static void stopTheWire() {
        services.close();
        wire.close();
    }

    /** The live tables, and SSM holding the parameters `pulumi up` published for them. */
    @BeforeEach
    void liveTablesAndTheirPublishedParameters() {
        wire.server.resetAll();
        deployed = new DeployedStack(wire, sit).deployed();
        for (TableDefinition table : BbwsTables.CATALOGUE.tables()) {
            table(name(table), table.stream().isEnabled() ? LABEL : null);
        }
    }

    private static String name(TableDefinition table) {
        return table.physicalName(Environment.SIT);
    }

    private void table(String name, String streamLabel) {
        live.put(name, TableDescription.builder().tableName(name).tableArn(ARN + name)
                .latestStreamArn(streamLabel == null ? null : ARN + name + "/stream/" + streamLabel).build());
    }

    private List<Check> validate() throws CannotCheckException {
        return validate(services.ssm(REGION));
    }

    private List<Check> validate(SsmClient ssm) throws CannotCheckException {
        return new ParameterValidator(ssm, TARGET).validate(BbwsTables.CATALOGUE, sit, live::get);
    }

    private static List<Check> failures(List<Check> checks) {
        return checks.stream().filter(c -> c.outcome() == Check.Outcome.FAIL).toList();
    }

    /** The GetParameter calls that reached the wire. */
    private static long getParameterCalls() {
        return wire.requests().stream().filter(request -> "AmazonSSM.GetParameter"
                .equals(request.getHeader("X-Amz-Target"))).count();
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
        // one GetParameter per parameter, no more
        assertThat(getParameterCalls()).isEqualTo(Expected.parameterNames(Environment.SIT).size());
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
        // SSM's answer for a name it does not hold: HTTP 400, ParameterNotFound
        deployed.parameterNotFound(PATH + table.id() + "/arn");

        List<Check> checks = validate();

        assertThat(failures(checks)).singleElement().satisfies(check -> {
            assertThat(check.table()).isEqualTo(name(table));
            assertThat(check.detail()).isEqualTo("missing; expected String " + ARN + name(table));
        });
        assertThat(new ValidationReport("sit", TARGET, checks).exitCode()).isEqualTo(ValidationReport.DIFFERS);
    }

    @Test
    void a_parameter_made_secure_string_is_drift_and_its_ciphertext_is_not_printed() throws Exception {
        TableDefinition table = Expected.first();
        // GetParameter without WithDecryption answers a SecureString with its KMS ciphertext, base64
        String ciphertext = "AQICAHhS6H1pXcM0x9cO1h7y4J2m0gq8wB3kRzLr5t1vQdEw2AGk3Jq6Z0V4dQ8yXb6N1cRgAAAAZzBlBgkqhkiG9w0BBwag"
                + "WDBWAgEAMFEGCSqGSIb3DQEHATAeBglghkgBZQMEAS4wEQQM";
        deployed.parameter(PATH + table.id() + "/name", "SecureString", ciphertext);

        assertThat(failures(validate())).extracting(Check::detail)
                .containsExactly("SecureString (encrypted; its value is not shown); expected String " + name(table));
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
        // SSM's answer to a caller without ssm:GetParameter: HTTP 400, AccessDeniedException
        wire.stub(json("ssm", REGION, "AmazonSSM.GetParameter", null), jsonError("1.1", 400, "AccessDeniedException",
                "User: arn:aws:sts::815856636111:assumed-role/bbws-dynamodb-sit-preview/ci is not authorized to"
                        + " perform: ssm:GetParameter"));

        assertThatThrownBy(this::validate).isInstanceOf(CannotCheckException.class)
                .hasMessage("Access denied at " + TARGET + " for GetParameter " + FIRST_PARAMETER + ": User:"
                        + " arn:aws:sts::815856636111:assumed-role/bbws-dynamodb-sit-preview/ci is not authorized to"
                        + " perform: ssm:GetParameter");
    }

    @Test
    void throttling_after_the_sdks_retries_means_it_could_not_check() {
        // SSM shedding load: HTTP 400, ThrottlingException, on every attempt
        wire.stub(json("ssm", REGION, "AmazonSSM.GetParameter", null),
                jsonError("1.1", 400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(this::validate).isInstanceOf(CannotCheckException.class)
                .hasMessage("Throttled by SSM at " + TARGET + " on GetParameter " + FIRST_PARAMETER + " even after"
                        + " retries: Rate exceeded");
        // the SDK retried: two attempts per call (AwsWire.TIMEOUTS), then the validator stopped
        assertThat(getParameterCalls()).isEqualTo(2);
    }

    @Test
    void ssm_that_does_not_answer_in_time_could_not_check_and_says_the_bound() {
        // GetParameter answered only after the client's whole-call bound (2 s) has passed; its one attempt,
        // bounded at 250 ms, is given up first, and the message states the bound the user is told
        wire.stub(json("ssm", REGION, "AmazonSSM.GetParameter", Map.of("Name", FIRST_PARAMETER)),
                AwsWire.jsonAnswer("1.1", Map.of("Parameter", Map.of("Name", FIRST_PARAMETER, "Type", "String",
                        "Value", name(Expected.first()), "Version", 1))).withFixedDelay(2_500));
        try (var bounded = wire.services(new AwsClients.Timeouts(Duration.ofMillis(250), Duration.ofMillis(250),
                Duration.ofMillis(250), Duration.ofSeconds(2), 1))) {

            assertThatThrownBy(() -> validate(bounded.ssm(REGION))).isInstanceOf(CannotCheckException.class)
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
