package com.bbws.dynamodb.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.ProgramHarness;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of stack config mistakes: each one, starting from the stack's real config file,
 * stops the program with exactly its message and before a single resource is registered.
 */
class BadStackConfigTest {

    private static final String REMOVED = null;
    private static final String CMK = "arn:aws:kms:eu-west-1:815856636111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    record Case(String mistake, String stack, Map<String, String> changes, String message) {
        @Override
        public String toString() {
            return mistake;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(
                new Case("environment missing", "sit", change("bbws-dynamodb:environment", REMOVED),
                        "Stack 'sit': bbws-dynamodb:environment: required; set it to one of dev, sit, prod."),
                new Case("environment not dev, sit or prod", "sit", change("bbws-dynamodb:environment", "qa"),
                        "Stack 'sit': bbws-dynamodb:environment: 'qa' is not an environment;"
                                + " use one of dev, sit, prod."),
                new Case("region missing", "sit", change("aws:region", REMOVED),
                        "Stack 'sit': aws:region: required; sit's tables live in eu-west-1."),
                new Case("region not the environment's", "prod", change("aws:region", "eu-west-1"),
                        "Stack 'prod': aws:region: 'eu-west-1' is not the region of prod;"
                                + " its tables live in af-south-1."),
                new Case("allowed accounts missing", "sit", change("aws:allowedAccountIds", REMOVED),
                        "Stack 'sit': aws:allowedAccountIds: required, so the AWS provider refuses any other"
                                + " account; set it to [\"815856636111\"], the account of sit."),
                new Case("allowed account of another environment", "sit",
                        change("aws:allowedAccountIds", "[\"093646564004\"]"),
                        "Stack 'sit': aws:allowedAccountIds: [\"093646564004\"] must be exactly"
                                + " [\"815856636111\"], the account of sit."),
                new Case("more than one allowed account", "dev",
                        change("aws:allowedAccountIds", "[\"536580886816\",\"815856636111\"]"),
                        "Stack 'dev': aws:allowedAccountIds: [\"536580886816\",\"815856636111\"] must be exactly"
                                + " [\"536580886816\"], the account of dev."),
                new Case("allowed accounts not a list", "sit", change("aws:allowedAccountIds", "815856636111"),
                        "Stack 'sit': aws:allowedAccountIds: 815856636111 must be exactly"
                                + " [\"815856636111\"], the account of sit."),
                new Case("deletion protection not a boolean", "sit",
                        change("bbws-dynamodb:deletionProtection", "yes"),
                        "Stack 'sit': bbws-dynamodb:deletionProtection: 'yes' is not a boolean; use true or false."),
                new Case("deletion protection off in prod", "prod",
                        change("bbws-dynamodb:deletionProtection", "false"),
                        "Stack 'prod': bbws-dynamodb:deletionProtection: cannot be false in prod, whose tables"
                                + " hold customer data; see 'Removing a prod table' in the README for the"
                                + " deliberate, manual procedure."),
                new Case("KMS key given as an alias", "sit",
                        change("bbws-dynamodb:kmsKeyArn", "alias/bbws-dynamodb"),
                        "Stack 'sit': bbws-dynamodb:kmsKeyArn: 'alias/bbws-dynamodb' is not a KMS key ARN;"
                                + " expected arn:aws:kms:<region>:<account>:key/<key-id>"
                                + " (aliases are not accepted)."),
                new Case("KMS key in another region", "dev", change("bbws-dynamodb:kmsKeyArn",
                        CMK.replace("815856636111", "536580886816").replace("eu-west-1", "af-south-1")),
                        "Stack 'dev': bbws-dynamodb:kmsKeyArn: the key is in af-south-1 but the tables are in"
                                + " eu-west-1; it must be in the tables' region."),
                new Case("tags not a map", "sit", change("bbws-dynamodb:tags", "[\"Owner\"]"),
                        "Stack 'sit': bbws-dynamodb:tags: must be a map of tag names to values,"
                                + " was '[\"Owner\"]'."),
                new Case("tag overriding the environment", "sit",
                        change("bbws-dynamodb:tags", "{\"Environment\":\"prod\"}"),
                        "Stack 'sit': bbws-dynamodb:tags: tag 'Environment' is set by the program"
                                + " and cannot be overridden."),
                new Case("required tag emptied", "sit", change("bbws-dynamodb:tags", "{\"Owner\":\"\"}"),
                        "Stack 'sit': bbws-dynamodb:tags: tag 'Owner' is required;"
                                + " it may be given a new value but not removed."),
                new Case("tag key with the reserved aws: prefix", "sit",
                        change("bbws-dynamodb:tags", "{\"aws:team\":\"x\"}"),
                        "Stack 'sit': bbws-dynamodb:tags: tag key 'aws:team' uses the prefix 'aws:',"
                                + " which AWS reserves."),
                new Case("tag key over 128 characters", "sit",
                        change("bbws-dynamodb:tags", "{\"" + "k".repeat(129) + "\":\"x\"}"),
                        "Stack 'sit': bbws-dynamodb:tags: tag key '" + "k".repeat(129)
                                + "' must be 1 to 128 characters."),
                new Case("tag value with a character AWS refuses", "sit",
                        change("bbws-dynamodb:tags", "{\"Team\":\"a&b\"}"),
                        "Stack 'sit': bbws-dynamodb:tags: tag 'Team' has value 'a&b'; values may only contain"
                                + " letters, digits, spaces and _ . : / = + - @."),
                new Case("tag value that is not text", "sit", change("bbws-dynamodb:tags", "{\"Tier\":1}"),
                        "Stack 'sit': bbws-dynamodb:tags: tag 'Tier' must have a text value, was 1;"
                                + " quote it in the YAML."),
                new Case("more than 50 tags", "sit", change("bbws-dynamodb:tags", IntStream.rangeClosed(1, 43)
                        .mapToObj(i -> "\"Extra" + i + "\":\"x\"").collect(Collectors.joining(",", "{", "}"))),
                        "Stack 'sit': bbws-dynamodb:tags: the tables would carry 51 tags; AWS allows at most 50."),
                new Case("adopting a table that is not in the catalogue", "dev",
                        change("bbws-dynamodb:adoptTables", "[\"tenants\",\"users\"]"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: 'users' is not a table;"
                                + " the tables are tenants, products, campaigns."),
                new Case("adopting by physical name instead of id", "dev",
                        change("bbws-dynamodb:adoptTables", "[\"products-dev\"]"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: 'products-dev' is not a table;"
                                + " the tables are tenants, products, campaigns."),
                new Case("adoption list not a list", "dev", change("bbws-dynamodb:adoptTables", "all"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: must be a list of table ids"
                                + " (tenants, products, campaigns), was 'all'."),
                new Case("a table adopted twice", "dev",
                        change("bbws-dynamodb:adoptTables", "[\"tenants\",\"tenants\"]"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: 'tenants' is listed twice."),
                new Case("backup schedule that is not AWS cron", "sit",
                        change("bbws-dynamodb:backup", "{\"schedule\":\"0 3 * * *\"}"),
                        "Stack 'sit': bbws-dynamodb:backup: schedule '0 3 * * *' is not an AWS cron expression; write"
                                + " cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 3 * * ? *)"
                                + " for 03:00 UTC daily."),
                new Case("backup schedule with five fields", "sit",
                        change("bbws-dynamodb:backup", "{\"schedule\":\"cron(0 3 * * ?)\"}"),
                        "Stack 'sit': bbws-dynamodb:backup: schedule 'cron(0 3 * * ?)' has 5 fields; AWS cron"
                                + " expressions have 6: minutes hours day-of-month month day-of-week year."),
                new Case("backup schedule with both days given", "sit",
                        change("bbws-dynamodb:backup", "{\"schedule\":\"cron(0 3 * * * *)\"}"),
                        "Stack 'sit': bbws-dynamodb:backup: schedule 'cron(0 3 * * * *)': exactly one of"
                                + " day-of-month and day-of-week must be '?'."),
                new Case("backup every minute", "sit",
                        change("bbws-dynamodb:backup", "{\"schedule\":\"cron(* * * * ? *)\"}"),
                        "Stack 'sit': bbws-dynamodb:backup: schedule 'cron(* * * * ? *)': minutes field '*' is not"
                                + " valid (AWS Backup runs at most hourly: give the minute as one number)."),
                new Case("backup kept shorter than the schedule", "sit",
                        change("bbws-dynamodb:backup", "{\"schedule\":\"cron(0 2 ? * SUN *)\",\"retentionDays\":3}"),
                        "Stack 'sit': bbws-dynamodb:backup: retentionDays 3 is shorter than the time between two"
                                + " weekly backups (cron(0 2 ? * SUN *)); keep them at least 7 days."),
                new Case("backup retention not a whole number", "prod",
                        change("bbws-dynamodb:backup", "{\"retentionDays\":\"90d\"}"),
                        "Stack 'prod': bbws-dynamodb:backup: retentionDays must be a whole number of at least 1,"
                                + " was \"90d\"."),
                new Case("backup with an unknown key", "dev",
                        change("bbws-dynamodb:backup", "{\"retention\":7}"),
                        "Stack 'dev': bbws-dynamodb:backup: unknown key 'retention'; the keys are enabled,"
                                + " retentionDays, schedule, vaultKmsKeyArn."),
                new Case("alarms without a topic", "sit", change("bbws-dynamodb:alarms", "{\"throttleThreshold\":2}"),
                        "Stack 'sit': bbws-dynamodb:alarms: topicArn is required: the SNS topic the alarms notify."),
                new Case("alarms with a topic that is not an SNS ARN", "sit",
                        change("bbws-dynamodb:alarms", "{\"topicArn\":\"bbws-alerts\"}"),
                        "Stack 'sit': bbws-dynamodb:alarms: topicArn 'bbws-alerts' is not an SNS topic ARN"
                                + " (arn:aws:sns:<region>:<account>:<topic>)."),
                new Case("alarm period CloudWatch does not have", "sit", change("bbws-dynamodb:alarms",
                        "{\"topicArn\":\"arn:aws:sns:eu-west-1:815856636111:alerts\",\"periodSeconds\":45}"),
                        "Stack 'sit': bbws-dynamodb:alarms: periodSeconds 45 is not a CloudWatch period;"
                                + " use 10, 30 or a multiple of 60."),
                new Case("replica in the stack's own region", "prod",
                        change("bbws-dynamodb:replicaRegions", "[\"af-south-1\"]"),
                        "Stack 'prod': bbws-dynamodb:replicaRegions: 'af-south-1' is the stack's own region;"
                                + " a replica must be in another region."),
                new Case("replica region that is not a region", "prod",
                        change("bbws-dynamodb:replicaRegions", "[\"europe\"]"),
                        "Stack 'prod': bbws-dynamodb:replicaRegions: 'europe' is not an AWS region."),
                new Case("replicas of CMK tables without a key in the replica region", "prod",
                        change("bbws-dynamodb:kmsKeyArn",
                                "arn:aws:kms:af-south-1:093646564004:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
                        "Stack 'prod': bbws-dynamodb:replicaKmsKeyArns: no key for eu-west-1: the tables use a"
                                + " customer managed key, so each replica needs one in its own region."),
                new Case("a created key and a given key at once", "sit", Map.of("bbws-dynamodb:createKmsKey", "true",
                        "bbws-dynamodb:kmsKeyArn", CMK),
                        "Stack 'sit': bbws-dynamodb:createKmsKey: true together with bbws-dynamodb:kmsKeyArn;"
                                + " use one or the other."),
                new Case("a created key for replicated tables without replica keys", "prod",
                        change("bbws-dynamodb:createKmsKey", "true"),
                        "Stack 'prod': bbws-dynamodb:replicaKmsKeyArns: no key for eu-west-1: the tables use a"
                                + " customer managed key, so each replica needs one in its own region."),
                new Case("replica key in the wrong region", "prod",
                        change("bbws-dynamodb:replicaKmsKeyArns", ("{\"eu-west-1\":\"" + CMK + "\"}").replace(
                                "815856636111", "093646564004").replace("eu-west-1:0", "us-east-1:0")),
                        "Stack 'prod': bbws-dynamodb:replicaKmsKeyArns: eu-west-1: the key is in us-east-1 but the"
                                + " tables are in eu-west-1; it must be in the tables' region."),
                new Case("two mistakes at once", "sit", Map.of(
                        "bbws-dynamodb:environment", "qa", "bbws-dynamodb:deletionProtection", "maybe"),
                        "Stack 'sit' has 2 config errors:\n"
                                + "  - bbws-dynamodb:environment: 'qa' is not an environment; use one of dev, sit, prod.\n"
                                + "  - bbws-dynamodb:deletionProtection: 'maybe' is not a boolean; use true or false."));
    }

    private final ProgramHarness engine = new ProgramHarness();

    @AfterEach
    void cleanup() {
        ProgramHarness.cleanup();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void stops_with_its_message_and_registers_nothing(Case bad) {
        var config = new HashMap<>(StackConfigFile.load(Path.of("."), bad.stack()));
        bad.changes().forEach((key, value) -> {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });

        TestResult result = engine.run(bad.stack(), config, App::stack);

        // the engine reports the failure as thrown and as unwrapped from its CompletionException
        assertThat(result.exceptions()).isNotEmpty().map(BadStackConfigTest::unwrap).allSatisfy(failure ->
                assertThat(failure).isInstanceOf(StackConfigException.class).hasMessage(bad.message()));
        assertThat(engine.registered()).isEmpty();
        assertThat(result.resources()).allMatch(resource -> resource.pulumiResourceType().equals("pulumi:pulumi:Stack"));
    }

    private static Throwable unwrap(Throwable exception) {
        return exception instanceof CompletionException && exception.getCause() != null
                ? exception.getCause() : exception;
    }

    private static Map<String, String> change(String key, String value) {
        var change = new HashMap<String, String>();
        change.put(key, value);
        return change;
    }
}
