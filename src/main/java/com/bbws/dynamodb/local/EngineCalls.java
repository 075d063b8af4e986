package com.bbws.dynamodb.local;

import com.bbws.dynamodb.validate.CallFailures;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** Calls to an engine whose failure ends the command in one line: unreachable, not DynamoDB, or refused. */
final class EngineCalls {

    private final DynamoDbClient dynamo;
    private final String target;

    EngineCalls(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        this.target = dynamo.serviceClientConfiguration().endpointOverride().map(URI::toString).orElse("AWS");
    }

    /** Where the calls go, for messages: the endpoint, or "AWS". */
    String target() {
        return target;
    }

    /** @param what the call, for the message, e.g. "CreateTable tenants" */
    <T> T call(String what, Supplier<T> call) throws LocalEngineException {
        try {
            return call.get();
        } catch (SdkClientException e) {
            throw failed(what, e);
        } catch (DynamoDbException e) {
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
                    ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new LocalEngineException(String.format("The engine at %s refused %s (HTTP %d): %s",
                    target, what, e.statusCode(), message));
        }
    }

    /** The one line for a call that got no answer from DynamoDB. */
    LocalEngineException failed(String what, SdkClientException e) {
        return new LocalEngineException(CallFailures.describe(e, target, what, dynamo));
    }
}
