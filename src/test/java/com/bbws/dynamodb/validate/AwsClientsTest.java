package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Every AWS call the commands make is bounded, and an endpoint that is not DynamoDB is named as
 * such: against real loopback servers (one that never answers, HTTP servers that are not DynamoDB).
 */
class AwsClientsTest {

    /** Short enough for a unit test; the shape of the defaults (attempts within one call bound). */
    static final AwsClients.Timeouts SHORT = new AwsClients.Timeouts(Duration.ofMillis(500), Duration.ofMillis(300),
            Duration.ofMillis(300), Duration.ofMillis(900), 3);

    private final StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");

    @Test
    void the_default_timeouts_are_the_documented_ones() throws Exception {
        assertThat(AwsClients.Timeouts.DEFAULT).isEqualTo(new AwsClients.Timeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30), 3));
        String operations = Files.readString(Path.of("docs", "operations.md"), StandardCharsets.UTF_8);
        assertThat(operations.replaceAll("\\s+", " ")).contains(
                "every AWS call is given up after 30 s, retries included (5 s to connect, 10 s per attempt,"
                        + " at most 3 attempts)");
    }

    @Test
    void every_client_is_built_with_the_timeouts_and_the_bounded_retries() {
        try (DynamoDbClient endpoint = AwsClients.dynamoDb(URI.create("http://127.0.0.1:1"), "eu-west-1");
             var services = AwsServices.aws(AwsClients.Timeouts.DEFAULT)) {
            DynamoDbClient aws = services.dynamoDb("eu-west-1");
            var sts = services.sts("eu-west-1");
            for (var configuration : List.of(endpoint.serviceClientConfiguration().overrideConfiguration(),
                    aws.serviceClientConfiguration().overrideConfiguration(),
                    sts.serviceClientConfiguration().overrideConfiguration())) {
                assertThat(configuration.apiCallTimeout()).contains(Duration.ofSeconds(30));
                assertThat(configuration.apiCallAttemptTimeout()).contains(Duration.ofSeconds(10));
                RetryStrategy retries = configuration.retryStrategy().orElseThrow();
                assertThat(retries.maxAttempts()).isEqualTo(3);
            }
        }
    }

    @Test
    void a_port_that_accepts_and_never_answers_costs_one_call_timeout_then_cannot_check() throws Exception {
        try (var silent = ForeignEndpoints.silent();
             var dynamo = AwsClients.dynamoDb(ForeignEndpoints.endpoint(silent), "eu-west-1", SHORT)) {
            String target = ForeignEndpoints.endpoint(silent).toString();

            // bounded: before the timeouts, this call waited 9 attempts of the HTTP client's socket timeout
            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> new TableValidator(dynamo, target, false).validate(BbwsTables.CATALOGUE, dev))
                            .isInstanceOf(CannotCheckException.class)
                            .hasMessage("DynamoDB at " + target + " did not answer DescribeTable tenants in time"
                                    + " (every AWS call is given up after 900 ms, retries included)."));
        }
    }

    @Test
    void sts_that_never_answers_costs_one_call_timeout_then_cannot_check() throws Exception {
        try (var silent = ForeignEndpoints.silent();
             var sts = StsClient.builder().region(Region.EU_WEST_1)
                     .endpointOverride(ForeignEndpoints.endpoint(silent))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                     .httpClient(AwsClients.httpClient(SHORT))
                     .overrideConfiguration(AwsClients.override(SHORT, false))
                     .build()) {

            assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                    assertThatThrownBy(() -> AccountCheck.requireStackAccount(sts, dev))
                            .isInstanceOf(CannotCheckException.class)
                            .hasMessage("AWS STS in eu-west-1 did not answer GetCallerIdentity in time"
                                    + " (every AWS call is given up after 900 ms, retries included)."));
        }
    }

    @Test
    void an_html_page_is_not_read_as_dynamodb() throws Exception {
        var server = ForeignEndpoints.answering(200, "text/html; charset=utf-8", "<html><body>It works!</body></html>");
        try (var dynamo = AwsClients.dynamoDb(ForeignEndpoints.endpoint(server), "eu-west-1", SHORT)) {
            String target = ForeignEndpoints.endpoint(server).toString();

            assertThatThrownBy(() -> new TableValidator(dynamo, target, false).validate(BbwsTables.CATALOGUE, dev))
                    .isInstanceOf(CannotCheckException.class)
                    .hasMessage(target + " is not DynamoDB: it answered DescribeTable tenants with HTTP 200, text/html,"
                            + " not DynamoDB's JSON.");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_404_from_another_server_is_not_dynamodb_and_no_null_pointer() throws Exception {
        var server = ForeignEndpoints.answering(404, "text/html", "<h1>Not Found</h1>");
        try (var dynamo = AwsClients.dynamoDb(ForeignEndpoints.endpoint(server), "eu-west-1", SHORT)) {
            String target = ForeignEndpoints.endpoint(server).toString();

            assertThatThrownBy(() -> new TableValidator(dynamo, target, false).validate(BbwsTables.CATALOGUE, dev))
                    .isInstanceOf(CannotCheckException.class)
                    .hasMessage(target + " is not DynamoDB: it answered DescribeTable tenants with HTTP 404, text/html,"
                            + " not DynamoDB's JSON.");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void an_empty_json_answer_from_another_server_is_not_read_as_no_such_table() throws Exception {
        var server = ForeignEndpoints.answering(200, "application/json", "{}");
        try (var dynamo = AwsClients.dynamoDb(ForeignEndpoints.endpoint(server), "eu-west-1", SHORT)) {
            String target = ForeignEndpoints.endpoint(server).toString();

            assertThatThrownBy(() -> new TableValidator(dynamo, target, false).validate(BbwsTables.CATALOGUE, dev))
                    .isInstanceOf(CannotCheckException.class)
                    .hasMessage(target + " is not DynamoDB: it answered DescribeTable tenants with HTTP 200,"
                            + " application/json, not DynamoDB's JSON.");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_dynamodb_error_without_a_code_is_reported_not_a_null_pointer() throws Exception {
        // DynamoDB's content type, but no __type: still an answer the validator must word
        var server = ForeignEndpoints.answering(500, "application/x-amz-json-1.0", "{}");
        try (var dynamo = AwsClients.dynamoDb(ForeignEndpoints.endpoint(server), "eu-west-1", SHORT)) {
            String target = ForeignEndpoints.endpoint(server).toString();

            assertThatThrownBy(() -> new TableValidator(dynamo, target, false).validate(BbwsTables.CATALOGUE, dev))
                    .isInstanceOf(CannotCheckException.class)
                    .hasMessageStartingWith("DescribeTable tenants failed at " + target + ": HTTP 500: ");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_host_that_does_not_resolve_is_said_in_a_few_words() {
        var failure = SdkClientException.builder()
                .message("Received an UnknownHostException when attempting to interact with a service. See cause"
                        + " for the exact endpoint that is failing to resolve. If this is happening on an endpoint"
                        + " that previously worked, there may be a network connectivity issue...")
                .cause(new UnknownHostException("dynamo.example.invalid: Name or service not known"))
                .build();
        try (var dynamo = AwsClients.dynamoDb(URI.create("http://dynamo.example.invalid"), "eu-west-1")) {
            assertThat(CallFailures.describe(failure, "http://dynamo.example.invalid", "DescribeTable tenants", dynamo))
                    .isEqualTo("Could not reach DynamoDB at http://dynamo.example.invalid for DescribeTable tenants:"
                            + " unknown host dynamo.example.invalid");
        }
    }

    @Test
    void durations_read_as_a_person_writes_them() {
        assertThat(CallFailures.readable(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(CallFailures.readable(Duration.ofMillis(900))).isEqualTo("900 ms");
    }
}
