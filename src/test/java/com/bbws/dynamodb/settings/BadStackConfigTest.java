package com.bbws.dynamodb.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.ProgramHarness;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.cli.Cli;
import com.google.gson.Gson;
import com.pulumi.test.TestResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of stack files, good and bad, each taken two ways that must agree: as a
 * {@code Pulumi.<stack>.yaml} through the offline plan ({@code plan --stack}), and as the config the
 * Pulumi CLI builds from that file for the program under the engine ({@code PULUMI_CONFIG}: namespaced
 * keys, maps and lists as JSON text, secrets decrypted and listed in {@code PULUMI_CONFIG_SECRET_KEYS}).
 * A bad one stops both with exactly its message (one line per problem, naming stack and key, no stack
 * trace) before a single resource is registered; a good one plans on both.
 */
class BadStackConfigTest {

    private static final String REMOVED = null;
    private static final String ACCEPTED = null;
    private static final String CMK = "arn:aws:kms:eu-west-1:815856636111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    /** The catalogue's table ids as the messages list them, one of them, and a physical name that is no id. */
    private static final String IDS = String.join(", ", Expected.ids());
    private static final String FIRST = Expected.first().id();
    private static final String ENV_SUFFIXED = Expected.tables().stream()
            .map(table -> table.physicalName(Environment.DEV)).filter(name -> !Expected.ids().contains(name))
            .findFirst().orElseThrow();

    /**
     * @param engine  changes to the stack's config as the engine passes it (null removes a key)
     * @param yaml    how the file writes a key, where JSON text would not say the same (null removes a key);
     *                every other changed key is written as its engine value: JSON is YAML 1.2
     * @param secrets keys that are {@code secure:} in the file and decrypted by the engine
     * @param message the exact message of both paths, or {@link #ACCEPTED}
     */
    record Case(String mistake, String stack, Map<String, String> engine, Map<String, String> yaml,
                Set<String> secrets, String message) {
        Case(String mistake, String stack, Map<String, String> engine, String message) {
            this(mistake, stack, engine, Map.of(), Set.of(), message);
        }

        @Override
        public String toString() {
            return mistake;
        }
    }

    static Stream<Case> corpus() {
        return Stream.of(Stream.of(
                new Case("environment missing", "sit", change("bbws-dynamodb:environment", REMOVED),
                        "Stack 'sit': bbws-dynamodb:environment: required; set it to sit."),
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
                                + " hold customer data; see 'Removing a prod table' in docs/operations.md for the"
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
                        "Stack 'sit': bbws-dynamodb:tags: tag key '" + "k".repeat(100)
                                + "...' (129 characters) must be 1 to 128 characters."),
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
                        change("bbws-dynamodb:adoptTables", "[\"" + FIRST + "\",\"users\"]"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: 'users' is not a table;"
                                + " the tables are " + IDS + "."),
                new Case("adopting by physical name instead of id", "dev",
                        change("bbws-dynamodb:adoptTables", "[\"" + ENV_SUFFIXED + "\"]"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: '" + ENV_SUFFIXED + "' is not a table;"
                                + " the tables are " + IDS + "."),
                new Case("adoption list not a list", "dev", change("bbws-dynamodb:adoptTables", "all"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: must be a list of table ids"
                                + " (" + IDS + "), was 'all'."),
                new Case("a table adopted twice", "dev",
                        change("bbws-dynamodb:adoptTables", "[\"" + FIRST + "\",\"" + FIRST + "\"]"),
                        "Stack 'dev': bbws-dynamodb:adoptTables: '" + FIRST + "' is listed twice."),
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
                                + " use 10, 20, 30 or a multiple of 60."),
                new Case("alarm period of 20 seconds, which CloudWatch and the provider accept", "sit",
                        change("bbws-dynamodb:alarms", "{\"topicArn\":\"arn:aws:sns:eu-west-1:815856636111:alerts\","
                                + "\"periodSeconds\":20}"), ACCEPTED),
                new Case("alarm evaluated over more than a day with a period under an hour", "sit",
                        change("bbws-dynamodb:alarms", "{\"topicArn\":\"arn:aws:sns:eu-west-1:815856636111:alerts\","
                                + "\"periodSeconds\":300,\"evaluationPeriods\":289}"),
                        "Stack 'sit': bbws-dynamodb:alarms: periodSeconds 300 x evaluationPeriods 289 is 86700 seconds;"
                                + " CloudWatch evaluates an alarm over at most 86400 (one day) when the period is under"
                                + " 3600, so lower evaluationPeriods or periodSeconds."),
                new Case("alarm evaluated over exactly a day", "sit",
                        change("bbws-dynamodb:alarms", "{\"topicArn\":\"arn:aws:sns:eu-west-1:815856636111:alerts\","
                                + "\"periodSeconds\":300,\"evaluationPeriods\":288}"), ACCEPTED),
                new Case("alarm evaluated over seven days with hourly periods", "sit",
                        change("bbws-dynamodb:alarms", "{\"topicArn\":\"arn:aws:sns:eu-west-1:815856636111:alerts\","
                                + "\"periodSeconds\":3600,\"evaluationPeriods\":168}"), ACCEPTED),
                new Case("alarm evaluated over more than seven days", "sit",
                        change("bbws-dynamodb:alarms", "{\"topicArn\":\"arn:aws:sns:eu-west-1:815856636111:alerts\","
                                + "\"periodSeconds\":3600,\"evaluationPeriods\":169}"),
                        "Stack 'sit': bbws-dynamodb:alarms: periodSeconds 3600 x evaluationPeriods 169 is 608400"
                                + " seconds; CloudWatch evaluates an alarm over at most 604800 (seven days), so lower"
                                + " evaluationPeriods or periodSeconds."),
                new Case("replica keys for tables on the AWS managed key", "prod",
                        change("bbws-dynamodb:replicaKmsKeyArns", ("{\"eu-west-1\":\"" + CMK + "\"}").replace(
                                "815856636111", "093646564004")),
                        "Stack 'prod': bbws-dynamodb:replicaKmsKeyArns: replica keys need a customer managed key on the"
                                + " tables; set bbws-dynamodb:kmsKeyArn or bbws-dynamodb:createKmsKey: true, or remove"
                                + " replicaKmsKeyArns (the replicas then use the AWS managed key, as the tables do)."),
                new Case("replica keys for tables on a created key", "prod", Map.of("bbws-dynamodb:createKmsKey", "true",
                        "bbws-dynamodb:replicaKmsKeyArns", ("{\"eu-west-1\":\"" + CMK + "\"}").replace(
                                "815856636111", "093646564004")), ACCEPTED),
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
                new Case("replica key in the wrong region, for tables on the AWS managed key", "prod",
                        change("bbws-dynamodb:replicaKmsKeyArns", ("{\"eu-west-1\":\"" + CMK + "\"}").replace(
                                "815856636111", "093646564004").replace("eu-west-1:0", "us-east-1:0")),
                        "Stack 'prod' has 2 config errors:\n"
                                + "  - bbws-dynamodb:replicaKmsKeyArns: eu-west-1: the key is in us-east-1 but the"
                                + " tables are in eu-west-1; it must be in the tables' region.\n"
                                + "  - bbws-dynamodb:replicaKmsKeyArns: replica keys need a customer managed key on the"
                                + " tables; set bbws-dynamodb:kmsKeyArn or bbws-dynamodb:createKmsKey: true, or remove"
                                + " replicaKmsKeyArns (the replicas then use the AWS managed key, as the tables do)."),
                new Case("two mistakes at once", "sit", Map.of(
                        "bbws-dynamodb:environment", "qa", "bbws-dynamodb:deletionProtection", "maybe"),
                        "Stack 'sit' has 2 config errors:\n"
                                + "  - bbws-dynamodb:environment: 'qa' is not an environment; use one of dev, sit, prod.\n"
                                + "  - bbws-dynamodb:deletionProtection: 'maybe' is not a boolean; use true or false.")),
                yamlMeaning(), secrets(), namespacesAndKeys(), stackIsItsEnvironment(), accountsAndRegions())
                .flatMap(cases -> cases);
    }

    /** Values whose meaning YAML 1.1 and YAML 1.2 disagree on: the engine's is YAML 1.2. */
    static Stream<Case> yamlMeaning() {
        return Stream.of(
                new Case("yes is text, not a boolean", "sit", change("bbws-dynamodb:deletionProtection", "yes"),
                        Map.of("bbws-dynamodb:deletionProtection", "yes"), Set.of(),
                        "Stack 'sit': bbws-dynamodb:deletionProtection: 'yes' is not a boolean; use true or false."),
                // the CLI reads the file into values and writes them out again (pulumi/pulumi
                // sdk/go/common/workspace/loaders.go, LoadProjectStackBytes): True arrives as true
                new Case("True arrives as true", "sit", change("bbws-dynamodb:deletionProtection", "true"),
                        Map.of("bbws-dynamodb:deletionProtection", "True"), Set.of(), ACCEPTED),
                new Case("a tag value off is text", "sit", change("bbws-dynamodb:tags", "{\"Paging\":\"off\"}"),
                        Map.of("bbws-dynamodb:tags", "{Paging: off}"), Set.of(), ACCEPTED),
                new Case("an unquoted date is text", "sit", change("bbws-dynamodb:tags", "{\"Reviewed\":\"2024-01-01\"}"),
                        Map.of("bbws-dynamodb:tags", "{Reviewed: 2024-01-01}"), Set.of(), ACCEPTED),
                new Case("a number as a tag value", "sit", change("bbws-dynamodb:tags", "{\"Tier\":1.50}"),
                        Map.of("bbws-dynamodb:tags", "{Tier: 1.50}"), Set.of(),
                        "Stack 'sit': bbws-dynamodb:tags: tag 'Tier' must have a text value, was 1.50;"
                                + " quote it in the YAML."),
                new Case("a hexadecimal retention", "sit", change("bbws-dynamodb:backup", "{\"retentionDays\":30}"),
                        Map.of("bbws-dynamodb:backup", "{retentionDays: 0x1E}"), Set.of(), ACCEPTED),
                new Case("a binary environment is its decoded text", "sit", Map.of(),
                        Map.of("bbws-dynamodb:environment", "!!binary c2l0"), Set.of(), ACCEPTED),
                new Case("a binary environment of another stack", "sit", change("bbws-dynamodb:environment", "dev"),
                        Map.of("bbws-dynamodb:environment", "!!binary ZGV2"), Set.of(),
                        "Stack 'sit': bbws-dynamodb:environment: 'dev' is not the environment of stack 'sit': a stack"
                                + " is its environment, so set it to sit (or use the stack dev)."),
                new Case("an empty value is empty text", "sit", change("bbws-dynamodb:kmsKeyArn", ""),
                        Map.of("bbws-dynamodb:kmsKeyArn", ""), Set.of(),
                        "Stack 'sit': bbws-dynamodb:kmsKeyArn: '' is not a KMS key ARN; expected"
                                + " arn:aws:kms:<region>:<account>:key/<key-id> (aliases are not accepted)."),
                new Case("a key without namespace is the project's", "sit", Map.of(),
                        yamlChanges("bbws-dynamodb:environment", REMOVED, "environment", "sit"), Set.of(), ACCEPTED),
                new Case("a key in the engine's older project:config:key form", "sit", Map.of(),
                        yamlChanges("bbws-dynamodb:environment", REMOVED, "bbws-dynamodb:config:environment", "sit"),
                        Set.of(), ACCEPTED),
                new Case("an alias of a map", "sit", change("bbws-dynamodb:tags", "{\"Owner\":\"Data Team\"}"),
                        Map.of("bbws-dynamodb:tags", "&owner {Owner: Data Team}"), Set.of(), ACCEPTED),
                new Case("a 100 KB tag value is shortened", "sit",
                        change("bbws-dynamodb:tags", "{\"Team\":\"" + "x".repeat(100_000) + "\"}"),
                        "Stack 'sit': bbws-dynamodb:tags: tag 'Team' has a value of 100000 characters;"
                                + " at most 256 are allowed."),
                new Case("a 100 KB environment is shortened", "sit", change("bbws-dynamodb:environment", "s".repeat(100_000)),
                        "Stack 'sit': bbws-dynamodb:environment: '" + "s".repeat(100) + "...' (100000 characters)"
                                + " is not an environment; use one of dev, sit, prod."),
                new Case("a control character is shown, not printed", "sit", change("bbws-dynamodb:environment", "si\u001bt"),
                        "Stack 'sit': bbws-dynamodb:environment: 'si\\u001bt' is not an environment;"
                                + " use one of dev, sit, prod."));
    }

    /** secure: values: the engine decrypts them, the offline plan cannot. */
    static Stream<Case> secrets() {
        return Stream.of(
                new Case("a secret KMS key", "sit", change("bbws-dynamodb:kmsKeyArn", CMK),
                        Map.of("bbws-dynamodb:kmsKeyArn", "{secure: v1:cdRz6hF1XZ0=:v1:Nq2HqSQbKM5Cn}"),
                        Set.of("bbws-dynamodb:kmsKeyArn"), ACCEPTED),
                new Case("a secret AWS provider credential", "sit", change("aws:secretKey", "wJalrXUtnFEMI"),
                        Map.of("aws:secretKey", "{secure: v1:AAAA}"), Set.of("aws:secretKey"), ACCEPTED),
                new Case("a secret environment", "sit", Map.of(),
                        Map.of("bbws-dynamodb:environment", "{secure: v1:AAAA}"), Set.of("bbws-dynamodb:environment"),
                        "Stack 'sit': bbws-dynamodb:environment: must not be a secret (secure:): it decides what the"
                                + " stack declares, and the offline plan must be able to read it. Write it as plain text."),
                new Case("a secret inside the tags", "sit", change("bbws-dynamodb:tags", "{\"Owner\":\"Data Team\"}"),
                        Map.of("bbws-dynamodb:tags", "{Owner: {secure: v1:AAAA}}"), Set.of("bbws-dynamodb:tags"),
                        "Stack 'sit': bbws-dynamodb:tags: must not be a secret (secure:): it decides what the"
                                + " stack declares, and the offline plan must be able to read it. Write it as plain text."),
                new Case("a secret region", "sit", Map.of(),
                        Map.of("aws:region", "{secure: v1:AAAA}"), Set.of("aws:region"),
                        "Stack 'sit': aws:region: must not be a secret (secure:): it decides what the"
                                + " stack declares, and the offline plan must be able to read it. Write it as plain text."));
    }

    /** Keys nothing reads are refused, whatever their namespace. */
    static Stream<Case> namespacesAndKeys() {
        return Stream.of(
                new Case("a misspelt namespace", "sit", change("bbws-dynamdb:deletionProtection", "true"),
                        "Stack 'sit': bbws-dynamdb:deletionProtection: unknown namespace 'bbws-dynamdb'; this stack's"
                                + " keys are bbws-dynamodb:<name> (the program's) and aws:<name> (the AWS provider's)."),
                new Case("a short namespace", "sit", change("bbws:tags", "{\"Owner\":\"x\"}"),
                        "Stack 'sit': bbws:tags: unknown namespace 'bbws'; this stack's keys are"
                                + " bbws-dynamodb:<name> (the program's) and aws:<name> (the AWS provider's)."),
                new Case("a namespace in capitals", "sit", change("BBWS-dynamodb:deletionProtection", "true"),
                        "Stack 'sit': BBWS-dynamodb:deletionProtection: unknown namespace 'BBWS-dynamodb'; this"
                                + " stack's keys are bbws-dynamodb:<name> (the program's) and aws:<name> (the AWS"
                                + " provider's)."),
                new Case("an AWS provider key misspelt", "sit", change("aws:allowedAcountIds", "[\"815856636111\"]"),
                        "Stack 'sit': aws:allowedAcountIds: not a setting of the AWS provider (pulumi-aws);"
                                + " check the spelling."),
                new Case("an AWS provider setting the program does not read", "sit", change("aws:profile", "bbws-sit"),
                        ACCEPTED),
                new Case("an engine setting", "sit", change("pulumi:disable-default-providers", "[\"kubernetes\"]"),
                        ACCEPTED),
                new Case("every mistake at once", "sit", Map.of("aws:region", "us-east-1",
                        "aws:allowedAccountIds", "[\"536580886816\"]", "bbws-dynamodb:tagz", "{}"),
                        "Stack 'sit' has 3 config errors:\n"
                                + "  - bbws-dynamodb:tagz: unknown key; the program reads bbws-dynamodb:environment,"
                                + " bbws-dynamodb:deletionProtection, bbws-dynamodb:kmsKeyArn, bbws-dynamodb:createKmsKey,"
                                + " bbws-dynamodb:tags, bbws-dynamodb:adoptTables, bbws-dynamodb:backup,"
                                + " bbws-dynamodb:alarms, bbws-dynamodb:replicaRegions, bbws-dynamodb:replicaKmsKeyArns.\n"
                                + "  - aws:region: 'us-east-1' is not the region of sit; its tables live in eu-west-1.\n"
                                + "  - aws:allowedAccountIds: [\"536580886816\"] must be exactly [\"815856636111\"],"
                                + " the account of sit."),
                new Case("a made-up replica region", "prod", change("bbws-dynamodb:replicaRegions", "[\"xx-fake-9\"]"),
                        "Stack 'prod': bbws-dynamodb:replicaRegions: 'xx-fake-9' is not an AWS region."));
    }

    /** A stack is its environment. */
    static Stream<Case> stackIsItsEnvironment() {
        return Stream.of(
                new Case("the dev file copied to sit", "sit", Map.of("bbws-dynamodb:environment", "dev",
                        "aws:allowedAccountIds", "[\"536580886816\"]", "bbws-dynamodb:adoptTables", "[\"" + FIRST + "\"]"),
                        "Stack 'sit': bbws-dynamodb:environment: 'dev' is not the environment of stack 'sit': a stack"
                                + " is its environment, so set it to sit (or use the stack dev)."),
                new Case("sit pointed at prod", "sit", Map.of("bbws-dynamodb:environment", "prod",
                        "aws:region", "af-south-1", "aws:allowedAccountIds", "[\"093646564004\"]"),
                        "Stack 'sit': bbws-dynamodb:environment: 'prod' is not the environment of stack 'sit': a stack"
                                + " is its environment, so set it to sit (or use the stack prod)."),
                new Case("a stack named after no environment", "qa", Map.of(),
                        "Stack 'qa': a stack is named after its environment, one of dev, sit, prod; 'qa' is not one"
                                + " (table names are fixed per account, so a stack of another name would take over an"
                                + " environment's tables)."));
    }

    /** Keys and topics in other accounts and regions. */
    static Stream<Case> accountsAndRegions() {
        return Stream.of(
                new Case("KMS key of another account", "sit",
                        change("bbws-dynamodb:kmsKeyArn", CMK.replace("815856636111", "111122223333")),
                        "Stack 'sit': bbws-dynamodb:kmsKeyArn: the key is in account 111122223333, not the stack's"
                                + " account 815856636111; keys of other accounts are not supported."),
                new Case("backup vault key of another account", "sit", change("bbws-dynamodb:backup",
                        "{\"vaultKmsKeyArn\":\"" + CMK.replace("815856636111", "111122223333") + "\"}"),
                        "Stack 'sit': bbws-dynamodb:backup: vaultKmsKeyArn the key is in account 111122223333, not the"
                                + " stack's account 815856636111; keys of other accounts are not supported."),
                new Case("alarm topic in another region", "sit", change("bbws-dynamodb:alarms",
                        "{\"topicArn\":\"arn:aws:sns:us-east-1:815856636111:alerts\"}"),
                        "Stack 'sit': bbws-dynamodb:alarms: topicArn is in us-east-1 but the alarms are in eu-west-1;"
                                + " CloudWatch notifies topics of its own region only."),
                new Case("a wrong region does not hide a key in that region", "sit", Map.of("aws:region", "us-east-1",
                        "bbws-dynamodb:kmsKeyArn", CMK.replace("eu-west-1", "us-east-1")),
                        "Stack 'sit' has 2 config errors:\n"
                                + "  - aws:region: 'us-east-1' is not the region of sit; its tables live in eu-west-1.\n"
                                + "  - bbws-dynamodb:kmsKeyArn: the key is in us-east-1 but the tables are in eu-west-1;"
                                + " it must be in the tables' region."),
                new Case("a replica in another AWS partition", "prod",
                        change("bbws-dynamodb:replicaRegions", "[\"cn-north-1\"]"),
                        "Stack 'prod': bbws-dynamodb:replicaRegions: 'cn-north-1' is in the aws-cn partition, the"
                                + " tables in aws; a global table cannot cross AWS partitions."),
                new Case("alarm topic in a central alerting account", "sit", change("bbws-dynamodb:alarms",
                        "{\"topicArn\":\"arn:aws:sns:eu-west-1:111122223333:alerts\"}"), ACCEPTED));
    }

    private static final Gson GSON = new Gson();
    private final ProgramHarness engine = new ProgramHarness();

    @TempDir
    Path project;

    @AfterEach
    void cleanup() {
        ProgramHarness.cleanup();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void the_engine_and_the_offline_plan_give_the_same_verdict_and_message(Case stackFile) throws IOException {
        Map<String, String> base = StackConfigFile.load(Path.of("."), stackFile.stack().equals("qa") ? "sit" : stackFile.stack());

        String engineVerdict = underTheEngine(stackFile, base);
        String planVerdict = offlinePlan(stackFile, base);

        assertThat(engineVerdict).as("under the engine").isEqualTo(verdict(stackFile));
        assertThat(planVerdict).as("plan --stack").isEqualTo(verdict(stackFile));
    }

    private static String verdict(Case stackFile) {
        return stackFile.message() == null ? "planned" : stackFile.message();
    }

    /** The program as the Pulumi CLI starts it: the config in PULUMI_CONFIG, secrets decrypted and named. */
    private String underTheEngine(Case stackFile, Map<String, String> base) {
        var config = new LinkedHashMap<>(base);
        stackFile.engine().forEach((key, value) -> {
            if (value == null) {
                config.remove(key);
            } else {
                config.put(key, value);
            }
        });
        ConfigSource source = ConfigSource.fromEngine(GSON.toJson(config), GSON.toJson(stackFile.secrets()));
        TestResult result = engine.run(stackFile.stack(), config, ctx -> App.stack(ctx, source));
        if (result.exceptions().isEmpty()) {
            assertThat(engine.tables()).hasSize(Expected.tables().size());
            return "planned";
        }
        assertThat(engine.registered()).as("registered before the config was refused").isEmpty();
        return result.exceptions().stream().map(BadStackConfigTest::unwrap)
                .peek(failure -> assertThat(failure).isInstanceOf(StackConfigException.class))
                .map(Throwable::getMessage).distinct().collect(Collectors.joining(" / "));
    }

    /** {@code plan --stack} on the stack file, as a user runs it. */
    private String offlinePlan(Case stackFile, Map<String, String> base) throws IOException {
        var lines = new LinkedHashMap<String, String>();
        base.forEach((key, value) -> lines.put(key, yaml(value)));
        stackFile.engine().forEach((key, value) -> {
            if (value == null) {
                lines.remove(key);
            } else {
                lines.put(key, yaml(value));
            }
        });
        stackFile.yaml().forEach((key, value) -> {
            if (value == null) {
                lines.remove(key);
            } else {
                lines.put(key, value);
            }
        });
        String text = lines.entrySet().stream().map(line -> "  " + line.getKey() + ": " + line.getValue())
                .collect(Collectors.joining("\n", "config:\n", "\n"));
        Files.writeString(project.resolve("Pulumi." + stackFile.stack() + ".yaml"), text, StandardCharsets.UTF_8);
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode = Cli.run(App::stack, new PrintWriter(out), new PrintWriter(err), "plan", "--stack", stackFile.stack(),
                "--project-dir", project.toString());
        assertThat(err.toString()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
        if (exitCode == Cli.OK) {
            assertThat(out.toString()).contains(Expected.totals());
            return "planned";
        }
        assertThat(exitCode).isEqualTo(Cli.INVALID);
        return err.toString().strip();
    }

    /** A value as the file writes it: JSON maps and lists are YAML 1.2 flow collections; text is quoted. */
    private static String yaml(String engineValue) {
        return engineValue.startsWith("{") || engineValue.startsWith("[") ? engineValue : GSON.toJson(engineValue);
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

    private static Map<String, String> yamlChanges(String key, String value, String otherKey, String otherValue) {
        var change = new LinkedHashMap<String, String>();
        change.put(key, value);
        change.put(otherKey, otherValue);
        return change;
    }
}
