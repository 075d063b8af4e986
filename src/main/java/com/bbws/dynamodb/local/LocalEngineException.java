package com.bbws.dynamodb.local;

/** The local engine could not start or be reached; the message says why. */
public final class LocalEngineException extends Exception {
    public LocalEngineException(String message) {
        super(message);
    }
}
