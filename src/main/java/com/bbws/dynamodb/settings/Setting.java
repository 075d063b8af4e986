package com.bbws.dynamodb.settings;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Every config key the program reads: the stack config reference, in one place. */
public enum Setting {
    ENVIRONMENT(Setting.PROJECT, "environment", "required",
            "The environment: dev, sit or prod. Sets the Environment tag and the products table's suffix."),
    DELETION_PROTECTION(Setting.PROJECT, "deletionProtection", "true in prod, false elsewhere",
            "DynamoDB deletion protection on every table. Cannot be false in prod."),
    KMS_KEY_ARN(Setting.PROJECT, "kmsKeyArn", "none: the AWS managed key",
            "ARN of a customer managed KMS key in the stack's account and region, for server-side encryption."
                    + " May be a secret (secure:); the offline plan shows it as [secret] and cannot check it."),
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
    /** The Pulumi engine's own config namespace. */
    public static final String PULUMI = "pulumi";

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

    /**
     * Whether the value may be a secret ({@code secure:} in the stack file). Only a value that does not
     * decide which resources exist or where: the offline plan cannot decrypt it.
     */
    public boolean mayBeSecret() {
        return this == KMS_KEY_ARN;
    }

    /** What the program checks about the value, for the plan's note on a secret it cannot read. */
    public String checkedValue() {
        return this == KMS_KEY_ARN ? "a KMS key ARN in the stack's account and region" : "a valid " + key;
    }

    /**
     * One problem per key that nothing reads, so that a misspelt key is never ignored: in this program's
     * namespace a key it does not read, in {@code aws:} a key the AWS provider does not take, and any
     * other namespace but the engine's own ({@code pulumi:}).
     */
    public static List<String> unknownKeyProblems(Collection<String> fullKeys) {
        String known = Arrays.stream(values()).filter(s -> s.namespace.equals(PROJECT)).map(Setting::fullKey)
                .collect(Collectors.joining(", "));
        return fullKeys.stream().sorted().map(fullKey -> {
            String namespace = fullKey.contains(":") ? fullKey.substring(0, fullKey.indexOf(':')) : "";
            String name = fullKey.substring(fullKey.indexOf(':') + 1);
            if (namespace.equals(PROJECT)) {
                return byFullKey(fullKey).isPresent() ? null : fullKey + ": unknown key; the program reads " + known + ".";
            }
            if (namespace.equals(AWS)) {
                return AWS_PROVIDER_KEYS.contains(name) ? null : String.format(
                        "%s: not a setting of the AWS provider (pulumi-aws); check the spelling.", fullKey);
            }
            if (namespace.equals(PULUMI)) {
                return null;
            }
            return String.format("%s: unknown namespace '%s'; this stack's keys are %s:<name> (the program's)"
                    + " and aws:<name> (the AWS provider's).", fullKey, namespace, PROJECT);
        }).filter(problem -> problem != null).toList();
    }

    /**
     * The AWS provider's settings, from the provider SDK itself ({@code com.pulumi.aws.Config} has one
     * getter per setting), so the list follows the provider version.
     */
    static final Set<String> AWS_PROVIDER_KEYS = Arrays.stream(com.pulumi.aws.Config.class.getDeclaredMethods())
            .filter(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
                    && method.getParameterCount() == 0)
            .map(Method::getName)
            .collect(Collectors.toUnmodifiableSet());

    public static Optional<Setting> byFullKey(String fullKey) {
        return Arrays.stream(values()).filter(s -> s.fullKey().equals(fullKey)).findFirst();
    }
}
