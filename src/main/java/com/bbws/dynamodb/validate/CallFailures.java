package com.bbws.dynamodb.validate;

import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One line for a call that got no DynamoDB verdict: the endpoint is not DynamoDB, did not answer in
 * time, or could not be reached.
 */
public final class CallFailures {

    /** Error codes AWS services use when the caller may not do something (JSON and query protocols). */
    static final Set<String> ACCESS_DENIED = Set.of("AccessDeniedException", "AccessDenied",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch",
            "ExpiredTokenException", "ExpiredToken", "MissingAuthenticationTokenException", "UnauthorizedOperation");
    /** Error codes AWS services use when they are shedding load (DynamoDB's read capacity, SSM's updates too). */
    static final Set<String> THROTTLED = Set.of("ThrottlingException", "Throttling", "TooManyRequestsException",
            "RequestLimitExceeded", "ProvisionedThroughputExceededException", "TooManyUpdates");

    private CallFailures() {
    }

    /**
     * An error answer as the reason nothing could be checked: access denied, throttled even after the
     * retries, or another error, each with the service's own message.
     *
     * @param target where the call went, for the message
     * @param what   the call, e.g. "Scan tenants"
     */
    public static CannotCheckException refused(AwsServiceException failure, String target, String what) {
        return refused(failure, null, target, what);
    }

    /**
     * @param service the service's name for a throttled call ("AWS Backup"), or null to name the target alone
     */
    static CannotCheckException refused(AwsServiceException failure, String service, String target, String what) {
        String code = errorCode(failure);
        String message = errorMessage(failure);
        if (ACCESS_DENIED.contains(code) || failure.statusCode() == 403) {
            return new CannotCheckException(String.format("Access denied at %s for %s: %s", target, what, message));
        }
        if (THROTTLED.contains(code) || failure.isThrottlingException()) {
            return new CannotCheckException(String.format("Throttled by %s on %s even after retries: %s",
                    service == null ? target : service + " at " + target, what, message));
        }
        return new CannotCheckException(String.format("%s failed at %s: HTTP %d%s: %s", what, target,
                failure.statusCode(), code.isEmpty() ? "" : " " + code, message));
    }

    /** The answer's error code, "" when it has none: an answer without one is still an answer, never an NPE. */
    static String errorCode(AwsServiceException failure) {
        String code = failure.awsErrorDetails() == null ? null : failure.awsErrorDetails().errorCode();
        return code == null ? "" : code;
    }

    static String errorMessage(AwsServiceException failure) {
        return failure.awsErrorDetails() == null || failure.awsErrorDetails().errorMessage() == null
                ? oneLine(failure.getMessage()) : failure.awsErrorDetails().errorMessage();
    }

    /**
     * @param target where the call went, for the message (an endpoint URL, or the AWS account and region)
     * @param what   the call, e.g. "DescribeTable tenants"
     * @param client the client that made it, whose timeouts the message states
     */
    public static String describe(SdkClientException failure, String target, String what, SdkClient client) {
        var notDynamoDb = NotDynamoDbException.in(failure);
        if (notDynamoDb.isPresent()) {
            return String.format("%s is not DynamoDB: it answered %s with %s, not DynamoDB's JSON.",
                    target, what, notDynamoDb.get().getMessage());
        }
        if (isTimeout(failure)) {
            return String.format("DynamoDB at %s did not answer %s in time (every AWS call is given up after %s,"
                    + " retries included).", target, what, callTimeout(client));
        }
        return String.format("Could not reach DynamoDB at %s for %s: %s", target, what, reason(failure));
    }

    /** The SDK's message, but a host name that does not resolve in a few words instead of its paragraph. */
    private static String reason(SdkClientException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException unknown) {
                return "unknown host" + (unknown.getMessage() == null ? "" : " " + unknown.getMessage().split(":")[0]);
            }
        }
        return oneLine(failure.getMessage());
    }

    /** The call ran out of time: a whole-call or attempt timeout, or a connection or read timeout. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException
                    || cause instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** The bound on one call of this client, every retry included, as a person reads it ("30 s"). */
    public static String callTimeout(SdkClient client) {
        return client.serviceClientConfiguration().overrideConfiguration().apiCallTimeout()
                .map(CallFailures::readable).orElse("the SDK's default");
    }

    static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** SDK messages can span lines (an unmarshalling error quotes its parser's position): the user gets one. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
