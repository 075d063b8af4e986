package com.bbws.dynamodb.validate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.google.gson.JsonObject;
import java.net.URI;

/**
 * A loopback HTTP server answering as AWS answers (WireMock): STS in the Query protocol's XML, DynamoDB in
 * its JSON 1.0 protocol, errors with their {@code __type}. The SDK reaches it over its real HTTP path, so
 * what it makes of an answer (retries, error codes, unmarshalling) is the SDK's own.
 */
public final class AwsAnswers {

    public static final String DYNAMODB_JSON = "application/x-amz-json-1.0";

    private AwsAnswers() {
    }

    public static WireMockServer start() {
        var server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        return server;
    }

    public static URI endpoint(WireMockServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** STS GetCallerIdentity answers that the credentials are a role's session in this account. */
    public static void callerIdentity(WireMockServer server, String account) {
        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                          <GetCallerIdentityResult>
                            <Arn>arn:aws:sts::%1$s:assumed-role/item-check/alice</Arn>
                            <UserId>AROAEXAMPLEID:alice</UserId>
                            <Account>%1$s</Account>
                          </GetCallerIdentityResult>
                          <ResponseMetadata><RequestId>01234567-89ab-4cde-8f01-23456789abcd</RequestId></ResponseMetadata>
                        </GetCallerIdentityResponse>""".formatted(account))));
    }

    /** A Scan of the table, answered with this status and DynamoDB JSON body. */
    public static MappingBuilder scan(String table) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.Scan"))
                .withRequestBody(matchingJsonPath("$.TableName", equalTo(table)));
    }

    public static void answer(WireMockServer server, MappingBuilder request, int status, String body) {
        server.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", DYNAMODB_JSON)
                .withBody(body)));
    }

    /** DynamoDB's error body: {"__type": "com.amazonaws.dynamodb.v20120810#Code", "message": "..."}. */
    public static String error(String code, String message) {
        var body = new JsonObject();
        body.addProperty("__type", "com.amazonaws.dynamodb.v20120810#" + code);
        body.addProperty("message", message);
        return body.toString();
    }
}
