package com.bbws.dynamodb.settings;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every config key the program reads: the stack config reference, in one place. */
public enum Setting {
    ENVIRONMENT(Setting.PROJECT, "environment", "required",
            "The environment: dev, sit or prod. Sets the Environment tag and the products table's suffix."),
    DELETION_PROTECTION(Setting.PROJECT, "deletionProtection", "true in prod, false elsewhere",
            "DynamoDB deletion protection on every table. Cannot be false in prod."),
    KMS_KEY_ARN(Setting.PROJECT, "kmsKeyArn", "none: the AWS managed key",
            "ARN of a customer managed KMS key in the stack's region, for server-side encryption."),
    CREATE_KMS_KEY(Setting.PROJECT, "createKmsKey", "false",
            "true: the stack creates its own customer managed KMS key (rotation on; a key policy for the"
                    + " account and DynamoDB) and encrypts the tables with it. Not together with kmsKeyArn."),
    TAGS(Setting.PROJECT, "tags", "none",
            "Extra tags, or new values for Owner, CostCenter, Component and Application."
                    + " Project, Environment, ManagedBy and Name are set by the program."),
    ADOPT_TABLES(Setting.PROJECT, "adoptTables", "none: every table is created",
            "Ids of tables that already exist (tenants, products, campaigns) to adopt with Pulumi's import"
                    + " option instead of creating them. See 'Adopting the Terraform tables'."),
    BACKUP(Setting.PROJECT, "backup", "dev daily kept 7 days, sit daily kept 14 days, prod hourly kept 90 days",
            "AWS Backup of the tables: {enabled, schedule (AWS cron, UTC), retentionDays, vaultKmsKeyArn};"
                    + " keys left out keep their default. The retention must cover the time between two backups."),
    ALARMS(Setting.PROJECT, "alarms", "none",
            "CloudWatch alarms, sent to an SNS topic: {topicArn (required), throttleThreshold: 1,"
                    + " errorThreshold: 1, periodSeconds: 60, evaluationPeriods: 1}."),
    REPLICA_REGIONS(Setting.PROJECT, "replicaRegions", "none",
            "Regions that hold a global-table replica (DR) of every table with a stream; products has none,"
                    + " so it is not replicated."),
    REPLICA_KMS_KEY_ARNS(Setting.PROJECT, "replicaKmsKeyArns", "none",
            "Per replica region, the customer managed KMS key of that region: {eu-west-1: arn:aws:kms:eu-west-1:...}."
                    + " Required for every replica region when kmsKeyArn is set."),
    REGION(Setting.AWS, "region", "required",
            "The AWS region; must be the environment's (dev and sit eu-west-1, prod af-south-1)."),
    ALLOWED_ACCOUNT_IDS(Setting.AWS, "allowedAccountIds", "required",
            "Exactly the environment's account, so the AWS provider refuses any other.");

    /** The config namespace of this program's own keys: the Pulumi project name. */
    public static final String PROJECT = "bbws-dynamodb";
    /** The AWS provider's config namespace. */
    public static final String AWS = "aws";

    private final String namespace;
    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String namespace, String key, String defaultValue, String description) {
        this.namespace = namespace;
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String namespace() {
        return namespace;
    }

    public String key() {
        return key;
    }

    /** {@code namespace:key}, as written in {@code Pulumi.<stack>.yaml}. */
    public String fullKey() {
        return namespace + ":" + key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public Optional<String> read(ConfigSource config) {
        return config.get(namespace, key);
    }

    /** One problem per key of this program's namespace that it does not read: a misspelt key is never ignored. */
    public static List<String> unknownKeyProblems(Collection<String> fullKeys) {
        String known = Arrays.stream(values()).filter(s -> s.namespace.equals(PROJECT)).map(Setting::fullKey)
                .collect(Collectors.joining(", "));
        return fullKeys.stream().filter(key -> key.startsWith(PROJECT + ":") && byFullKey(key).isEmpty()).sorted()
                .map(key -> key + ": unknown key; the program reads " + known + ".").toList();
    }

    public static Optional<Setting> byFullKey(String fullKey) {
        return Arrays.stream(values()).filter(s -> s.fullKey().equals(fullKey)).findFirst();
    }
}
