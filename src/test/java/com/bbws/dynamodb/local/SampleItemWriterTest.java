package com.bbws.dynamodb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.validate.AwsClients;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Batches and throttling, which DynamoDB Local never shows: an HTTP server answering BatchWriteItem as
 * DynamoDB does, reached over the SDK's real HTTP path.
 */
class SampleItemWriterTest {

    private static final String TABLE = "tenants";
    /** DynamoDB's answer when it wrote everything. */
    private static final String ALL_WRITTEN = "{\"UnprocessedItems\": {}}";
    /** DynamoDB's answer when it was throttled on item b. */
    private static final String B_UNPROCESSED = "{\"UnprocessedItems\": {\"" + TABLE + "\": ["
            + "{\"PutRequest\": {\"Item\": {\"PK\": {\"S\": \"b\"}}}}]}}";

    private final List<JsonObject> requests = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private DynamoDbClient dynamo;

    /** Answers the n-th BatchWriteItem (from 1) with {@code answer.apply(n)}. */
    private SampleItemWriter writerAnswering(IntFunction<String> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)).getAsJsonObject());
            byte[] body = answer.apply(requests.size()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        dynamo = AwsClients.dynamoDb(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "eu-west-1");
        return new SampleItemWriter(dynamo, 1);
    }

    @AfterEach
    void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    private static List<Map<String, AttributeValue>> items(String... keys) {
        return java.util.Arrays.stream(keys).map(key -> Map.of("PK", AttributeValue.fromS(key))).toList();
    }

    /** The PKs a BatchWriteItem request put. */
    private static List<String> keysPut(JsonObject request) {
        return request.getAsJsonObject("RequestItems").getAsJsonArray(TABLE).asList().stream()
                .map(write -> write.getAsJsonObject().getAsJsonObject("PutRequest").getAsJsonObject("Item")
                        .getAsJsonObject("PK").get("S").getAsString()).toList();
    }

    @Test
    void items_go_in_batches_of_25() throws Exception {
        SampleItemWriter writer = writerAnswering(n -> ALL_WRITTEN);
        String[] keys = IntStream.rangeClosed(1, 60).mapToObj(i -> "k" + i).toArray(String[]::new);

        assertThat(writer.write(TABLE, items(keys))).isEqualTo(60);

        assertThat(requests).extracting(request -> keysPut(request).size()).containsExactly(25, 25, 10);
    }

    @Test
    void items_the_engine_left_unprocessed_are_sent_again_alone() throws Exception {
        SampleItemWriter writer = writerAnswering(n -> n == 1 ? B_UNPROCESSED : ALL_WRITTEN);

        assertThat(writer.write(TABLE, items("a", "b", "c"))).isEqualTo(3);

        assertThat(requests).extracting(SampleItemWriterTest::keysPut)
                .containsExactly(List.of("a", "b", "c"), List.of("b"));
    }

    @Test
    void items_still_unprocessed_after_the_last_attempt_end_it_with_one_line() throws Exception {
        SampleItemWriter writer = writerAnswering(n -> B_UNPROCESSED);
        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();

        assertThatThrownBy(() -> writer.write(TABLE, items("a", "b")))
                .isInstanceOf(LocalEngineException.class)
                .hasMessage("The engine at " + endpoint + " left 1 sample items of tenants unwritten after "
                        + SampleItemWriter.MAX_ATTEMPTS + " attempts (throttled); run local again to write them.");
        assertThat(requests).hasSize(SampleItemWriter.MAX_ATTEMPTS);
    }
}
