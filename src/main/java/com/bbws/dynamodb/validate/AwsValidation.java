package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** `validate` against AWS: the account first, then every table, then the SSM parameters published for them. */
public final class AwsValidation {

    private AwsValidation() {
    }

    /** @throws CannotCheckException wrong account, no credentials, access denied, throttled, no answer in time */
    public static ValidationReport run(StsClient sts, DynamoDbClient dynamo, SsmClient ssm, Catalogue catalogue,
                                       StackSettings settings) throws CannotCheckException {
        String target = "AWS account " + settings.accountId() + " in " + settings.region();
        AccountCheck.requireStackAccount(sts, settings);
        var tables = new TableValidator(dynamo, target, true);
        var checks = new ArrayList<>(tables.validate(catalogue, settings));
        // the published parameters must hold the values the tables have now
        checks.addAll(new ParameterValidator(ssm, target).validate(catalogue, settings, tables::described));
        return new ValidationReport(settings.stack(), target, checks);
    }
}
