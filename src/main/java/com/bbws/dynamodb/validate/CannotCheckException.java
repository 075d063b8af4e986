package com.bbws.dynamodb.validate;

/**
 * The validator could not check: no credentials, access denied, throttled, the wrong account, or
 * the endpoint is down. Not a verdict on the tables; the message says which.
 */
public final class CannotCheckException extends Exception {
    public CannotCheckException(String message) {
        super(message);
    }
}
