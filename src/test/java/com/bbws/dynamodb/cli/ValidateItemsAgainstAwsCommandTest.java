package com.bbws.dynamodb.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.AwsWire;
import com.bbws.dynamodb.validate.DeployedStack;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code validate --items} against AWS, as AWS answers over HTTP (WireMock on loopback, the SDK's real
 * clients): what DynamoDB Local cannot give, access denied and throttling on Scan, and the calls the
 * command makes, which its IAM policy must allow (GetCallerIdentity and Scan, nothing else).
 */
class ValidateItemsAgainstAwsCommandTest {

    private static final StackSettings DEV = StackConfigFile.settings(Path.of("."), "dev");
    private static final String TARGET = "AWS account " + DEV.accountId() + " in " + DEV.region();
    private static final String TENANTS = BbwsTables.TENANTS.physicalName(Environment.DEV);
    private static final String ACCESS_DENIED = "User: arn:aws:sts::" + DEV.accountId() + ":assumed-role/item-check/alice"
            + " is not authorized to perform: dynamodb:Scan on resource: arn:aws:dynamodb:eu-west-1:" + DEV.accountId()
            + ":table/" + TENANTS + " because no identity-based policy allows the dynamodb:Scan action";
    private static final String NO_ITEMS = "{\"Items\":[],\"Count\":0,\"ScannedCount\":0}";

    private final AwsWire wire = new AwsWire();

    @BeforeEach
    void theCredentialsAreForTheStacksAccount() {
        wire.stub(AwsWire.query("sts", DEV.region(), "GetCallerIdentity", Map.of()),
                AwsWire.queryAnswer(DeployedStack.STS_NAMESPACE, "GetCallerIdentity", "<Arn>arn:aws:sts::"
                        + DEV.accountId() + ":assumed-role/item-check/alice</Arn><UserId>AROAEXAMPLE:alice</UserId>"
                        + "<Account>" + DEV.accountId() + "</Account>"));
    }

    @AfterEach
    void stop() {
        wire.close();
    }

    /** `validate --stack dev --items ...` with the SDK's clients pointed at WireMock answering as AWS does. */
    private CliRun validate(String... more) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ValidateCommand.class ? type.cast(new ValidateCommand(AwsWire.TIMEOUTS, wire::services))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        var args = new java.util.ArrayList<>(List.of("validate", "--stack", "dev", "--items"));
        args.addAll(List.of(more));
        return CliRun.of(factory, args.toArray(String[]::new));
    }

    private static MappingBuilder scan(String table) {
        return AwsWire.json("dynamodb", DEV.region(), "DynamoDB_20120810.Scan", null)
                .withRequestBody(matchingJsonPath("$.TableName", equalTo(table)));
    }

    private void answer(String table, String body) {
        wire.stub(scan(table), AwsWire.jsonAnswer("1.0", JsonParser.parseString(body)));
    }

    private void refuse(String table, String code, String message) {
        wire.stub(scan(table), AwsWire.jsonError("1.0", 400, "com.amazonaws.dynamodb.v20120810#" + code, message));
    }

    private void everyTableAnswers(String body) {
        for (TableDefinition table : BbwsTables.CATALOGUE.tables()) {
            answer(table.physicalName(Environment.DEV), body);
        }
    }

    @Test
    void a_bad_item_in_aws_exits_1_by_its_key_and_the_command_calls_nothing_but_getcalleridentity_and_scan() {
        everyTableAnswers(NO_ITEMS);
        answer(TENANTS, """
                {"Items":[{"PK":{"S":"TENANT#3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f"},"SK":{"S":"METADATA"},
                "id":{"S":"3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f"},"email":{"S":"canary-secret@example.com"},
                "status":{"S":"VALIDATED"},"active":{"N":"1"},"organizationName":{"BOOL":true},
                "dateCreated":{"S":"2025-06-01T08:30:00Z"},"dateLastUpdated":{"S":"2025-06-01T08:30:00Z"},
                "lastUpdatedBy":{"S":"CANARY-VALUE"}}],
                "Count":1,"ScannedCount":1,"ConsumedCapacity":{"TableName":"tenants","CapacityUnits":0.5}}""");

        CliRun run = validate();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(String.format("""
                %s: 1 item read (the whole table), 1 does not conform
                  FAIL  PK=TENANT#3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f, SK=METADATA
                          organizationName: must be a string (S), is a boolean (BOOL)
                          lastUpdatedBy: not in the format email
                %s: 0 items read (the whole table), all conform
                %s: 0 items read (the whole table), all conform

                Stack 'dev' at %s: 1 item read in 3 tables (at most 100 each), 1 does not conform.
                """, TENANTS, BbwsTables.PRODUCTS.physicalName(Environment.DEV),
                BbwsTables.CAMPAIGNS.physicalName(Environment.DEV), TARGET));
        assertThat(run.out() + run.err()).doesNotContain("canary-secret@example.com").doesNotContain("CANARY-VALUE");
        List<LoggedRequest> calls = wire.requests();
        assertThat(calls).filteredOn(request -> !request.containsHeader("X-Amz-Target")).singleElement()
                .satisfies(request -> assertThat(request.getBodyAsString()).startsWith("Action=GetCallerIdentity&"));
        assertThat(calls).filteredOn(request -> request.containsHeader("X-Amz-Target"))
                .extracting(request -> request.getHeader("X-Amz-Target"))
                .containsOnly("DynamoDB_20120810.Scan").hasSize(BbwsTables.CATALOGUE.tables().size());
        assertThat(calls).filteredOn(request -> request.getBodyAsString().contains("\"TableName\":\"" + TENANTS + "\""))
                .singleElement().satisfies(request -> assertThat(JsonParser.parseString(request.getBodyAsString())
                        .getAsJsonObject().toString()).contains("\"Limit\":100")
                        .contains("\"ReturnConsumedCapacity\":\"TOTAL\""));
    }

    @Test
    void access_denied_on_scan_could_not_check_exit_2_with_awss_reason() {
        refuse(TENANTS, "AccessDeniedException", ACCESS_DENIED);

        CliRun run = validate();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Could not check: Access denied at " + TARGET + " for Scan " + TENANTS + ": "
                + ACCESS_DENIED + System.lineSeparator());
    }

    @Test
    void a_refusal_whose_message_holds_a_line_break_and_a_terminal_escape_is_one_escaped_line_on_stderr() {
        refuse(TENANTS, "AccessDeniedException", "denied\u001b[31m\u202e, really");

        CliRun run = validate();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Could not check: Access denied at " + TARGET + " for Scan " + TENANTS + ": "
                + "denied\\u001b[31m\\u202e, really" + System.lineSeparator());
    }

    @Test
    void throttling_on_scan_is_retried_then_could_not_check_exit_2() {
        refuse(TENANTS, "ThrottlingException", "Rate of requests exceeds the allowed throughput.");

        CliRun run = validate();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Could not check: Throttled by " + TARGET + " on Scan " + TENANTS
                + " even after retries: Rate of requests exceeds the allowed throughput." + System.lineSeparator());
        // the SDK's standard retries, as many attempts as the client allows, before giving up
        assertThat(wire.requests()).filteredOn(request -> request.containsHeader("X-Amz-Target"))
                .hasSize(AwsWire.TIMEOUTS.maxAttempts());
    }

    @Test
    void a_table_that_is_not_in_the_account_could_not_check_exit_2() {
        refuse(TENANTS, "ResourceNotFoundException", "Requested resource not found");

        CliRun run = validate();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("Could not check: Table " + TENANTS + " not found at " + TARGET
                + ": it has no items to check (validate without --items checks the tables)." + System.lineSeparator());
    }
}
