package com.bbws.dynamodb.validate;

import java.util.Optional;

/** An endpoint answered, but not as DynamoDB does: what it answered instead. */
public final class NotDynamoDbException extends RuntimeException {

    private final int status;

    NotDynamoDbException(int status, String contentType) {
        super(String.format("HTTP %d, %s", status,
                contentType == null ? "no content type" : contentType.split(";")[0].strip()));
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** The answer that was not DynamoDB's, if that is why the call failed. */
    public static Optional<NotDynamoDbException> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotDynamoDbException notDynamoDb) {
                return Optional.of(notDynamoDb);
            }
        }
        return Optional.empty();
    }
}
