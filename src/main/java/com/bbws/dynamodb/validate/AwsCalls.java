package com.bbws.dynamodb.validate;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One call to an AWS service other than DynamoDB (Backup, IAM, CloudWatch, KMS), its failures sorted
 * into: not found (an answer: drift), or could not check (access denied, throttled after the SDK's
 * retries, no answer in time, unreachable, any other error), with one line that names the call.
 */
final class AwsCalls {

    /** Error codes AWS services use when the caller may not do something (JSON and query protocols). */
    static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
            "ExpiredTokenException", "ExpiredToken", "MissingAuthenticationTokenException", "UnauthorizedOperation");
    /** Error codes AWS services use when they are shedding load. */
    static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded");
    /** Error codes for "no such thing": Backup and KMS (JSON), IAM (query). */
    static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "NotFoundException", "NoSuchEntity");

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
            if (NOT_FOUND.contains(code(e))) {
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
        String code = code(e);
        String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                ? CallFailures.oneLine(e.getMessage()) : CallFailures.oneLine(e.awsErrorDetails().errorMessage());
        if (ACCESS_DENIED.contains(code) || e.statusCode() == 403) {
            return new CannotCheckException(String.format("Access denied at %s for %s: %s", target, what, message));
        }
        if (THROTTLED.contains(code) || e.isThrottlingException()) {
            return new CannotCheckException(String.format("Throttled by %s at %s on %s even after retries: %s",
                    service, target, what, message));
        }
        return new CannotCheckException(String.format("%s failed at %s: HTTP %d%s: %s", what, target, e.statusCode(),
                code.isEmpty() ? "" : " " + code, message));
    }

    private CannotCheckException cannotCheck(String what, SdkClientException e) {
        if (CallFailures.isTimeout(e)) {
            return new CannotCheckException(String.format("%s at %s did not answer %s in time (every AWS call is"
                    + " given up after %s, retries included).", service, target, what, CallFailures.callTimeout(client)));
        }
        return new CannotCheckException(String.format("Could not reach %s at %s for %s: %s", service, target, what,
                CallFailures.oneLine(e.getMessage())));
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }
}
