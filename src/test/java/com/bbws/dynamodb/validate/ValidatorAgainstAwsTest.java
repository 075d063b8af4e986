package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.bbws.dynamodb.local.TableInstaller;
import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.settings.StackSettingsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;
import org.mockito.junit.jupiter.MockitoSettings;
import org.mockito.quality.Strictness;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ContinuousBackupsDescription;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * What DynamoDB Local cannot hold or produce (PITR, tags, SSE descriptions, access denied,
 * throttling), covered with Mockito doubles of the SDK client answering as AWS does. The table
 * descriptions are the real engine's, with what AWS adds on top.
 */
@ExtendWith(MockitoExtension.class)
@MockitoSettings(strictness = Strictness.LENIENT)
class ValidatorAgainstAwsTest {

    private static final String AWS_MANAGED_KEY =
            "arn:aws:kms:eu-west-1:536580886816:key/0b6a1c9e-2f3d-4a5b-8c7d-9e0f1a2b3c4d";
    private static final Map<String, TableDescription> AS_CREATED = new HashMap<>();
    /** The first table in dev, which the validator describes first, and the last: where faults are injected. */
    private static final String FIRST = name(Expected.first());
    private static final String LAST = name(BbwsTables.CATALOGUE.tables().get(BbwsTables.CATALOGUE.tables().size() - 1));

    @Mock
    DynamoDbClient dynamo;
    @Mock
    StsClient sts;
    @Mock
    SsmClient ssm;

    private final StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");

    @BeforeAll
    static void describeTablesAsTheEngineCreatedThem() throws Exception {
        StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");
        new TableInstaller(DynamoDbLocal.client()).install(BbwsTables.CATALOGUE, dev);
        for (TableDefinition table : BbwsTables.CATALOGUE.tables()) {
            String name = table.physicalName(dev.environment());
            AS_CREATED.put(name, DynamoDbLocal.client().describeTable(b -> b.tableName(name)).table());
        }
    }

    @AfterAll
    static void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    /** Every table as AWS describes it after `pulumi up`: real ARN, SSE with the AWS managed key, PITR, tags. */
    @BeforeEach
    void awsAnswersForTheDeployedStack() {
        AS_CREATED.forEach((name, created) -> {
            describeAs(name, asInAws(created, AWS_MANAGED_KEY));
            pitr(name, "ENABLED");
            tags(name, dev.tagsFor(name));
        });
    }

    private static TableDescription asInAws(TableDescription created, String key) {
        return created.toBuilder()
                .tableArn("arn:aws:dynamodb:eu-west-1:536580886816:table/" + created.tableName())
                .sseDescription(SSEDescription.builder().status("ENABLED").sseType("KMS").kmsMasterKeyArn(key).build())
                .build();
    }

    private void describeAs(String name, TableDescription description) {
        when(dynamo.describeTable(argThat((DescribeTableRequest r) -> r != null && name.equals(r.tableName()))))
                .thenReturn(DescribeTableResponse.builder().table(description).build());
    }

    private void pitr(String name, String status) {
        when(dynamo.describeContinuousBackups(
                argThat((DescribeContinuousBackupsRequest r) -> r != null && name.equals(r.tableName()))))
                .thenReturn(DescribeContinuousBackupsResponse.builder().continuousBackupsDescription(
                        ContinuousBackupsDescription.builder().continuousBackupsStatus("ENABLED")
                                .pointInTimeRecoveryDescription(p -> p.pointInTimeRecoveryStatus(status)).build())
                        .build());
    }

    private void tags(String name, Map<String, String> tags) {
        when(dynamo.listTagsOfResource(
                argThat((ListTagsOfResourceRequest r) -> r != null && r.resourceArn().endsWith(":table/" + name))))
                .thenReturn(ListTagsOfResourceResponse.builder().tags(tags.entrySet().stream()
                        .map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build()).toList()).build());
    }

    private List<Check> validate(StackSettings settings) throws CannotCheckException {
        return new TableValidator(dynamo, "AWS", true).validate(BbwsTables.CATALOGUE, settings);
    }

    private static List<Check> failures(List<Check> checks) {
        return checks.stream().filter(c -> c.outcome() == Check.Outcome.FAIL).toList();
    }

    private static DynamoDbException awsError(int status, String code, String message) {
        return (DynamoDbException) DynamoDbException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
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
                .extracting(Check::detail).isEqualTo("ENABLED, KMS, key " + AWS_MANAGED_KEY);
    }

    @Test
    void pitr_turned_off_fails_point_in_time_recovery() throws Exception {
        pitr(LAST, "DISABLED");

        assertThat(failures(validate(dev))).singleElement().isEqualTo(new Check(LAST,
                "point-in-time recovery", Check.Outcome.FAIL, "DISABLED; expected ENABLED"));
    }

    @Test
    void a_missing_tag_fails_tags() throws Exception {
        var tags = new HashMap<>(dev.tagsFor(FIRST));
        tags.remove("Owner");
        tags(FIRST, tags);

        assertThat(failures(validate(dev))).singleElement()
                .isEqualTo(new Check(FIRST, "tags", Check.Outcome.FAIL, "Owner missing"));
    }

    @Test
    void a_wrong_tag_value_fails_tags() throws Exception {
        var tags = new HashMap<>(dev.tagsFor(LAST));
        tags.put("Environment", "prod");
        tags(LAST, tags);

        assertThat(failures(validate(dev))).singleElement().isEqualTo(new Check(LAST, "tags",
                Check.Outcome.FAIL, "Environment is 'prod', expected 'dev'"));
    }

    @Test
    void a_table_on_the_aws_owned_key_fails_encryption() throws Exception {
        describeAs(FIRST, AS_CREATED.get(FIRST).toBuilder()
                .tableArn("arn:aws:dynamodb:eu-west-1:536580886816:table/" + FIRST).build());

        assertThat(failures(validate(dev))).singleElement().isEqualTo(new Check(FIRST, "encryption",
                Check.Outcome.FAIL, "encrypted with an AWS owned key; expected ENABLED, KMS, the AWS managed key"));
    }

    @Test
    void a_table_on_another_key_than_the_stacks_cmk_fails_encryption() throws Exception {
        String cmk = "arn:aws:kms:eu-west-1:536580886816:key/11111111-2222-3333-4444-555555555555";
        var config = new HashMap<>(StackConfigFile.load(Path.of("."), "dev"));
        config.put("bbws-dynamodb:kmsKeyArn", cmk);
        StackSettings withCmk = StackSettingsReader.read("dev", ConfigSource.of(config));
        AS_CREATED.keySet().forEach(name -> describeAs(name, asInAws(AS_CREATED.get(name),
                name.equals(LAST) ? AWS_MANAGED_KEY : cmk)));

        assertThat(failures(validate(withCmk))).singleElement().isEqualTo(new Check(LAST, "encryption",
                Check.Outcome.FAIL, "ENABLED, KMS, key " + AWS_MANAGED_KEY + "; expected ENABLED, KMS, key " + cmk));
    }

    private StackSettings devWithReplicaIn(String region) {
        var config = new HashMap<>(StackConfigFile.load(Path.of("."), "dev"));
        config.put("bbws-dynamodb:replicaRegions", "[\"" + region + "\"]");
        return StackSettingsReader.read("dev", ConfigSource.of(config));
    }

    private void replicas(String name, String region, String status) {
        describeAs(name, asInAws(AS_CREATED.get(name), AWS_MANAGED_KEY).toBuilder()
                .replicas(ReplicaDescription.builder().regionName(region).replicaStatus(status).build()).build());
    }

    @Test
    void active_replicas_where_configured_pass() throws Exception {
        Expected.withStream().forEach(table -> replicas(name(table), "us-east-1", "ACTIVE"));

        List<Check> checks = validate(devWithReplicaIn("us-east-1"));

        assertThat(failures(checks)).isEmpty();
        // a replica needs the table's stream: tables without one are not replicated
        assertThat(checks).filteredOn(c -> c.name().equals("replicas")).extracting(Check::detail)
                .containsExactlyElementsOf(BbwsTables.CATALOGUE.tables().stream()
                        .map(table -> table.stream().isEnabled() ? "us-east-1 ACTIVE" : "none").toList());
    }

    @Test
    void a_missing_or_unready_replica_fails_replicas() throws Exception {
        List<TableDefinition> replicated = Expected.withStream();
        TableDefinition creating = replicated.get(replicated.size() - 1);
        replicas(name(creating), "us-east-1", "CREATING");

        assertThat(failures(validate(devWithReplicaIn("us-east-1")))).containsExactlyElementsOf(replicated.stream()
                .map(table -> new Check(name(table), "replicas", Check.Outcome.FAIL, (table == creating
                        ? "us-east-1 CREATING" : "none") + "; expected us-east-1 ACTIVE")).toList());
    }

    @Test
    void access_denied_means_could_not_check() {
        when(dynamo.describeTable(any(DescribeTableRequest.class))).thenThrow(awsError(400, "AccessDeniedException",
                "User: arn:aws:sts::536580886816:assumed-role/ci/x is not authorized to perform:"
                        + " dynamodb:DescribeTable"));

        assertThatThrownBy(() -> validate(dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("Access denied at AWS for DescribeTable " + FIRST + ": User: arn:aws:sts::536580886816:"
                        + "assumed-role/ci/x is not authorized to perform: dynamodb:DescribeTable");
    }

    @Test
    void throttling_after_the_sdks_retries_means_could_not_check() {
        when(dynamo.listTagsOfResource(any(ListTagsOfResourceRequest.class)))
                .thenThrow(awsError(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> validate(dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("Throttled by AWS on ListTagsOfResource arn:aws:dynamodb:eu-west-1:536580886816:"
                        + "table/" + FIRST + " even after retries: Rate exceeded");
    }

    @Test
    void an_unreachable_endpoint_means_could_not_check() {
        when(dynamo.describeTable(any(DescribeTableRequest.class)))
                .thenThrow(SdkClientException.create("Unable to execute HTTP request: Connection refused"));

        assertThatThrownBy(() -> validate(dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("Could not reach DynamoDB at AWS for DescribeTable " + FIRST + ":"
                        + " Unable to execute HTTP request: Connection refused");
    }

    @Test
    void credentials_for_another_account_are_refused_before_any_table_is_read() {
        when(sts.getCallerIdentity()).thenReturn(GetCallerIdentityResponse.builder().account("093646564004").build());

        assertThatThrownBy(() -> AccountCheck.requireStackAccount(sts, dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("The credentials are for AWS account 093646564004, but stack 'dev' lives in account"
                        + " 536580886816; refusing to check another account's tables.");
    }

    @Test
    void no_credentials_means_could_not_check() {
        when(sts.getCallerIdentity()).thenThrow(SdkClientException.create("Unable to load credentials"));

        assertThatThrownBy(() -> AccountCheck.requireStackAccount(sts, dev)).isInstanceOf(CannotCheckException.class)
                .hasMessage("Could not tell which AWS account these credentials are for (no credentials, or STS"
                        + " unreachable): Unable to load credentials");
    }

    @Test
    void credentials_for_the_stacks_account_pass() {
        when(sts.getCallerIdentity()).thenReturn(GetCallerIdentityResponse.builder().account("536580886816").build());

        assertThatCode(() -> AccountCheck.requireStackAccount(sts, dev)).doesNotThrowAnyException();
        verify(sts).getCallerIdentity();
    }

    /** A table's name in dev, where these tests run. */
    private static String name(TableDefinition table) {
        return table.physicalName(Environment.DEV);
    }
}
