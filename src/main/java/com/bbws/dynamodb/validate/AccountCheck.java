package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.settings.StackSettings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/** Before anything else against AWS: are these credentials for the stack's account? */
public final class AccountCheck {

    private AccountCheck() {
    }

    /** @throws CannotCheckException when the caller is unknown or in another account */
    public static void requireStackAccount(StsClient sts, StackSettings settings) throws CannotCheckException {
        String account;
        try {
            account = sts.getCallerIdentity().account();
        } catch (SdkException e) {
            if (CallFailures.isTimeout(e)) {
                throw new CannotCheckException(String.format("AWS STS in %s did not answer GetCallerIdentity in time"
                        + " (every AWS call is given up after %s, retries included).", settings.region(),
                        CallFailures.callTimeout(sts)));
            }
            throw new CannotCheckException("Could not tell which AWS account these credentials are for"
                    + " (no credentials, or STS unreachable): " + CallFailures.oneLine(e.getMessage()));
        }
        if (!settings.accountId().equals(account)) {
            throw new CannotCheckException(String.format(
                    "The credentials are for AWS account %s, but stack '%s' lives in account %s; refusing to check"
                            + " another account's tables.", account, settings.stack(), settings.accountId()));
        }
    }
}
