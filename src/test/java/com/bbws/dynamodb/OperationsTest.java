package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Backups, alarms and DR replicas, as registered with the engine for each stack's real config. */
class OperationsTest {

    private static final String ARN = "arn:aws:dynamodb:test-region:000000000000:table/";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:815856636111:bbws-alerts";

    private final ProgramHarness engine = new ProgramHarness();

    @AfterEach
    void cleanup() {
        ProgramHarness.cleanup();
    }

    private static Map<String, String> config(String stack) {
        return new HashMap<>(StackConfigFile.load(Path.of("."), stack));
    }

    private TestResult run(String stack, Map<String, String> config) {
        return engine.run(stack, config, App::stack).throwOnError();
    }

    private Map<String, Object> only(String type) {
        assertThat(engine.registeredOfType(type)).hasSize(1);
        return engine.registeredOfType(type).get(0).inputs;
    }

    @ParameterizedTest
    @CsvSource({"dev, cron(0 3 * * ? *), 7", "sit, cron(0 3 * * ? *), 14", "prod, cron(0 * * * ? *), 90"})
    void each_stack_backs_its_tables_up_on_the_briefs_schedule_and_retention(String stack, String schedule,
                                                                           double retention) {
        run(stack, config(stack));

        String name = "bbws-dynamodb-" + stack;
        assertThat(only("aws:backup/vault:Vault")).containsEntry("name", name).doesNotContainKey("kmsKeyArn");
        assertThat(only("aws:backup/plan:Plan")).containsEntry("name", name).containsEntry("rules", List.of(Map.of(
                "ruleName", name, "targetVaultName", name, "schedule", schedule,
                "lifecycle", Map.of("deleteAfter", retention))));
        assertThat(only("aws:iam/role:Role")).containsEntry("name", name + "-backup")
                .containsEntry("assumeRolePolicy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":{\"Service\":\"backup.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
        assertThat(only("aws:iam/rolePolicyAttachment:RolePolicyAttachment"))
                .containsEntry("role", name + "-backup")
                .containsEntry("policyArn", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup");
        assertThat(only("aws:backup/selection:Selection"))
                .containsEntry("name", name)
                .containsEntry("planId", name + "-id")
                .containsEntry("iamRoleArn", "arn:test:aws:iam/role:Role:" + name + "-backup")
                .containsEntry("resources", Expected.tableNames(Expected.environment(stack)).stream()
                        .map(table -> ARN + table).toList());
        assertThat(engine.request("backup-vault").getProtect()).isEqualTo(stack.equals("prod"));
    }

    @Test
    void with_backup_turned_off_there_is_no_vault_plan_or_selection() {
        var config = config("sit");
        config.put("bbws-dynamodb:backup", "{\"enabled\":false}");

        run("sit", config);

        assertThat(engine.registered()).extracting(args -> args.type)
                .containsOnly("aws:dynamodb/table:Table", "aws:ssm/parameter:Parameter");
    }

    @Test
    void with_a_weekly_schedule_a_longer_retention_and_a_vault_key() {
        var config = config("sit");
        String key = "arn:aws:kms:eu-west-1:815856636111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        config.put("bbws-dynamodb:backup", "{\"schedule\":\"cron(0 2 ? * SUN *)\",\"retentionDays\":35,"
                + "\"vaultKmsKeyArn\":\"" + key + "\"}");

        run("sit", config);

        assertThat(only("aws:backup/vault:Vault")).containsEntry("kmsKeyArn", key);
        assertThat(only("aws:backup/plan:Plan").get("rules")).isEqualTo(List.of(Map.of(
                "ruleName", "bbws-dynamodb-sit", "targetVaultName", "bbws-dynamodb-sit",
                "schedule", "cron(0 2 ? * SUN *)", "lifecycle", Map.of("deleteAfter", 35.0))));
    }

    @Test
    void no_alarms_unless_a_topic_is_configured() {
        run("sit", config("sit"));

        assertThat(engine.registeredOfType("aws:cloudwatch/metricAlarm:MetricAlarm")).isEmpty();
    }

    @Test
    void with_a_topic_every_table_and_index_gets_its_alarms_with_the_right_dimensions() {
        var config = config("sit");
        config.put("bbws-dynamodb:alarms", "{\"topicArn\":\"" + TOPIC + "\",\"throttleThreshold\":5,\"periodSeconds\":300}");

        run("sit", config);

        var alarms = engine.registeredOfType("aws:cloudwatch/metricAlarm:MetricAlarm");
        // per table: read and write throttles and system errors; per GSI: read and write throttles
        int tables = Expected.tables().size();
        assertThat(alarms).hasSize(3 * tables + 2 * Expected.CATALOGUE.indexCount())
                .extracting(alarm -> alarm.name)
                .containsExactlyInAnyOrderElementsOf(Expected.alarmNames("sit", Environment.SIT));
        assertThat(alarms).allSatisfy(alarm -> assertThat(alarm.inputs)
                .containsEntry("name", alarm.name)
                .containsEntry("alarmActions", List.of(TOPIC)).containsEntry("okActions", List.of(TOPIC))
                .containsEntry("comparisonOperator", "GreaterThanOrEqualToThreshold")
                .containsEntry("evaluationPeriods", 1.0));
        for (TableDefinition definition : Expected.tables()) {
            String table = definition.physicalName(Environment.SIT);
            String prefix = "bbws-dynamodb-sit-" + table + "-";
            for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
                assertThat(engine.registered(prefix + metric).inputs)
                        .containsEntry("metricName", metric)
                        .containsEntry("dimensions", Map.of("TableName", table));
                for (GlobalSecondaryIndex index : definition.indexes()) {
                    assertThat(engine.registered(prefix + index.name() + "-" + metric).inputs)
                            .containsEntry("namespace", "AWS/DynamoDB")
                            .containsEntry("metricName", metric)
                            .containsEntry("dimensions", Map.of("TableName", table,
                                    "GlobalSecondaryIndexName", index.name()))
                            .containsEntry("statistic", "Sum")
                            .containsEntry("period", 300.0)
                            .containsEntry("threshold", 5.0);
                }
            }
            assertThat(engine.registered(prefix + "SystemErrors").inputs)
                    .containsEntry("threshold", 1.0)
                    .containsEntry("metricQueries", List.of(Map.of("id", "errors", "label", "SystemErrors of " + table,
                            "returnData", true, "expression", "SUM(SEARCH('{AWS/DynamoDB,Operation,TableName}"
                                    + " MetricName=\"SystemErrors\" TableName=\"" + table + "\"', 'Sum', 300))")));
        }
    }

    @Test
    void prod_replicates_the_tables_with_a_stream_to_eu_west_1_and_exports_the_replicas() {
        TestResult result = run("prod", config("prod"));

        var replica = List.of(Map.of("regionName", "eu-west-1", "pointInTimeRecovery", true, "propagateTags", true));
        var tables = (Map<?, ?>) PulumiTest.extractValue(result.outputs().get("tables"));
        assertThat(Expected.withStream()).isNotEmpty();
        for (TableDefinition table : Expected.withStream()) {
            String arn = "arn:aws:dynamodb:eu-west-1:000000000000:table/" + table.physicalName(Environment.PROD);
            assertThat(engine.registered(table.id()).inputs).containsEntry("replicas", replica);
            assertThat(PulumiTest.extractValue(result.outputs().get(table.id() + "ReplicaArns")))
                    .isEqualTo(Map.of("eu-west-1", arn));
            assertThat(PulumiTest.extractValue(result.outputs().get(table.id() + "ReplicaStreamArns")))
                    .isEqualTo(Map.of("eu-west-1", arn + "/stream/label"));
            assertThat(((Map<?, ?>) tables.get(table.id())).get("replicas")).isEqualTo(
                    Map.of("eu-west-1", Map.of("arn", arn, "streamArn", arn + "/stream/label")));
            // in one order on every run, or the plan and `pulumi stack output` differ from run to run
            var replicaFields = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) tables.get(table.id())).get("replicas"))
                    .get("eu-west-1");
            assertThat(List.copyOf(replicaFields.keySet())).isEqualTo(List.of("arn", "streamArn"));
        }
        // a global-table replica needs the table's stream (products has none, by the brief)
        for (TableDefinition table : Expected.withoutStream()) {
            assertThat(engine.registered(table.id()).inputs).doesNotContainKey("replicas");
            assertThat(result.outputs()).doesNotContainKeys(table.id() + "ReplicaArns", table.id() + "ReplicaStreamArns");
            assertThat(((Map<?, ?>) tables.get(table.id())).containsKey("replicas")).isFalse();
        }
    }

    @Test
    void replicas_use_their_regions_customer_managed_key() {
        var config = config("prod");
        String primary = "arn:aws:kms:af-south-1:093646564004:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        String replicaKey = "arn:aws:kms:eu-west-1:093646564004:key/mrk-1234567890abcdef1234567890abcdef";
        config.put("bbws-dynamodb:kmsKeyArn", primary);
        config.put("bbws-dynamodb:replicaKmsKeyArns", "{\"eu-west-1\":\"" + replicaKey + "\"}");

        run("prod", config);

        assertThat(engine.registered(Expected.withStream().get(0).id()).inputs)
                .containsEntry("serverSideEncryption", Map.of("enabled", true, "kmsKeyArn", primary))
                .containsEntry("replicas", List.of(Map.of("regionName", "eu-west-1", "pointInTimeRecovery", true,
                        "propagateTags", true, "kmsKeyArn", replicaKey)));
    }

    @ParameterizedTest
    @CsvSource({"sit, eu-west-1, 815856636111, false", "dev, eu-west-1, 536580886816, false"})
    void with_createKmsKey_the_stack_creates_a_rotating_key_and_encrypts_every_table_with_it(
            String stack, String region, String account, boolean protect) {
        var config = config(stack);
        config.put("bbws-dynamodb:createKmsKey", "true");

        run(stack, config);

        Map<String, Object> key = only("aws:kms/key:Key");
        assertThat(key).containsEntry("enableKeyRotation", true).containsEntry("deletionWindowInDays", 30.0)
                .containsEntry("policy", String.format("{\"Version\":\"2012-10-17\",\"Statement\":["
                        + "{\"Sid\":\"AccountAdministersTheKey\",\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"AWS\":\"arn:aws:iam::%1$s:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                        + "{\"Sid\":\"DynamoDBUsesTheKeyForTheAccount\",\"Effect\":\"Allow\",\"Principal\":"
                        + "{\"AWS\":\"*\"},\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\",\"kms:ReEncrypt*\","
                        + "\"kms:GenerateDataKey*\",\"kms:CreateGrant\",\"kms:DescribeKey\"],\"Resource\":\"*\","
                        + "\"Condition\":{\"StringEquals\":{\"kms:CallerAccount\":\"%1$s\","
                        + "\"kms:ViaService\":\"dynamodb.%2$s.amazonaws.com\"}}}]}", account, region));
        assertThat(engine.request("tables-key").getProtect()).isEqualTo(protect);
        assertThat(engine.tables()).allSatisfy(table -> assertThat(table.inputs).containsEntry("serverSideEncryption",
                Map.of("enabled", true, "kmsKeyArn", "arn:test:aws:kms/key:Key:tables-key")));
    }

    @Test
    void prod_protects_the_key_it_creates() {
        var config = config("prod");
        config.put("bbws-dynamodb:createKmsKey", "true");
        config.put("bbws-dynamodb:replicaKmsKeyArns",
                "{\"eu-west-1\":\"arn:aws:kms:eu-west-1:093646564004:key/mrk-1234567890abcdef1234567890abcdef\"}");

        run("prod", config);

        assertThat(engine.request("tables-key").getProtect()).isTrue();
    }

    @Test
    void dev_and_sit_have_no_replicas() {
        for (String stack : List.of("dev", "sit")) {
            run(stack, config(stack));
            assertThat(engine.tables()).allSatisfy(table -> assertThat(table.inputs).doesNotContainKey("replicas"));
            ProgramHarness.cleanup();
        }
    }
}
