package com.bbws.dynamodb.delivery;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks a real IAM policy evaluator, @cloud-copilot/iam-simulate (tools/iam-simulate.cjs, asked through NodeChecker), how IAM decides
 * requests of a role in the same account under one identity policy: Allowed, ImplicitlyDenied or
 * ExplicitlyDenied. KMS always consults the key policy too; requests on KMS keys are evaluated with the
 * key policy that delegates to the account's IAM policies (the key policy the program writes for the
 * key it creates, and the default key policy of a given key).
 */
final class IamSimulator {

    static final String ALLOWED = "Allowed";
    static final String EXPLICITLY_DENIED = "ExplicitlyDenied";

    /** One request as IAM sees it. */
    record Request(String action, String resource, Map<String, String> context) {
    }

    /** How IAM decides one request. */
    record Verdict(Request request, String result) {
        boolean allowed() {
            return result.equals(ALLOWED);
        }
    }

    private IamSimulator() {
    }

    static List<Verdict> evaluate(JsonObject policy, String accountId, List<Request> requests) {
        var input = new JsonObject();
        input.add("policy", policy);
        input.addProperty("account", accountId);
        input.addProperty("principal", "arn:aws:iam::" + accountId + ":role/bbws-dynamodb-ci");
        var array = new JsonArray();
        for (Request request : requests) {
            var json = new JsonObject();
            json.addProperty("action", request.action());
            json.addProperty("resource", request.resource());
            json.add("context", new Gson().toJsonTree(request.context()));
            if (request.action().startsWith("kms:") && !request.resource().equals("*")) {
                json.add("resourcePolicy", keyPolicyDelegatingTo(accountId));
            }
            array.add(json);
        }
        input.add("requests", array);
        JsonArray results = NodeChecker.iamSimulate(input).getAsJsonArray();
        var verdicts = new ArrayList<Verdict>();
        for (int i = 0; i < requests.size(); i++) {
            JsonElement result = results.get(i).getAsJsonObject().get("result");
            verdicts.add(new Verdict(requests.get(i), result.getAsString()));
        }
        return verdicts;
    }

    static Verdict evaluate(JsonObject policy, String accountId, Request request) {
        return evaluate(policy, accountId, List.of(request)).get(0);
    }

    /**
     * One attempt to assume a role: a principal, the action (sts:AssumeRole, sts:AssumeRoleWithWebIdentity),
     * the request context (the OIDC token's claims, aws:MultiFactorAuthPresent), and for a principal of the
     * role's own account the identity policy that lets it call the action (null for a federated principal).
     */
    record AssumeRequest(String principal, String action, Map<String, String> context, JsonObject identityPolicy) {
    }

    /** How IAM decides each attempt to assume the role under its trust policy. */
    static List<String> evaluateTrust(JsonObject trustPolicy, String roleArn, List<AssumeRequest> requests) {
        var input = new JsonObject();
        input.add("trustPolicy", trustPolicy);
        input.addProperty("role", roleArn);
        input.addProperty("account", roleArn.split(":")[4]);
        var array = new JsonArray();
        for (AssumeRequest request : requests) {
            var json = new JsonObject();
            json.addProperty("principal", request.principal());
            json.addProperty("action", request.action());
            json.add("context", new Gson().toJsonTree(request.context()));
            if (request.identityPolicy() != null) {
                json.add("identityPolicy", request.identityPolicy());
            }
            array.add(json);
        }
        input.add("requests", array);
        var results = new ArrayList<String>();
        NodeChecker.iamTrust(input).getAsJsonArray()
                .forEach(result -> results.add(result.getAsJsonObject().get("result").getAsString()));
        return results;
    }

    private static JsonObject keyPolicyDelegatingTo(String accountId) {
        return JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[{"Sid":"AccountAdministersTheKey","Effect":"Allow",\
                "Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"kms:*","Resource":"*"}]}"""
                .formatted(accountId)).getAsJsonObject();
    }
}
