package com.bbws.dynamodb.validate;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDK clients the commands use, built in one place. Every call they make is bounded: an
 * endpoint that accepts connections and never answers costs at most {@link Timeouts#call()}.
 */
public final class AwsClients {

    /**
     * How long an AWS call may take.
     *
     * @param connect     to open a connection
     * @param socket      between two packets of an answer
     * @param attempt     one attempt, from sending the request to reading the whole answer
     * @param call        the whole call, every retry included: the bound the user is told
     * @param maxAttempts attempts per call, the first included
     */
    public record Timeouts(Duration connect, Duration socket, Duration attempt, Duration call, int maxAttempts) {

        /** What the commands use; docs/operations.md ("Validating a deployment") documents these. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofSeconds(30), 3);

        public Timeouts {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
        }
    }

    private AwsClients() {
    }

    /**
     * A DynamoDB engine at an endpoint such as DynamoDB Local. It accepts any credentials and
     * (started with -sharedDb) shows every caller the same tables, so none are needed here.
     */
    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return dynamoDb(endpoint, region, Timeouts.DEFAULT);
    }

    public static DynamoDbClient dynamoDb(URI endpoint, String region, Timeouts timeouts) {
        return DynamoDbClient.builder()
                .region(Region.of(region))
                .endpointOverride(endpoint)
                .credentialsProvider(LOCAL_CREDENTIALS)
                .httpClient(httpClient(timeouts))
                .overrideConfiguration(override(timeouts, true))
                .build();
    }

    private static final AwsCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    static SdkHttpClient httpClient(Timeouts timeouts) {
        return Apache5HttpClient.builder()
                .connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.socket())
                .build();
    }

    /**
     * @param anyEndpoint true for an endpoint the user named, which may not be DynamoDB at all: its
     *                    answers are checked to be DynamoDB's before they are read as such
     */
    static ClientOverrideConfiguration override(Timeouts timeouts, boolean anyEndpoint) {
        var override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(timeouts.attempt())
                .apiCallTimeout(timeouts.call())
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(timeouts.maxAttempts()).build());
        if (anyEndpoint) {
            override.addExecutionInterceptor(new DynamoDbAnswersOnly());
        }
        return override.build();
    }
}
