package com.bbws.dynamodb.validate;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients one `validate` run uses: opened on first use, one per service and region, each with
 * the run's timeouts ({@link AwsClients.Timeouts}), and closed together. Against AWS they sign with the
 * default credential chain; {@link #at} points every one at a single endpoint (tests: WireMock answering
 * as AWS does), so the checks run over the SDK's real HTTP path.
 */
public final class AwsServices implements AutoCloseable {

    private final URI endpoint;
    private final AwsCredentialsProvider credentials;
    private final AwsClients.Timeouts timeouts;
    private final Map<String, SdkClient> open = new LinkedHashMap<>();

    private AwsServices(URI endpoint, AwsCredentialsProvider credentials, AwsClients.Timeouts timeouts) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.timeouts = timeouts;
    }

    /** AWS itself, with the default credential chain (environment, profile, SSO, web identity...). */
    public static AwsServices aws(AwsClients.Timeouts timeouts) {
        return new AwsServices(null, DefaultCredentialsProvider.builder().build(), timeouts);
    }

    /** Every service at one endpoint that answers as AWS does, signed with these credentials. */
    public static AwsServices at(URI endpoint, AwsCredentialsProvider credentials, AwsClients.Timeouts timeouts) {
        return new AwsServices(endpoint, credentials, timeouts);
    }

    public StsClient sts(String region) {
        return open("sts", region, StsClient::builder);
    }

    public DynamoDbClient dynamoDb(String region) {
        return open("dynamodb", region, DynamoDbClient::builder);
    }

    public SsmClient ssm(String region) {
        return open("ssm", region, SsmClient::builder);
    }

    public BackupClient backup(String region) {
        return open("backup", region, BackupClient::builder);
    }

    /** IAM is global: one endpoint for every region of the partition. */
    public IamClient iam() {
        return open("iam", Region.AWS_GLOBAL.id(), IamClient::builder);
    }

    public CloudWatchClient cloudWatch(String region) {
        return open("cloudwatch", region, CloudWatchClient::builder);
    }

    public KmsClient kms(String region) {
        return open("kms", region, KmsClient::builder);
    }

    private synchronized <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C open(
            String service, String region, Supplier<B> builder) {
        @SuppressWarnings("unchecked")
        C client = (C) open.computeIfAbsent(service + " " + region, key -> {
            B configured = builder.get()
                    .region(Region.of(region))
                    .credentialsProvider(credentials)
                    .httpClient(AwsClients.httpClient(timeouts))
                    .overrideConfiguration(AwsClients.override(timeouts, false));
            if (endpoint != null) {
                configured.endpointOverride(endpoint);
            }
            return configured.build();
        });
        return client;
    }

    @Override
    public synchronized void close() {
        List<SdkClient> clients = new ArrayList<>(open.values());
        open.clear();
        clients.forEach(SdkClient::close);
    }
}
