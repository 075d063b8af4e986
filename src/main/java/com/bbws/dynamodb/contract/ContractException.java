package com.bbws.dynamodb.contract;

/** A contract file that cannot be read as one; the message names the file and what to do. */
public final class ContractException extends RuntimeException {
    public ContractException(String message) {
        super(message);
    }
}
