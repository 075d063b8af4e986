package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.Environment;

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
}
