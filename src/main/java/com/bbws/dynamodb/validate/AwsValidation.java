package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * `validate` against AWS: the account first, then every table and its replicas (each in its own region),
 * the SSM parameters published for them, and the stack's other resources: its key, alarms, backup vault,
 * plan and selection, and backup role.
 */
public final class AwsValidation {

    private AwsValidation() {
    }

    /** @throws CannotCheckException wrong account, no credentials, access denied, throttled, no answer in time */
    public static ValidationReport run(AwsServices aws, Catalogue catalogue, StackSettings settings)
            throws CannotCheckException {
        String region = settings.region();
        String target = target(settings, region);
        AccountCheck.requireStackAccount(aws.sts(region), settings);
        var tables = new TableValidator(aws.dynamoDb(region), target, true);
        var checks = new ArrayList<>(tables.validate(catalogue, settings));
        for (TableDefinition table : catalogue.tables()) {
            for (String replicaRegion : settings.replicaRegionsOf(table)) {
                checks.addAll(new TableValidator(aws.dynamoDb(replicaRegion), target(settings, replicaRegion), true)
                        .replica(table, settings, replicaRegion));
            }
        }
        // the published parameters must hold the values the tables have now
        checks.addAll(new ParameterValidator(aws.ssm(region), target).validate(catalogue, settings, tables::described));
        checks.addAll(new KeyValidator(aws.kms(region), target).validate(catalogue, settings, tables::described));
        checks.addAll(new AlarmValidator(aws.cloudWatch(region), target).validate(catalogue, settings));
        checks.addAll(new BackupValidator(aws.backup(region), aws.kms(region), target)
                .validate(catalogue, settings, tables::described));
        checks.addAll(new BackupRoleValidator(aws.iam(), target).validate(settings));
        return new ValidationReport(settings.stack(), target, checks);
    }

    /**
     * What an endpoint that serves DynamoDB only (DynamoDB Local) cannot check: the replicas in their regions,
     * the SSM parameters, the key, the alarms, the backups and the backup role, each said to be not checkable.
     */
    public static List<Check> notCheckableAtAnEndpoint(Catalogue catalogue, StackSettings settings) {
        var checks = new ArrayList<Check>();
        checks.addAll(TableValidator.replicasNotCheckable(catalogue, settings,
                "an endpoint serves one DynamoDB, not the replicas' regions; checked against AWS only"));
        checks.addAll(ParameterValidator.notCheckable(catalogue, settings,
                "an endpoint has no SSM Parameter Store (DynamoDB Local has none); checked against AWS only"));
        checks.addAll(KeyValidator.notCheckable(settings,
                "an endpoint has no KMS (DynamoDB Local has none); checked against AWS only"));
        checks.addAll(AlarmValidator.notCheckable(catalogue, settings,
                "an endpoint has no CloudWatch (DynamoDB Local has none); checked against AWS only"));
        checks.addAll(BackupValidator.notCheckable(settings,
                "an endpoint has no AWS Backup (DynamoDB Local has none); checked against AWS only"));
        checks.addAll(BackupRoleValidator.notCheckable(settings,
                "an endpoint has no IAM (DynamoDB Local has none); checked against AWS only"));
        return checks;
    }

    private static String target(StackSettings settings, String region) {
        return "AWS account " + settings.accountId() + " in " + region;
    }
}
