package com.bbws.dynamodb.validate;

import static com.bbws.dynamodb.validate.AwsWire.cbor;
import static com.bbws.dynamodb.validate.AwsWire.cborError;
import static com.bbws.dynamodb.validate.AwsWire.json;
import static com.bbws.dynamodb.validate.AwsWire.jsonError;
import static com.bbws.dynamodb.validate.AwsWire.query;
import static com.bbws.dynamodb.validate.AwsWire.queryError;
import static com.bbws.dynamodb.validate.AwsWire.restError;
import static com.bbws.dynamodb.validate.AwsWire.restGet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.delivery.Stacks;
import com.bbws.dynamodb.infra.Backups;
import com.bbws.dynamodb.infra.TableAlarms;
import com.bbws.dynamodb.infra.TableAlarms.Alarm;
import com.bbws.dynamodb.validate.Check.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Drift of each rule of the stack's resources beyond the tables, and the AWS errors that mean "could not
 * check", over the SDK's real HTTP path: WireMock answers as AWS does for prod with every optional
 * feature on (its own key, alarms, a replica with its key, a vault key), then one answer is changed.
 */
class StackDriftOverHttpTest {

    private static final String PROD = "AWS account 093646564004 in af-south-1";
    private static final String TOPIC = "arn:aws:sns:af-south-1:093646564004:bbws-alerts";

    private final AwsWire wire = new AwsWire();
    private final DeployedStack prod = new DeployedStack(wire,
            EveryResourceValidatedTest.settings(Stacks.EVERY_FEATURE.get(0))).deployed();

    @AfterEach
    void stop() {
        wire.close();
    }

    private ValidationReport validate(DeployedStack stack) throws CannotCheckException {
        try (var services = wire.services()) {
            return AwsValidation.run(services, BbwsTables.CATALOGUE, stack.settings);
        }
    }

    /** The one failed check of the run: its subject, its name and what it says. */
    private Check onlyFailure(DeployedStack stack) throws CannotCheckException {
        ValidationReport report = validate(stack);
        assertThat(report.exitCode()).as(report.text()).isEqualTo(ValidationReport.DIFFERS);
        List<Check> failed = report.checks().stream().filter(check -> check.outcome() == Outcome.FAIL).toList();
        assertThat(failed).as(report.text()).hasSize(1);
        return failed.get(0);
    }

    private List<Check> failures(DeployedStack stack) throws CannotCheckException {
        return validate(stack).checks().stream().filter(check -> check.outcome() == Outcome.FAIL).toList();
    }

    // the backup vault

    @Test
    void a_vault_on_another_key_than_the_stacks_vault_key_fails_backup_vault() throws Exception {
        prod.vault("arn:aws:kms:af-south-1:093646564004:key/other");

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod", "backup vault", Outcome.FAIL,
                "encrypted with arn:aws:kms:af-south-1:093646564004:key/other; expected encrypted with"
                        + " arn:aws:kms:af-south-1:093646564004:key/" + DeployedStack.KEY_ID));
    }

    @Test
    void without_a_vault_key_the_vault_must_use_aws_backups_managed_key() throws Exception {
        var sit = new DeployedStack(wire, EveryResourceValidatedTest.settings("sit")).deployed();
        sit.vault("arn:aws:kms:eu-west-1:815856636111:key/someone-elses");

        assertThat(onlyFailure(sit)).isEqualTo(new Check("bbws-dynamodb-sit", "backup vault", Outcome.FAIL,
                "encrypted with arn:aws:kms:eu-west-1:815856636111:key/someone-elses; expected encrypted with"
                        + " arn:aws:kms:eu-west-1:815856636111:key/backup-managed-key-id (alias/aws/backup)"));
    }

    @Test
    void a_deleted_vault_fails_backup_vault_as_missing() throws Exception {
        wire.stub(restGet("backup", "af-south-1", "/backup-vaults/bbws-dynamodb-prod"), restError(400,
                "ResourceNotFoundException", "Backup vault bbws-dynamodb-prod not found"));

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod", "backup vault", Outcome.FAIL,
                "missing; expected a vault encrypted with arn:aws:kms:af-south-1:093646564004:key/"
                        + DeployedStack.KEY_ID));
    }

    // the backup plan

    @Test
    void a_plan_edited_to_another_schedule_fails_backup_plan() throws Exception {
        prod.plan(DeployedStack.rule("bbws-dynamodb-prod", "cron(0 5 ? * * *)", 90, "bbws-dynamodb-prod"));

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod", "backup plan", Outcome.FAIL,
                "rule bbws-dynamodb-prod: cron(0 5 ? * * *), kept 90 days, into vault bbws-dynamodb-prod; expected"
                        + " rule bbws-dynamodb-prod: cron(0 * * * ? *), kept 90 days, into vault bbws-dynamodb-prod"));
    }

    @Test
    void a_plan_edited_to_another_retention_fails_backup_plan() throws Exception {
        prod.plan(DeployedStack.rule("bbws-dynamodb-prod", "cron(0 * * * ? *)", 7, "bbws-dynamodb-prod"));

        assertThat(onlyFailure(prod).detail()).isEqualTo("rule bbws-dynamodb-prod: cron(0 * * * ? *), kept 7 days,"
                + " into vault bbws-dynamodb-prod; expected rule bbws-dynamodb-prod: cron(0 * * * ? *), kept 90 days,"
                + " into vault bbws-dynamodb-prod");
    }

    @Test
    void a_second_rule_added_by_hand_fails_backup_plan() throws Exception {
        prod.plan(DeployedStack.rule("bbws-dynamodb-prod", "cron(0 * * * ? *)", 90, "bbws-dynamodb-prod"),
                DeployedStack.rule("weekly", "cron(0 1 ? * SUN *)", 365, "elsewhere"));

        assertThat(onlyFailure(prod).detail()).startsWith("rule bbws-dynamodb-prod: cron(0 * * * ? *), kept 90 days,"
                + " into vault bbws-dynamodb-prod; rule weekly: cron(0 1 ? * SUN *), kept 365 days, into vault elsewhere;"
                + " expected ");
    }

    @Test
    void a_deleted_plan_fails_backup_plan_and_its_selection() throws Exception {
        prod.plans(List.of(Map.of("BackupPlanId", "another", "BackupPlanName", "someone-elses-plan")));

        assertThat(failures(prod)).extracting(Check::table, Check::name, Check::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("bbws-dynamodb-prod", "backup plan", "missing; expected rule"
                        + " bbws-dynamodb-prod: cron(0 * * * ? *), kept 90 days, into vault bbws-dynamodb-prod"),
                org.assertj.core.groups.Tuple.tuple("bbws-dynamodb-prod", "backup selection", "missing with its plan;"
                        + " expected as role " + prod.roleArn() + ", resources " + tables()));
    }

    private String tables() {
        return String.join(", ", prod.tableArn("af-south-1", "campaigns"), prod.tableArn("af-south-1", "products-prod"),
                prod.tableArn("af-south-1", "tenants"));
    }

    // the backup selection

    @Test
    void a_selection_that_no_longer_covers_a_table_fails_backup_selection() throws Exception {
        prod.selection(prod.roleArn(), List.of(prod.tableArn("af-south-1", "tenants"),
                prod.tableArn("af-south-1", "campaigns")));

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod", "backup selection", Outcome.FAIL,
                "as role " + prod.roleArn() + ", resources " + prod.tableArn("af-south-1", "campaigns") + ", "
                        + prod.tableArn("af-south-1", "tenants") + "; expected as role " + prod.roleArn()
                        + ", resources " + tables()));
    }

    @Test
    void a_selection_backing_up_as_another_role_fails_backup_selection() throws Exception {
        prod.selection("arn:aws:iam::093646564004:role/service-role/AWSBackupDefaultServiceRole",
                List.of(prod.tableArn("af-south-1", "tenants"), prod.tableArn("af-south-1", "products-prod"),
                        prod.tableArn("af-south-1", "campaigns")));

        assertThat(onlyFailure(prod).detail()).isEqualTo("as role arn:aws:iam::093646564004:role/service-role/"
                + "AWSBackupDefaultServiceRole, resources " + tables() + "; expected as role " + prod.roleArn()
                + ", resources " + tables());
    }

    @Test
    void a_deleted_selection_fails_backup_selection_as_missing() throws Exception {
        prod.selections(List.of());

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod", "backup selection", Outcome.FAIL,
                "missing; expected as role " + prod.roleArn() + ", resources " + tables()));
    }

    // the backup role and its policy attachment

    @Test
    void a_trust_that_lets_another_principal_assume_the_role_fails_role_trust() throws Exception {
        String widened = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
                + "[\"backup.amazonaws.com\",\"ec2.amazonaws.com\"]},\"Action\":\"sts:AssumeRole\"}]}";
        prod.role(widened, Backups.roleBoundaryArn(prod.settings));

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod-backup", "role trust", Outcome.FAIL,
                widened + "; expected only backup.amazonaws.com may assume it " + Backups.ASSUME_ROLE_POLICY));
    }

    @Test
    void the_same_trust_written_with_lists_and_in_another_order_holds() throws Exception {
        prod.role("{\"Statement\":[{\"Action\":[\"sts:AssumeRole\"],\"Principal\":{\"Service\":[\"backup.amazonaws.com\"]},"
                + "\"Effect\":\"Allow\"}],\"Version\":\"2012-10-17\"}", Backups.roleBoundaryArn(prod.settings));

        assertThat(validate(prod).exitCode()).isEqualTo(ValidationReport.ALL_HOLD);
    }

    @Test
    void a_boundary_removed_by_hand_fails_role_boundary() throws Exception {
        prod.role(Backups.ASSUME_ROLE_POLICY, null);

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod-backup", "role boundary", Outcome.FAIL,
                "none; expected arn:aws:iam::093646564004:policy/bbws-dynamodb-prod-backup-boundary"));
    }

    @Test
    void the_service_policy_detached_and_another_attached_fails_attached_policy() throws Exception {
        prod.attached(List.of("arn:aws:iam::aws:policy/AdministratorAccess"));

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod-backup", "attached policy", Outcome.FAIL,
                "arn:aws:iam::aws:policy/AdministratorAccess; expected " + Backups.SERVICE_POLICY + " only"));
    }

    @Test
    void a_deleted_role_fails_its_trust_boundary_and_attached_policy() throws Exception {
        wire.stub(query("iam", "aws-global", "GetRole", Map.of("RoleName", "bbws-dynamodb-prod-backup")),
                queryError(DeployedStack.IAM_NAMESPACE, 404, "NoSuchEntity",
                        "The role with name bbws-dynamodb-prod-backup cannot be found."));

        assertThat(failures(prod)).extracting(Check::name, Check::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("role trust", "role missing; expected only backup.amazonaws.com"
                        + " may assume it " + Backups.ASSUME_ROLE_POLICY),
                org.assertj.core.groups.Tuple.tuple("role boundary", "role missing; expected"
                        + " arn:aws:iam::093646564004:policy/bbws-dynamodb-prod-backup-boundary"),
                org.assertj.core.groups.Tuple.tuple("attached policy", "role missing; expected "
                        + Backups.SERVICE_POLICY));
    }

    // the alarms

    private Alarm alarm(String suffix) {
        return TableAlarms.of(prod.settings, BbwsTables.CATALOGUE.tables()).stream()
                .filter(alarm -> alarm.name().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static final String EMAIL_READS = "Sum of AWS/DynamoDB ReadThrottleEvents {GlobalSecondaryIndexName=EmailIndex,"
            + " TableName=tenants} every 60 s";
    private static final String ACTIONS = "alarm actions [" + TOPIC + "], OK actions [" + TOPIC + "]";

    @Test
    void a_deleted_alarm_fails_alarm_as_missing() throws Exception {
        Alarm alarm = alarm("tenants-EmailIndex-ReadThrottleEvents");
        prod.alarm(alarm.name(), null);

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod-tenants-EmailIndex-ReadThrottleEvents",
                "alarm", Outcome.FAIL, "missing; expected " + EMAIL_READS + ", GreaterThanOrEqualToThreshold 1 for 1"
                        + " period(s), " + ACTIONS));
    }

    private void changed(Alarm alarm, String field, Object value) {
        var answer = new LinkedHashMap<>(prod.alarmAnswer(alarm));
        answer.put(field, value);
        prod.alarm(alarm.name(), answer);
    }

    @Test
    void an_alarm_with_a_raised_threshold_fails_alarm() throws Exception {
        changed(alarm("tenants-EmailIndex-ReadThrottleEvents"), "Threshold", 50.0);

        assertThat(onlyFailure(prod).detail()).isEqualTo(EMAIL_READS + ", GreaterThanOrEqualToThreshold 50 for 1"
                + " period(s), " + ACTIONS + "; expected " + EMAIL_READS + ", GreaterThanOrEqualToThreshold 1 for 1"
                + " period(s), " + ACTIONS);
    }

    @Test
    void an_alarm_with_another_period_fails_alarm() throws Exception {
        changed(alarm("tenants-EmailIndex-ReadThrottleEvents"), "Period", 300);

        assertThat(onlyFailure(prod).detail()).startsWith(EMAIL_READS.replace("every 60 s", "every 300 s") + ", ")
                .endsWith("; expected " + EMAIL_READS + ", GreaterThanOrEqualToThreshold 1 for 1 period(s), " + ACTIONS);
    }

    @Test
    void an_alarm_on_another_metric_fails_alarm() throws Exception {
        changed(alarm("tenants-EmailIndex-ReadThrottleEvents"), "MetricName", "ConsumedReadCapacityUnits");

        assertThat(onlyFailure(prod).detail()).startsWith("Sum of AWS/DynamoDB ConsumedReadCapacityUnits"
                + " {GlobalSecondaryIndexName=EmailIndex, TableName=tenants} every 60 s, ");
    }

    @Test
    void an_alarm_whose_actions_were_removed_fails_alarm() throws Exception {
        changed(alarm("tenants-EmailIndex-ReadThrottleEvents"), "AlarmActions", List.of());

        assertThat(onlyFailure(prod).detail()).startsWith(EMAIL_READS + ", GreaterThanOrEqualToThreshold 1 for 1"
                + " period(s), alarm actions [], OK actions [" + TOPIC + "]; expected ");
    }

    @Test
    void a_system_errors_alarm_on_another_expression_fails_alarm() throws Exception {
        Alarm errors = alarm("campaigns-SystemErrors");
        changed(errors, "Metrics", List.of(Map.of("Id", "errors", "Expression", "SUM(SEARCH('x', 'Sum', 60))",
                "ReturnData", true)));

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod-campaigns-SystemErrors", "alarm",
                Outcome.FAIL, "expression SUM(SEARCH('x', 'Sum', 60)), GreaterThanOrEqualToThreshold 1 for 1 period(s), "
                        + ACTIONS + "; expected expression " + errors.expression() + ", GreaterThanOrEqualToThreshold 1"
                        + " for 1 period(s), " + ACTIONS));
    }

    // the stack's own key

    @Test
    void the_stacks_key_with_rotation_turned_off_fails_kms_key() throws Exception {
        prod.rotation(prod.stackKeyArn(), false);

        assertThat(onlyFailure(prod)).isEqualTo(new Check("bbws-dynamodb-prod", "kms key", Outcome.FAIL,
                prod.stackKeyArn() + " Enabled, customer managed, rotation off; expected Enabled, customer managed,"
                        + " rotation on"));
    }

    @Test
    void the_stacks_key_disabled_fails_kms_key() throws Exception {
        prod.key(prod.stackKeyArn(), "Disabled", "CUSTOMER");

        assertThat(onlyFailure(prod).detail()).isEqualTo(prod.stackKeyArn() + " Disabled, customer managed, rotation"
                + " on; expected Enabled, customer managed, rotation on");
    }

    @Test
    void the_stacks_key_not_found_fails_kms_key_as_missing() throws Exception {
        wire.stub(json("kms", "af-south-1", "TrentService.DescribeKey", Map.of("KeyId", prod.stackKeyArn())),
                jsonError("1.1", 400, "NotFoundException", "Key '" + prod.stackKeyArn() + "' does not exist"));

        assertThat(onlyFailure(prod).detail()).isEqualTo(prod.stackKeyArn() + " missing; expected Enabled, customer"
                + " managed, rotation on");
    }

    // the replicas, in their own region

    @Test
    void a_replica_with_pitr_turned_off_fails_in_its_region() throws Exception {
        prod.pitr("eu-west-1", "campaigns", "DISABLED");

        assertThat(onlyFailure(prod)).isEqualTo(new Check("campaigns", "replica eu-west-1 point-in-time recovery",
                Outcome.FAIL, "DISABLED; expected ENABLED"));
    }

    @Test
    void a_replica_on_another_key_than_its_regions_fails_replica_encryption() throws Exception {
        var replica = new LinkedHashMap<>(prod.table(BbwsTables.CATALOGUE.tables().get(0), "eu-west-1"));
        replica.put("SSEDescription", Map.of("Status", "ENABLED", "SSEType", "KMS", "KMSMasterKeyArn",
                "arn:aws:kms:eu-west-1:093646564004:key/other"));
        prod.describeTable("eu-west-1", "tenants", replica);

        assertThat(onlyFailure(prod)).isEqualTo(new Check("tenants", "replica eu-west-1 encryption", Outcome.FAIL,
                "ENABLED, KMS, key arn:aws:kms:eu-west-1:093646564004:key/other; expected ENABLED, KMS, key"
                        + " arn:aws:kms:eu-west-1:093646564004:key/" + DeployedStack.KEY_ID));
    }

    @Test
    void a_replica_gone_from_its_region_fails_both_replica_checks() throws Exception {
        prod.tableNotFound("eu-west-1", "tenants");

        assertThat(failures(prod)).extracting(Check::name, Check::detail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("replica eu-west-1 point-in-time recovery",
                        "replica not found at AWS account 093646564004 in eu-west-1"),
                org.assertj.core.groups.Tuple.tuple("replica eu-west-1 encryption",
                        "replica not found at AWS account 093646564004 in eu-west-1"));
    }

    // errors that mean "could not check": one line naming the call, exit 2

    @Test
    void access_denied_by_aws_backup_means_could_not_check() {
        wire.stub(restGet("backup", "af-south-1", "/backup/plans/"), restError(403, "AccessDeniedException",
                "User: arn:aws:sts::093646564004:assumed-role/bbws-preview/ci is not authorized to perform:"
                        + " backup:ListBackupPlans"));

        assertThatThrownBy(() -> validate(prod)).isInstanceOf(CannotCheckException.class).hasMessage("Access denied"
                + " at " + PROD + " for ListBackupPlans: User: arn:aws:sts::093646564004:assumed-role/bbws-preview/ci is"
                + " not authorized to perform: backup:ListBackupPlans");
    }

    @Test
    void access_denied_by_iam_means_could_not_check() {
        wire.stub(query("iam", "aws-global", "GetRole", Map.of("RoleName", "bbws-dynamodb-prod-backup")),
                queryError(DeployedStack.IAM_NAMESPACE, 403, "AccessDenied", "User: ci is not authorized to perform:"
                        + " iam:GetRole on resource: role bbws-dynamodb-prod-backup"));

        assertThatThrownBy(() -> validate(prod)).isInstanceOf(CannotCheckException.class).hasMessage("Access denied"
                + " at " + PROD + " for GetRole bbws-dynamodb-prod-backup: User: ci is not authorized to perform:"
                + " iam:GetRole on resource: role bbws-dynamodb-prod-backup");
    }

    @Test
    void access_denied_by_cloudwatch_means_could_not_check() {
        Alarm first = TableAlarms.of(prod.settings, BbwsTables.CATALOGUE.tables()).get(0);
        wire.stub(cbor("monitoring", "af-south-1", "DescribeAlarms", first.name()), cborError(403,
                "AccessDeniedException", "AccessDenied", "User: ci is not authorized to perform: cloudwatch:DescribeAlarms"));

        assertThatThrownBy(() -> validate(prod)).isInstanceOf(CannotCheckException.class).hasMessage("Access denied"
                + " at " + PROD + " for DescribeAlarms " + first.name() + ": User: ci is not authorized to perform:"
                + " cloudwatch:DescribeAlarms");
    }

    @Test
    void access_denied_by_kms_means_could_not_check() {
        wire.stub(json("kms", "af-south-1", "TrentService.GetKeyRotationStatus", Map.of("KeyId", prod.stackKeyArn())),
                jsonError("1.1", 400, "AccessDeniedException", "User: ci is not authorized to perform:"
                        + " kms:GetKeyRotationStatus"));

        assertThatThrownBy(() -> validate(prod)).isInstanceOf(CannotCheckException.class).hasMessage("Access denied"
                + " at " + PROD + " for GetKeyRotationStatus " + prod.stackKeyArn() + ": User: ci is not authorized to"
                + " perform: kms:GetKeyRotationStatus");
    }

    @Test
    void access_denied_in_a_replicas_region_means_could_not_check() {
        wire.stub(json("dynamodb", "eu-west-1", "DynamoDB_20120810.DescribeTable", Map.of("TableName", "tenants")),
                jsonError("1.0", 400, "com.amazon.coral.service#AccessDeniedException", "User: ci is not authorized"
                        + " to perform: dynamodb:DescribeTable"));

        assertThatThrownBy(() -> validate(prod)).isInstanceOf(CannotCheckException.class).hasMessage("Access denied"
                + " at AWS account 093646564004 in eu-west-1 for DescribeTable tenants: User: ci is not authorized to"
                + " perform: dynamodb:DescribeTable");
    }

    @Test
    void throttling_by_each_service_after_the_sdks_retries_means_could_not_check() {
        var throttled = new ArrayList<String>();
        wire.stub(restGet("backup", "af-south-1", "/backup/plans/" + DeployedStack.PLAN_ID + "/"),
                restError(400, "ThrottlingException", "Rate exceeded"));
        throttled.add(message(() -> validate(prod)));
        // the SDK retried: two attempts per call (AwsWire.TIMEOUTS)
        int planAttempts = wire.requests().stream().filter(request -> request.getUrl().endsWith("/backup/plans/"
                + DeployedStack.PLAN_ID + "/")).toList().size();
        prod.deployed();
        wire.stub(query("iam", "aws-global", "ListAttachedRolePolicies", Map.of("RoleName", "bbws-dynamodb-prod-backup")),
                queryError(DeployedStack.IAM_NAMESPACE, 400, "Throttling", "Rate exceeded"));
        throttled.add(message(() -> validate(prod)));
        prod.deployed();
        Alarm first = TableAlarms.of(prod.settings, BbwsTables.CATALOGUE.tables()).get(0);
        wire.stub(cbor("monitoring", "af-south-1", "DescribeAlarms", first.name()),
                cborError(400, "ThrottlingException", "Throttling", "Rate exceeded"));
        throttled.add(message(() -> validate(prod)));
        prod.deployed();
        wire.stub(json("kms", "af-south-1", "TrentService.DescribeKey", Map.of("KeyId", prod.stackKeyArn())),
                jsonError("1.1", 400, "ThrottlingException", "Rate exceeded"));
        throttled.add(message(() -> validate(prod)));

        assertThat(throttled).containsExactly(
                "Throttled by AWS Backup at " + PROD + " on GetBackupPlan bbws-dynamodb-prod even after retries: Rate"
                        + " exceeded",
                "Throttled by IAM at " + PROD + " on ListAttachedRolePolicies bbws-dynamodb-prod-backup even after"
                        + " retries: Rate exceeded",
                "Throttled by CloudWatch at " + PROD + " on DescribeAlarms " + first.name() + " even after retries:"
                        + " Rate exceeded",
                "Throttled by AWS KMS at " + PROD + " on DescribeKey " + prod.stackKeyArn() + " even after retries:"
                        + " Rate exceeded");
        assertThat(planAttempts).isEqualTo(2);
    }

    private interface Run {
        void run() throws Exception;
    }

    private static String message(Run run) {
        try {
            run.run();
        } catch (CannotCheckException e) {
            return e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected could not check");
    }
}
