package com.bbws.dynamodb.plan;

/** The offline plan could not be made; the message says why, for the person who asked. */
public final class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
