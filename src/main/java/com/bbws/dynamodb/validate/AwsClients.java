package com.bbws.dynamodb.validate;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The SDK clients the commands use, built in one place. */
public final class AwsClients {

    private AwsClients() {
    }

    /** DynamoDB in AWS: the default credential chain (environment, profile, SSO, web identity...). */
    public static DynamoDbClient dynamoDb(String region) {
        return DynamoDbClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(Apache5HttpClient.create())
                .build();
    }

    /**
     * A DynamoDB engine at an endpoint such as DynamoDB Local. It accepts any credentials and
     * (started with -sharedDb) shows every caller the same tables, so none are needed here.
     */
    public static DynamoDbClient dynamoDb(URI endpoint, String region) {
        return DynamoDbClient.builder()
                .region(Region.of(region))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(Apache5HttpClient.create())
                .build();
    }

    public static StsClient sts(String region) {
        return StsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(Apache5HttpClient.create())
                .build();
    }
}
