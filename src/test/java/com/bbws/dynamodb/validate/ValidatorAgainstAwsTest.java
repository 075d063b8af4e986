package com.bbws.dynamodb.validate;

import static com.bbws.dynamodb.validate.AwsWire.json;
import static com.bbws.dynamodb.validate.AwsWire.jsonError;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.settings.StackSettingsReader;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * What DynamoDB Local cannot hold or produce (PITR, tags, SSE descriptions, replicas, access denied,
 * throttling, STS), over the SDK's real HTTP path: one WireMock server for the class answers every call
 * as AWS does for dev as deployed ({@link DeployedStack}); a test stubs one call again for drift or an
 * error, or points the clients where the network fails.
 */
class ValidatorAgainstAwsTest {

    private static final String REGION = "eu-west-1";
    /** The first table in dev, which the validator describes first, and the last: where faults are injected. */
    private static final String FIRST = name(Expected.first());
    private static final String LAST = name(BbwsTables.CATALOGUE.tables().get(BbwsTables.CATALOGUE.tables().size() - 1));

    private static AwsWire wire;
    private static AwsServices services;

    private final StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");
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

    /** Every table as AWS describes it after `pulumi up`: real ARN, SSE with the AWS managed key, PITR, tags. */
    @BeforeEach
    void devAsDeployed() {
        wire.server.resetAll();
        deployed = new DeployedStack(wire, dev).deployed();
    }

    private List<Check> validate(StackSettings settings) throws CannotCheckException {
        return new TableValidator(services.dynamoDb(REGION), "AWS", true).validate(BbwsTables.CATALOGUE, settings);
    }

    private static List<Check> failures(List<Check> checks) {
        return checks.stream().filter(c -> c.outcome() == Check.Outcome.FAIL).toList();
    }

    /** The table's DescribeTable answer as deployed, with one field changed or (value null) left out. */
    private Map<String, Object> describedWith(DeployedStack stack, String name, String field, Object value) {
        TableDefinition table = BbwsTables.CATALOGUE.tables().stream().filter(t -> name(t).equals(name)).findFirst()
                .orElseThrow();
        var description = new LinkedHashMap<>(stack.table(table, REGION));
        if (value == null) {
            description.remove(field);
        } else {
            description.put(field, value);
        }
        return description;
    }

    private static List<LoggedRequest> requestsFor(String target) {
        return wire.requests().stream().filter(request -> target.equals(request.getHeader("X-Amz-Target"))).toList();
    }

    @Test
    void against_aws_every_check_is_made_and_all_hold() throws Exception {
        List<Check> checks = validate(dev);

        assertThat(checks).extracting(Check::outcome).containsOnly(Check.Outcome.PASS);
        var expected = new ArrayList<String>();
        BbwsTables.CATALOGUE.tables().forEach(table -> Expected.tableChecks(table)
                .forEach(check -> expected.add(table.physicalName(dev.environment()) + " " + check)));
        assertThat(checks).extracting(c -> c.table() + " " + c.name()).containsExactlyElementsOf(expected);
        assertThat(checks).filteredOn(c -> c.name().equals("encryption")).first()
                .extracting(Check::detail).isEqualTo("ENABLED, KMS, key " + deployed.awsManagedDynamoDbKey(REGION));
    }

    @Test
    void pitr_turned_off_fails_point_in_time_recovery() throws Exception {
        deployed.pitr(REGION, LAST, "DISABLED");

        assertThat(failures(validate(dev))).singleElement().isEqualTo(new Check(LAST,
                "point-in-time recovery", Check.Outcome.FAIL, "DISABLED; expected ENABLED"));
    }

    @Test
    void a_missing_tag_fails_tags() throws Exception {
        var tags = new HashMap<>(dev.tagsFor(FIRST));
        tags.remove("Owner");
        deployed.tags(FIRST, tags);

        assertThat(failures(validate(dev))).singleElement()
                .isEqualTo(new Check(FIRST, "tags", Check.Outcome.FAIL, "Owner missing"));
    }

    @Test
    void a_wrong_tag_value_fails_tags() throws Exception {
        var tags = new HashMap<>(dev.tagsFor(LAST));
        tags.put("Environment", "prod");
        deployed.tags(LAST, tags);

        assertThat(failures(validate(dev))).singleElement().isEqualTo(new Check(LAST, "tags",
                Check.Outcome.FAIL, "Environment is 'prod', expected 'dev'"));
    }

    @Test
    void a_table_on_the_aws_owned_key_fails_encryption() throws Exception {
        // DescribeTable leaves SSEDescription out for a table encrypted with the AWS owned key
        deployed.describeTable(REGION, FIRST, describedWith(deployed, FIRST, "SSEDescription", null));

        assertThat(failures(validate(dev))).singleElement().isEqualTo(new Check(FIRST, "encryption",
                Check.Outcome.FAIL, "encrypted with an AWS owned key; expected ENABLED, KMS, the AWS managed key"));
    }

    @Test
    void a_table_on_another_key_than_the_stacks_cmk_fails_encryption() throws Exception {
        String cmk = "arn:aws:kms:eu-west-1:536580886816:key/11111111-2222-3333-4444-555555555555";
        var config = new HashMap<>(StackConfigFile.load(Path.of("."), "dev"));
        config.put("bbws-dynamodb:kmsKeyArn", cmk);
        StackSettings withCmk = StackSettingsReader.read("dev", ConfigSource.of(config));
        var onCmk = new DeployedStack(wire, withCmk).deployed();
        String awsManaged = onCmk.awsManagedDynamoDbKey(REGION);
        onCmk.describeTable(REGION, LAST, describedWith(onCmk, LAST, "SSEDescription",
                Map.of("Status", "ENABLED", "SSEType", "KMS", "KMSMasterKeyArn", awsManaged)));

        assertThat(failures(validate(withCmk))).singleElement().isEqualTo(new Check(LAST, "encryption",
                Check.Outcome.FAIL, "ENABLED, KMS, key " + awsManaged + "; expected ENABLED, KMS, key " + cmk));
    }

    private StackSettings devWithReplicaIn(String region) {
        var config = new HashMap<>(StackConfigFile.load(Path.of("."), "dev"));
        config.put("bbws-dynamodb:replicaRegions", "[\"" + region + "\"]");
        return StackSettingsReader.read("dev", ConfigSource.of(config));
    }

    @Test
    void active_replicas_where_configured_pass() throws Exception {
        StackSettings replicated = devWithReplicaIn("us-east-1");
        new DeployedStack(wire, replicated).deployed();

        List<Check> checks = validate(replicated);

        assertThat(failures(checks)).isEmpty();
        // a replica needs the table's stream: tables without one are not replicated
        assertThat(checks).filteredOn(c -> c.name().equals("replicas")).extracting(Check::detail)
                .containsExactlyElementsOf(BbwsTables.CATALOGUE.tables().stream()
                        .map(table -> table.stream().isEnabled() ? "us-east-1 ACTIVE" : "none").toList());
    }

    @Test
    void a_missing_or_unready_replica_fails_replicas() throws Exception {
        // deployed without replicas; the last streamed table has one being created
        List<TableDefinition> replicated = Expected.withStream();
        TableDefinition creating = replicated.get(replicated.size() - 1);
        deployed.describeTable(REGION, name(creating), describedWith(deployed, name(creating), "Replicas",
                List.of(Map.of("RegionName", "us-east-1", "ReplicaStatus", "CREATING"))));

        assertThat(failures(validate(devWithReplicaIn("us-east-1")))).containsExactlyElementsOf(replicated.stream()
                .map(table -> new Check(name(table), "replicas", Check.Outcome.FAIL, (table == creating
                        ? "us-east-1 CREATING" : "none") + "; expected us-east-1 ACTIVE")).toList());
    }

    @Test
    void a_table_aws_does_not_have_fails_exists_and_nothing_else_of_it() throws Exception {
        deployed.tableNotFound(REGION, FIRST);

        assertThat(failures(validate(dev))).singleElement()
                .isEqualTo(new Check(FIRST, "exists", Check.Outcome.FAIL, "table not found at AWS"));
        assertThat(requestsFor("DynamoDB_20120810.ListTagsOfResource")).extracting(LoggedRequest::getBodyAsString)
                .noneMatch(body -> body.contains(":table/" + FIRST + "\""));
    }

    // errors that mean "could not check"

    @Test
    void access_denied_means_could_not_check() {
        // DynamoDB's answer to a caller without dynamodb:DescribeTable: HTTP 400, AccessDeniedException
        wire.stub(json("dynamodb", REGION, "DynamoDB_20120810.DescribeTable", null), jsonError("1.0", 400,
                "com.amazon.coral.service#AccessDeniedException", "User: arn:aws:sts::536580886816:assumed-role/ci/x"
                        + " is not authorized to perform: dynamodb:DescribeTable"));

        assertThatThrownBy(() -> validate(dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("Access denied at AWS for DescribeTable " + FIRST + ": User: arn:aws:sts::536580886816:"
                        + "assumed-role/ci/x is not authorized to perform: dynamodb:DescribeTable");
    }

    @Test
    void throttling_after_the_sdks_retries_means_could_not_check() {
        // DynamoDB shedding load on its control plane: HTTP 400, ThrottlingException, on every attempt
        wire.stub(json("dynamodb", REGION, "DynamoDB_20120810.ListTagsOfResource", null), jsonError("1.0", 400,
                "com.amazon.coral.availability#ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> validate(dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("Throttled by AWS on ListTagsOfResource arn:aws:dynamodb:eu-west-1:536580886816:"
                        + "table/" + FIRST + " even after retries: Rate exceeded");
        // the SDK retried: two attempts per call (AwsWire.TIMEOUTS)
        assertThat(requestsFor("DynamoDB_20120810.ListTagsOfResource")).hasSize(2);
    }

    @Test
    void an_unreachable_endpoint_means_could_not_check() throws Exception {
        // a port nothing listens on: every connection is refused
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (var nowhere = AwsServices.at(URI.create("http://127.0.0.1:" + closedPort),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wire-secret")),
                AwsWire.TIMEOUTS)) {

            assertThatThrownBy(() -> new TableValidator(nowhere.dynamoDb(REGION), "AWS", true)
                    .validate(BbwsTables.CATALOGUE, dev)).isInstanceOf(CannotCheckException.class)
                    .hasMessage("Could not reach DynamoDB at AWS for DescribeTable " + FIRST + ": Unable to execute"
                            + " HTTP request: Connect to http://127.0.0.1:" + closedPort + " failed: Connection refused"
                            + " (SDK Attempt Count: 2)");
        }
    }

    @Test
    void a_connection_reset_means_could_not_check() {
        // the connection closed by the other end (a proxy, a load balancer) before any answer
        wire.stub(json("dynamodb", REGION, "DynamoDB_20120810.DescribeTable", null),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThatThrownBy(() -> validate(dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("Could not reach DynamoDB at AWS for DescribeTable " + FIRST + ":"
                        + " Unable to execute HTTP request: Connection reset (SDK Attempt Count: 2)");
        // a reset is retried like any I/O failure: two attempts per call (AwsWire.TIMEOUTS)
        assertThat(requestsFor("DynamoDB_20120810.DescribeTable")).hasSize(2);
    }

    @Test
    void dynamodb_that_does_not_answer_in_time_means_could_not_check_and_says_the_bound() {
        // DescribeTable answered only after the client's whole-call bound (900 ms) has passed; its one attempt,
        // bounded at 250 ms, is given up first, and the message states the bound the user is told
        wire.stub(json("dynamodb", REGION, "DynamoDB_20120810.DescribeTable", null),
                AwsWire.jsonAnswer("1.0", Map.of("Table", deployed.table(Expected.first(), REGION)))
                        .withFixedDelay(1_500));
        try (var bounded = wire.services(new AwsClients.Timeouts(Duration.ofMillis(250), Duration.ofMillis(250),
                Duration.ofMillis(250), Duration.ofMillis(900), 1))) {

            assertThatThrownBy(() -> new TableValidator(bounded.dynamoDb(REGION), "AWS", true)
                    .validate(BbwsTables.CATALOGUE, dev)).isInstanceOf(CannotCheckException.class)
                    .hasMessage("DynamoDB at AWS did not answer DescribeTable " + FIRST + " in time (every AWS call is"
                            + " given up after 900 ms, retries included).");
        }
    }

    // the account check, before any table is read

    @Test
    void credentials_for_another_account_are_refused_before_any_table_is_read() {
        deployed.callerIdentity("093646564004");

        assertThatThrownBy(() -> AwsValidation.run(services, BbwsTables.CATALOGUE, dev))
                .isInstanceOf(CannotCheckException.class)
                .hasMessage("The credentials are for AWS account 093646564004, but stack 'dev' lives in account"
                        + " 536580886816; refusing to check another account's tables.");
        assertThat(wire.requests()).singleElement().satisfies(request ->
                assertThat(request.getBodyAsString()).startsWith("Action=GetCallerIdentity&"));
    }

    @Test
    void no_credentials_means_could_not_check() {
        // what the SDK's credential chain ends with on a machine without credentials: a profile file that has
        // no credentials for the profile; the SDK gives up before sending anything
        var noProfiles = ProfileFile.builder().content(new ByteArrayInputStream(new byte[0]))
                .type(ProfileFile.Type.CREDENTIALS).build();
        try (var unsigned = AwsServices.at(wire.endpoint(), ProfileCredentialsProvider.builder()
                .profileFile(noProfiles).profileName("default").build(), AwsWire.TIMEOUTS)) {

            assertThatThrownBy(() -> AccountCheck.requireStackAccount(unsigned.sts(REGION), dev))
                    .isInstanceOf(CannotCheckException.class)
                    .hasMessage("Could not tell which AWS account these credentials are for (no credentials, or STS"
                            + " unreachable): Profile file contained no credentials for profile 'default':"
                            + " ProfileFile(sections=[profiles, sso-session, services], profiles=[])");
        }
        assertThat(wire.requests()).isEmpty();
    }

    @Test
    void credentials_for_the_stacks_account_pass() {
        assertThatCode(() -> AccountCheck.requireStackAccount(services.sts(REGION), dev)).doesNotThrowAnyException();
        assertThat(wire.requests()).singleElement().satisfies(request ->
                assertThat(request.getBodyAsString()).startsWith("Action=GetCallerIdentity&"));
    }

    /** A table's name in dev, where these tests run. */
    private static String name(TableDefinition table) {
        return table.physicalName(Environment.DEV);
    }
}
