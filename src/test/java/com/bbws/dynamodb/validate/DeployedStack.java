package com.bbws.dynamodb.validate;

import static com.bbws.dynamodb.validate.AwsWire.cbor;
import static com.bbws.dynamodb.validate.AwsWire.cborAnswer;
import static com.bbws.dynamodb.validate.AwsWire.json;
import static com.bbws.dynamodb.validate.AwsWire.jsonAnswer;
import static com.bbws.dynamodb.validate.AwsWire.jsonError;
import static com.bbws.dynamodb.validate.AwsWire.query;
import static com.bbws.dynamodb.validate.AwsWire.queryAnswer;
import static com.bbws.dynamodb.validate.AwsWire.restAnswer;
import static com.bbws.dynamodb.validate.AwsWire.restGet;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.infra.Backups;
import com.bbws.dynamodb.infra.TableAlarms;
import com.bbws.dynamodb.infra.TableAlarms.Alarm;
import com.bbws.dynamodb.infra.TableParameters;
import com.bbws.dynamodb.infra.TableParameters.Published;
import com.bbws.dynamodb.settings.StackSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack as `pulumi up` left it, answered on the wire ({@link AwsWire}): every call `validate` makes
 * gets AWS's answer for the resources the stack declares, as declared. A test then changes one answer
 * (drift, an error) by stubbing that call again: WireMock answers with the newest matching stub.
 */
public final class DeployedStack {

    public static final String STREAM_LABEL = "2026-01-01T00:00:00.000";
    public static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    public static final String PLAN_ID = "8f3c1f6e-0000-4000-8000-00000000b0b1";
    public static final String SELECTION_ID = "5e1e0000-0000-4000-8000-00000000c0c1";
    public static final String IAM_NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static final String STS_NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

    public final AwsWire wire;
    public final StackSettings settings;
    public final Catalogue catalogue = BbwsTables.CATALOGUE;

    public DeployedStack(AwsWire wire, StackSettings settings) {
        this.wire = wire;
        this.settings = settings;
    }

    /** Stubs every answer of the deployed stack. */
    public DeployedStack deployed() {
        wire.stub(query("sts", region(), "GetCallerIdentity", Map.of()), queryAnswer(STS_NAMESPACE, "GetCallerIdentity",
                "<Arn>arn:aws:sts::" + account() + ":assumed-role/bbws-preview/ci</Arn><UserId>AROAEXAMPLE:ci</UserId>"
                        + "<Account>" + account() + "</Account>"));
        for (TableDefinition table : catalogue.tables()) {
            String name = name(table);
            describeTable(region(), name, table(table, region()));
            pitr(region(), name, "ENABLED");
            wire.stub(json("dynamodb", region(), "DynamoDB_20120810.ListTagsOfResource", Map.of("ResourceArn",
                    tableArn(region(), name))), jsonAnswer("1.0", Map.of("Tags", settings.tagsFor(name).entrySet()
                    .stream().map(tag -> Map.of("Key", tag.getKey(), "Value", tag.getValue())).toList())));
            for (String replica : settings.replicaRegionsOf(table)) {
                describeTable(replica, name, table(table, replica));
                pitr(replica, name, "ENABLED");
            }
        }
        for (Published parameter : TableParameters.of(catalogue, settings.environment())) {
            String table = name(parameter.table());
            String value = switch (parameter.attribute()) {
                case NAME -> table;
                case ARN -> tableArn(region(), table);
                case STREAM_ARN -> streamArn(region(), table);
            };
            parameter(parameter.name(), "String", value);
        }
        if (settings.createKmsKey()) {
            key(stackKeyArn(), "Enabled", "CUSTOMER");
            rotation(stackKeyArn(), true);
        }
        for (Alarm alarm : TableAlarms.of(settings, catalogue.tables())) {
            alarm(alarm.name(), alarmAnswer(alarm));
        }
        if (settings.backup().enabled()) {
            key("alias/aws/backup", "Enabled", "AWS");
            vault(settings.backup().vaultKmsKeyArn() != null ? settings.backup().vaultKmsKeyArn()
                    : kmsArn(region(), "backup-managed-key-id"));
            plans(List.of(Map.of("BackupPlanArn", planArn(), "BackupPlanId", PLAN_ID, "BackupPlanName", resourceName(),
                    "VersionId", "v1", "CreationDate", 1.7e9)));
            plan(rule(resourceName(), settings.backup().schedule(), settings.backup().retentionDays(), resourceName()));
            selections(List.of(Map.of("SelectionId", SELECTION_ID, "SelectionName", resourceName(), "BackupPlanId",
                    PLAN_ID, "IamRoleArn", roleArn(), "CreationDate", 1.7e9)));
            selection(roleArn(), catalogue.tables().stream().map(t -> tableArn(region(), name(t))).toList());
            role(Backups.ASSUME_ROLE_POLICY, Backups.roleBoundaryArn(settings));
            attached(List.of(Backups.SERVICE_POLICY));
        }
        return this;
    }

    // DynamoDB

    public void describeTable(String region, String name, Map<String, Object> description) {
        wire.stub(json("dynamodb", region, "DynamoDB_20120810.DescribeTable", Map.of("TableName", name)),
                jsonAnswer("1.0", Map.of("Table", description)));
    }

    public void tableNotFound(String region, String name) {
        wire.stub(json("dynamodb", region, "DynamoDB_20120810.DescribeTable", Map.of("TableName", name)),
                jsonError("1.0", 400, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                        "Requested resource not found: Table: " + name + " not found"));
    }

    public void pitr(String region, String name, String status) {
        wire.stub(json("dynamodb", region, "DynamoDB_20120810.DescribeContinuousBackups", Map.of("TableName", name)),
                jsonAnswer("1.0", Map.of("ContinuousBackupsDescription", Map.of("ContinuousBackupsStatus", "ENABLED",
                        "PointInTimeRecoveryDescription", Map.of("PointInTimeRecoveryStatus", status,
                                "RecoveryPeriodInDays", 35)))));
    }

    /** The table as DescribeTable answers for it in a region (the home table, or a replica). */
    public Map<String, Object> table(TableDefinition table, String region) {
        String name = name(table);
        var description = new LinkedHashMap<String, Object>();
        description.put("TableName", name);
        description.put("TableStatus", "ACTIVE");
        description.put("TableArn", tableArn(region, name));
        description.put("TableId", "0a1b2c3d-4e5f-4000-8000-" + String.format("%012d", Math.abs(name.hashCode())));
        description.put("KeySchema", keys(table.keys()));
        description.put("AttributeDefinitions", table.attributeDefinitions().stream().map(attribute -> Map.of(
                "AttributeName", attribute.name(), "AttributeType", attribute.type().name())).toList());
        if (!table.indexes().isEmpty()) {
            description.put("GlobalSecondaryIndexes", table.indexes().stream().map(index -> indexOf(index, region, name))
                    .toList());
        }
        description.put("BillingModeSummary", Map.of("BillingMode", "PAY_PER_REQUEST"));
        if (table.stream().isEnabled()) {
            description.put("StreamSpecification", Map.of("StreamEnabled", true, "StreamViewType",
                    table.stream().viewType().orElseThrow().name()));
            description.put("LatestStreamLabel", STREAM_LABEL);
            description.put("LatestStreamArn", streamArn(region, name));
        }
        description.put("DeletionProtectionEnabled", settings.deletionProtection());
        String key = region.equals(region()) ? settings.customerManagedKey().orElse(settings.createKmsKey()
                ? stackKeyArn() : awsManagedDynamoDbKey(region)) : settings.replicaKmsKeyArns()
                .getOrDefault(region, awsManagedDynamoDbKey(region));
        description.put("SSEDescription", Map.of("Status", "ENABLED", "SSEType", "KMS", "KMSMasterKeyArn", key));
        var replicas = new ArrayList<Map<String, Object>>();
        var regions = new ArrayList<>(settings.replicaRegionsOf(table));
        if (!regions.isEmpty()) {
            // every member of a global table lists the others, the home region included
            regions.add(region());
            regions.remove(region);
            regions.forEach(other -> replicas.add(Map.of("RegionName", other, "ReplicaStatus", "ACTIVE")));
            description.put("Replicas", replicas);
            description.put("GlobalTableVersion", "2019.11.21");
        }
        return description;
    }

    private static List<Map<String, String>> keys(KeySchema keys) {
        var list = new ArrayList<Map<String, String>>();
        list.add(Map.of("AttributeName", keys.partitionKey().name(), "KeyType", "HASH"));
        keys.sortKeyIfAny().ifPresent(sort -> list.add(Map.of("AttributeName", sort.name(), "KeyType", "RANGE")));
        return list;
    }

    private Map<String, Object> indexOf(GlobalSecondaryIndex index, String region, String table) {
        return Map.of("IndexName", index.name(), "KeySchema", keys(index.keys()),
                "Projection", Map.of("ProjectionType", GlobalSecondaryIndex.PROJECTION), "IndexStatus", "ACTIVE",
                "IndexArn", tableArn(region, table) + "/index/" + index.name());
    }

    // SSM

    public void parameter(String name, String type, String value) {
        wire.stub(json("ssm", region(), "AmazonSSM.GetParameter", Map.of("Name", name)), jsonAnswer("1.1",
                Map.of("Parameter", Map.of("Name", name, "Type", type, "Value", value, "Version", 1, "DataType", "text",
                        "ARN", "arn:aws:ssm:" + region() + ":" + account() + ":parameter" + name,
                        "LastModifiedDate", 1.7e9))));
    }

    // KMS

    public void key(String keyId, String state, String manager) {
        String arn = keyId.startsWith("alias/") ? kmsArn(region(), "backup-managed-key-id") : keyId;
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("AWSAccountId", account());
        metadata.put("KeyId", arn.substring(arn.lastIndexOf('/') + 1));
        metadata.put("Arn", arn);
        metadata.put("CreationDate", 1.7e9);
        metadata.put("Enabled", "Enabled".equals(state));
        metadata.put("KeyUsage", "ENCRYPT_DECRYPT");
        metadata.put("KeyState", state);
        metadata.put("Origin", "AWS_KMS");
        metadata.put("KeyManager", manager);
        metadata.put("KeySpec", "SYMMETRIC_DEFAULT");
        metadata.put("EncryptionAlgorithms", List.of("SYMMETRIC_DEFAULT"));
        metadata.put("MultiRegion", false);
        wire.stub(json("kms", region(), "TrentService.DescribeKey", Map.of("KeyId", keyId)),
                jsonAnswer("1.1", Map.of("KeyMetadata", metadata)));
    }

    public void rotation(String keyArn, boolean enabled) {
        wire.stub(json("kms", region(), "TrentService.GetKeyRotationStatus", Map.of("KeyId", keyArn)),
                jsonAnswer("1.1", Map.of("KeyRotationEnabled", enabled, "KeyId", keyArn, "RotationPeriodInDays", 365)));
    }

    // CloudWatch

    public void alarm(String name, Map<String, Object> alarm) {
        wire.stub(cbor("monitoring", region(), "DescribeAlarms", name), cborAnswer(Map.of(
                "MetricAlarms", alarm == null ? List.of() : List.of(alarm), "CompositeAlarms", List.of())));
    }

    /** The alarm as DescribeAlarms answers for it. */
    public Map<String, Object> alarmAnswer(Alarm alarm) {
        var answer = new LinkedHashMap<String, Object>();
        answer.put("AlarmName", alarm.name());
        answer.put("AlarmArn", "arn:aws:cloudwatch:" + region() + ":" + account() + ":alarm:" + alarm.name());
        answer.put("AlarmDescription", alarm.description());
        answer.put("ActionsEnabled", true);
        answer.put("OKActions", List.of(alarm.topicArn()));
        answer.put("AlarmActions", List.of(alarm.topicArn()));
        answer.put("InsufficientDataActions", List.of());
        answer.put("StateValue", "OK");
        answer.put("EvaluationPeriods", alarm.evaluationPeriods());
        answer.put("Threshold", alarm.threshold());
        answer.put("ComparisonOperator", TableAlarms.COMPARISON);
        answer.put("TreatMissingData", "notBreaching");
        if (alarm.metric() != null) {
            answer.put("MetricName", alarm.metric());
            answer.put("Namespace", alarm.namespace());
            answer.put("Statistic", TableAlarms.STATISTIC);
            // CloudWatch lists dimensions in its own order, not the order given
            answer.put("Dimensions", alarm.dimensions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(d -> Map.of("Name", d.getKey(), "Value", d.getValue())).toList());
            answer.put("Period", alarm.periodSeconds());
        } else {
            answer.put("Metrics", List.of(Map.of("Id", "errors", "Expression", alarm.expression(), "Label",
                    alarm.label(), "ReturnData", true)));
        }
        return answer;
    }

    // AWS Backup

    public void vault(String keyArn) {
        wire.stub(restGet("backup", region(), "/backup-vaults/" + resourceName()), restAnswer(Map.of(
                "BackupVaultName", resourceName(), "BackupVaultArn", "arn:aws:backup:" + region() + ":" + account()
                        + ":backup-vault:" + resourceName(), "EncryptionKeyArn", keyArn, "CreationDate", 1.7e9,
                "NumberOfRecoveryPoints", 0, "VaultType", "BACKUP_VAULT", "Locked", false)));
    }

    public void plans(List<Map<String, Object>> plans) {
        wire.stub(restGet("backup", region(), "/backup/plans/"), restAnswer(Map.of("BackupPlansList", plans)));
    }

    public void plan(Map<String, Object>... rules) {
        wire.stub(restGet("backup", region(), "/backup/plans/" + PLAN_ID + "/"), restAnswer(Map.of(
                "BackupPlan", Map.of("BackupPlanName", resourceName(), "Rules", List.of(rules)),
                "BackupPlanArn", planArn(), "BackupPlanId", PLAN_ID, "VersionId", "v1", "CreationDate", 1.7e9)));
    }

    public static Map<String, Object> rule(String name, String schedule, int retentionDays, String vault) {
        return Map.of("RuleName", name, "TargetBackupVaultName", vault, "ScheduleExpression", schedule,
                "StartWindowMinutes", 480, "CompletionWindowMinutes", 10080,
                "Lifecycle", Map.of("DeleteAfterDays", retentionDays), "RuleId", "rule-0001");
    }

    public void selections(List<Map<String, Object>> selections) {
        wire.stub(restGet("backup", region(), "/backup/plans/" + PLAN_ID + "/selections/"),
                restAnswer(Map.of("BackupSelectionsList", selections)));
    }

    public void selection(String role, List<String> resources) {
        wire.stub(restGet("backup", region(), "/backup/plans/" + PLAN_ID + "/selections/" + SELECTION_ID),
                restAnswer(Map.of("BackupSelection", Map.of("SelectionName", resourceName(), "IamRoleArn", role,
                        "Resources", resources, "ListOfTags", List.of(), "NotResources", List.of(),
                        "Conditions", Map.of("StringEquals", List.of(), "StringNotEquals", List.of(), "StringLike",
                                List.of(), "StringNotLike", List.of())),
                        "SelectionId", SELECTION_ID, "BackupPlanId", PLAN_ID, "CreationDate", 1.7e9)));
    }

    // IAM

    public void role(String trust, String boundary) {
        String name = Backups.roleName(settings);
        wire.stub(query("iam", "aws-global", "GetRole", Map.of("RoleName", name)), queryAnswer(IAM_NAMESPACE, "GetRole",
                "<Role><Path>/</Path><RoleName>" + name + "</RoleName><RoleId>AROAEXAMPLEBACKUP</RoleId><Arn>"
                        + roleArn() + "</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>"
                        + URLEncoder.encode(trust, StandardCharsets.UTF_8) + "</AssumeRolePolicyDocument>"
                        + (boundary == null ? "" : "<PermissionsBoundary><PermissionsBoundaryType>Policy"
                        + "</PermissionsBoundaryType><PermissionsBoundaryArn>" + boundary + "</PermissionsBoundaryArn>"
                        + "</PermissionsBoundary>") + "<MaxSessionDuration>3600</MaxSessionDuration></Role>"));
    }

    public void attached(List<String> policies) {
        String name = Backups.roleName(settings);
        var members = new StringBuilder();
        policies.forEach(arn -> members.append("<member><PolicyName>").append(arn.substring(arn.lastIndexOf('/') + 1))
                .append("</PolicyName><PolicyArn>").append(arn).append("</PolicyArn></member>"));
        wire.stub(query("iam", "aws-global", "ListAttachedRolePolicies", Map.of("RoleName", name)),
                queryAnswer(IAM_NAMESPACE, "ListAttachedRolePolicies", "<AttachedPolicies>" + members
                        + "</AttachedPolicies><IsTruncated>false</IsTruncated>"));
    }

    // names and ARNs

    public String region() {
        return settings.region();
    }

    public String account() {
        return settings.accountId();
    }

    public String resourceName() {
        return settings.resourceName();
    }

    public String name(TableDefinition table) {
        return table.physicalName(settings.environment());
    }

    public String tableArn(String region, String table) {
        return "arn:aws:dynamodb:" + region + ":" + account() + ":table/" + table;
    }

    public String streamArn(String region, String table) {
        return tableArn(region, table) + "/stream/" + STREAM_LABEL;
    }

    public String kmsArn(String region, String keyId) {
        return "arn:aws:kms:" + region + ":" + account() + ":key/" + keyId;
    }

    public String stackKeyArn() {
        return kmsArn(region(), KEY_ID);
    }

    public String awsManagedDynamoDbKey(String region) {
        return kmsArn(region, "dynamodb-managed-key-id");
    }

    public String planArn() {
        return "arn:aws:backup:" + region() + ":" + account() + ":backup-plan:" + PLAN_ID;
    }

    public String roleArn() {
        return "arn:aws:iam::" + account() + ":role/" + Backups.roleName(settings);
    }
}
