package com.bbws.dynamodb.validate;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One call to an AWS service other than DynamoDB (Backup, IAM, CloudWatch, KMS, SSM), its failures sorted
 * into: not found (an answer: drift), or could not check (access denied, throttled after the SDK's
 * retries, no answer in time, unreachable, any other error), with one line that names the call.
 */
final class AwsCalls {

    /** Error codes for "no such thing": Backup and KMS (JSON), SSM (JSON), IAM (query). */
    static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "NotFoundException", "ParameterNotFound",
            "NoSuchEntity");

    private final String service;
    private final String target;
    private final SdkClient client;

    /**
     * @param service the service's name for messages ("AWS Backup")
     * @param target  where the call goes, for messages ("AWS account ... in ...")
     */
    AwsCalls(String service, String target, SdkClient client) {
        this.service = service;
        this.target = target;
        this.client = client;
    }

    /** A call whose "not found" is an answer: empty then. */
    <T> Optional<T> find(String what, Supplier<T> call) throws CannotCheckException {
        try {
            return Optional.of(call.get());
        } catch (AwsServiceException e) {
            if (NOT_FOUND.contains(CallFailures.errorCode(e))) {
                return Optional.empty();
            }
            throw cannotCheck(what, e);
        } catch (SdkClientException e) {
            throw cannotCheck(what, e);
        }
    }

    /** A call that must answer. */
    <T> T call(String what, Supplier<T> call) throws CannotCheckException {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw cannotCheck(what, e);
        } catch (SdkClientException e) {
            throw cannotCheck(what, e);
        }
    }

    private CannotCheckException cannotCheck(String what, AwsServiceException e) {
        return CallFailures.refused(e, service, target, what);
    }

    private CannotCheckException cannotCheck(String what, SdkClientException e) {
        if (CallFailures.isTimeout(e)) {
            return new CannotCheckException(String.format("%s at %s did not answer %s in time (every AWS call is"
                    + " given up after %s, retries included).", service, target, what, CallFailures.callTimeout(client)));
        }
        return new CannotCheckException(String.format("Could not reach %s at %s for %s: %s", service, target, what,
                CallFailures.oneLine(e.getMessage())));
    }
}
