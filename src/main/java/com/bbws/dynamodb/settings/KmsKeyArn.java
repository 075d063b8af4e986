package com.bbws.dynamodb.settings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules for a customer managed KMS key given by ARN: a key id (aliases can be repointed), in the
 * region of what it encrypts (DynamoDB and AWS Backup use keys of their own region only) and in the
 * stack's account (the deploy role is granted KMS actions on its own account's keys only; a key of
 * another account is refused here rather than failing half-way through {@code pulumi up}).
 */
final class KmsKeyArn {

    private static final Pattern ARN = Pattern.compile(
            "arn:aws(?:-cn|-us-gov)?:kms:([a-z0-9-]+):(\\d{12}):key/"
                    + "(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private KmsKeyArn() {
    }

    /**
     * @param what      the key inside an object setting, with a trailing space, or ""
     * @param region    where the key must be, or null when unknown (already reported)
     * @param accountId the stack's account, or null when unknown (already reported)
     * @return whether the value is a KMS key ARN at all
     */
    static boolean check(ConfigReader reader, Setting setting, String what, String value, String region,
                         String accountId) {
        Matcher arn = ARN.matcher(value);
        if (!arn.matches()) {
            // a secret's value is never echoed: the engine decrypted it for the program, not for the log
            String shown = reader.isSecret(setting) ? "the secret value" : Echo.quote(value);
            reader.problem(setting, String.format("%s%s is not a KMS key ARN; expected"
                    + " arn:aws:kms:<region>:<account>:key/<key-id> (aliases are not accepted).", what, shown));
            return false;
        }
        if (region != null && !arn.group(1).equals(region)) {
            reader.problem(setting, String.format(
                    "%sthe key is in %s but the tables are in %s; it must be in the tables' region.",
                    what, arn.group(1), region));
        }
        if (accountId != null && !arn.group(2).equals(accountId)) {
            reader.problem(setting, String.format("%sthe key is in account %s, not the stack's account %s;"
                    + " keys of other accounts are not supported.", what, arn.group(2), accountId));
        }
        return true;
    }
}
