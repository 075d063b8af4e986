package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.Environment;
import com.google.gson.JsonObject;
import java.util.Set;

/**
 * AWS Backup of the stack's tables, on top of point-in-time recovery.
 *
 * @param enabled        whether the stack has a backup vault, plan and selection
 * @param schedule       when backups are taken: an AWS cron expression (UTC)
 * @param retentionDays  how long each backup is kept
 * @param vaultKmsKeyArn a customer managed key for the vault, or null for AWS Backup's default key
 */
public record BackupSettings(boolean enabled, String schedule, int retentionDays, String vaultKmsKeyArn) {

    /** Every day at 03:00 UTC. */
    public static final String DAILY = "cron(0 3 * * ? *)";
    /** Every hour, on the hour. */
    public static final String HOURLY = "cron(0 * * * ? *)";

    /** The brief's: dev daily kept 7 days, sit daily kept 14 days, prod hourly kept 90 days. */
    public static BackupSettings defaults(Environment environment) {
        return switch (environment) {
            case DEV -> new BackupSettings(true, DAILY, 7, null);
            case SIT -> new BackupSettings(true, DAILY, 14, null);
            case PROD -> new BackupSettings(true, HOURLY, 90, null);
        };
    }

    /** The stack's {@code backup}: the environment's defaults, with the keys the stack sets. */
    static BackupSettings read(ConfigReader reader, Environment environment, AwsTarget target) {
        BackupSettings defaults = defaults(environment);
        JsonObject object = reader.object(Setting.BACKUP, Set.of("enabled", "schedule", "retentionDays", "vaultKmsKeyArn"));
        if (object == null) {
            return defaults;
        }
        boolean enabled = reader.bool(Setting.BACKUP, object, "enabled", defaults.enabled());
        String schedule = reader.text(Setting.BACKUP, object, "schedule", defaults.schedule());
        int retentionDays = reader.whole(Setting.BACKUP, object, "retentionDays", defaults.retentionDays(), 1);
        String vaultKey = reader.text(Setting.BACKUP, object, "vaultKmsKeyArn", null);
        String cronProblem = AwsCron.problem(schedule);
        if (cronProblem != null) {
            reader.problem(Setting.BACKUP, "schedule " + cronProblem);
        } else if (retentionDays < AwsCron.frequency(schedule).days) {
            AwsCron.Frequency frequency = AwsCron.frequency(schedule);
            reader.problem(Setting.BACKUP, String.format("retentionDays %d is shorter than the time between two %s"
                    + " backups (%s); keep them at least %d days.", retentionDays, frequency.words, schedule,
                    frequency.days));
        }
        if (vaultKey != null) {
            KmsKeyArn.check(reader, Setting.BACKUP, "vaultKmsKeyArn ", vaultKey, target.region(), target.accountId());
        }
        return new BackupSettings(enabled, schedule, retentionDays, vaultKey);
    }
}
