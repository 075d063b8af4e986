package com.bbws.dynamodb.validate;

import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Refuses an answer that is not DynamoDB's before the SDK reads it as one. DynamoDB (and
 * DynamoDB Local) answer every request, error or not, with a JSON body of type
 * {@value #DYNAMODB_CONTENT_TYPE}; another HTTP server at the endpoint would otherwise surface as an
 * unmarshalling trace, an error with no code, or an empty answer read as "no such table".
 */
final class DynamoDbAnswersOnly implements ExecutionInterceptor {

    static final String DYNAMODB_CONTENT_TYPE = "application/x-amz-json-1.0";

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
        SdkHttpResponse response = context.httpResponse();
        String contentType = response.firstMatchingHeader("Content-Type").orElse(null);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(DYNAMODB_CONTENT_TYPE)) {
            var notDynamoDb = new NotDynamoDbException(response.statusCode(), contentType);
            throw SdkClientException.builder().message(notDynamoDb.getMessage()).cause(notDynamoDb).build();
        }
    }
}
