package com.bbws.dynamodb.validate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.google.gson.Gson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A WireMock server that answers the validator's AWS calls as AWS does, one protocol each: DynamoDB
 * (JSON 1.0), SSM and KMS (JSON 1.1), AWS Backup (REST-JSON), STS and IAM (query, XML), CloudWatch
 * (Smithy RPC v2 CBOR, which SDK 2.57 uses for it). Requests are told apart by the service and region in
 * their SigV4 credential scope, as every client here points at this one endpoint.
 */
public final class AwsWire implements AutoCloseable {

    /** Short, so that throttling (retried by the SDK) and timeouts cost little; 2 attempts per call. */
    public static final AwsClients.Timeouts TIMEOUTS = new AwsClients.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(5), 2);

    private static final Gson GSON = new Gson();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    public final WireMockServer server = new WireMockServer(options().dynamicPort());

    public AwsWire() {
        server.start();
    }

    /** The clients of one run, all pointed here, signed with fixed credentials. */
    public AwsServices services() {
        return AwsServices.at(URI.create(server.baseUrl()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wire-secret")), TIMEOUTS);
    }

    public void stub(MappingBuilder request, ResponseDefinitionBuilder answer) {
        server.stubFor(request.willReturn(answer));
    }

    /** Every request received, oldest first. */
    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    @Override
    public void close() {
        server.stop();
    }

    private static MappingBuilder signedFor(MappingBuilder request, String service, String region) {
        return request.withHeader("Authorization", matching(".*Credential=[^/]+/\\d{8}/" + Pattern.quote(region)
                + "/" + service + "/aws4_request.*"));
    }

    // JSON 1.0 and 1.1: POST /, the operation in X-Amz-Target, the input as JSON

    /** A JSON-protocol call whose input equals {@code input} (as JSON, fields in any order). */
    public static MappingBuilder json(String service, String region, String target, Map<String, ?> input) {
        MappingBuilder request = signedFor(post(urlEqualTo("/")), service, region)
                .withHeader("X-Amz-Target", equalTo(target));
        return input == null ? request : request.withRequestBody(equalToJson(GSON.toJson(input), true, true));
    }

    public static ResponseDefinitionBuilder jsonAnswer(String version, Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-" + version)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(GSON.toJson(body));
    }

    public static ResponseDefinitionBuilder jsonError(String version, int status, String type, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-" + version)
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(GSON.toJson(Map.of("__type", type, "message", message)));
    }

    // REST-JSON (AWS Backup): the operation in the method and path, errors named in x-amzn-ErrorType

    public static MappingBuilder restGet(String service, String region, String path) {
        return signedFor(get(urlPathEqualTo(path)), service, region);
    }

    public static ResponseDefinitionBuilder restAnswer(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(GSON.toJson(body));
    }

    public static ResponseDefinitionBuilder restError(int status, String type, String message) {
        var body = new LinkedHashMap<String, Object>();
        body.put("Code", type);
        body.put("Message", message);
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazonaws.backup/")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(GSON.toJson(body));
    }

    // query (STS, IAM): POST / with a form body naming the action, answers in XML

    public static MappingBuilder query(String service, String region, String action, Map<String, String> parameters) {
        MappingBuilder request = signedFor(post(urlEqualTo("/")), service, region)
                .withRequestBody(containing("Action=" + action + "&"));
        for (var parameter : parameters.entrySet()) {
            request = request.withFormParam(parameter.getKey(), equalTo(parameter.getValue()));
        }
        return request;
    }

    /** {@code <ActionResponse><ActionResult>result</ActionResult><ResponseMetadata>...} */
    public static ResponseDefinitionBuilder queryAnswer(String namespace, String action, String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(String.format(
                "<%1$sResponse xmlns=\"%2$s\"><%1$sResult>%3$s</%1$sResult><ResponseMetadata><RequestId>%4$s"
                        + "</RequestId></ResponseMetadata></%1$sResponse>", action, namespace, result, UUID.randomUUID()));
    }

    public static ResponseDefinitionBuilder queryError(String namespace, int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(String.format(
                "<ErrorResponse xmlns=\"%s\"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>"
                        + "<RequestId>%s</RequestId></ErrorResponse>", namespace, code, xml(message), UUID.randomUUID()));
    }

    public static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // Smithy RPC v2 CBOR (CloudWatch): POST /service/<service>/operation/<operation>, CBOR both ways

    public static MappingBuilder cbor(String service, String region, String operation, String mentioned) {
        MappingBuilder request = signedFor(post(urlEqualTo("/service/GraniteServiceVersion20100801/operation/"
                + operation)), service, region).withHeader("smithy-protocol", equalTo("rpc-v2-cbor"));
        // CBOR carries text as UTF-8 bytes: a name in the input is a substring of the body
        return mentioned == null ? request : request.withRequestBody(containing(mentioned));
    }

    public static ResponseDefinitionBuilder cborAnswer(Object body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString()).withBody(cborBytes(body));
    }

    /** CloudWatch's errors: the shape in __type, and (query-compatible) the query code in x-amzn-query-error. */
    public static ResponseDefinitionBuilder cborError(int status, String shape, String queryCode, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor")
                .withHeader("x-amzn-query-error", queryCode + ";Sender")
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withBody(cborBytes(Map.of("__type", "com.amazonaws.cloudwatch#" + shape, "message", message)));
    }

    private static byte[] cborBytes(Object body) {
        try {
            return CBOR.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
