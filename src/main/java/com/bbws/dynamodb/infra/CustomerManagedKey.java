package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.settings.Setting;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.aws.kms.Key;
import com.pulumi.aws.kms.KeyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Optional;

/** The customer managed KMS key the tables are encrypted with: given by ARN, created here, or none. */
public final class CustomerManagedKey {

    /** Days a scheduled key deletion can still be cancelled: the most AWS allows. */
    static final int DELETION_WINDOW_DAYS = 30;

    private CustomerManagedKey() {
    }

    /**
     * @return the key's ARN, or empty for the AWS managed key. An ARN the stack set as a secret stays one
     *         ({@link Output#ofSecret}): every input built from it reaches the engine in the secret signature,
     *         and the engine keeps it encrypted in the state and hides it in diffs.
     */
    public static Optional<Output<String>> declare(StackSettings settings) {
        if (settings.kmsKeyArn() != null) {
            return Optional.of(settings.isSecret(Setting.KMS_KEY_ARN)
                    ? Output.ofSecret(settings.kmsKeyArn())
                    : Output.of(settings.kmsKeyArn()));
        }
        if (!settings.createKmsKey()) {
            return Optional.empty();
        }
        String name = settings.resourceName();
        // without the key the tables cannot be read: protected in prod like the tables
        var key = new Key("tables-key", KeyArgs.builder()
                .description("Encrypts the BBWS DynamoDB tables of " + settings.environment())
                .enableKeyRotation(true)
                .deletionWindowInDays(DELETION_WINDOW_DAYS)
                .policy(policy(settings))
                .tags(settings.tagsFor(name))
                .build(), CustomResourceOptions.builder().protect(settings.protect()).build());
        return Optional.of(key.arn());
    }

    /** The account administers the key; DynamoDB uses it on the account's behalf, in the stack's region only. */
    static String policy(StackSettings settings) {
        return String.format("""
                {"Version":"2012-10-17","Statement":[\
                {"Sid":"AccountAdministersTheKey","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%1$s:root"},\
                "Action":"kms:*","Resource":"*"},\
                {"Sid":"DynamoDBUsesTheKeyForTheAccount","Effect":"Allow","Principal":{"AWS":"*"},\
                "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:CreateGrant",\
                "kms:DescribeKey"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"%1$s",\
                "kms:ViaService":"dynamodb.%2$s.amazonaws.com"}}}]}""", settings.accountId(), settings.region());
    }
}
