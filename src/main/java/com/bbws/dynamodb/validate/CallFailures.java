package com.bbws.dynamodb.validate;

import java.io.InterruptedIOException;
import java.net.UnknownHostException;
import java.time.Duration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One line for a call that got no DynamoDB verdict: the endpoint is not DynamoDB, did not answer in
 * time, or could not be reached.
 */
public final class CallFailures {

    private CallFailures() {
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
