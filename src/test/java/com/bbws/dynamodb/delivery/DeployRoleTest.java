package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CI deploy role of each environment: real actions only, scoped to the catalogue's tables. */
class DeployRoleTest {

    private static final Path IAM = Path.of("deploy", "iam");
    private static final String IAM_EXPAND = "@cloud-copilot/iam-expand/dist/cjs/cli.js";

    private static NodeChecker.Result iamExpand(Path policy) throws Exception {
        return NodeChecker.run(Path.of("."), IAM_EXPAND, policy, "--invalid-action-behavior", "error");
    }

    private static List<Path> policies() throws IOException {
        try (Stream<Path> files = Files.walk(IAM)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void every_action_in_every_policy_is_a_real_aws_action() throws Exception {
        assertThat(policies()).hasSize(6);
        for (Path policy : policies()) {
            NodeChecker.Result check = iamExpand(policy);
            assertThat(check.exitCode()).as("%s: %s", policy, check.output()).isZero();
        }
    }

    @Test
    void a_misspelt_action_fails_the_check(@TempDir Path temp) throws Exception {
        Path policy = temp.resolve("policy.json");
        Files.writeString(policy, Files.readString(IAM.resolve("sit/permissions-policy.json"))
                .replace("dynamodb:CreateTable", "dynamodb:CreatTable"));

        NodeChecker.Result check = iamExpand(policy);

        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("Invalid action: dynamodb:CreatTable");
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void permissions_are_scoped_to_exactly_the_environments_tables(Environment environment) throws IOException {
        JsonObject policy = read(environment, "permissions-policy.json");

        var expected = new ArrayList<String>();
        for (var table : BbwsTables.CATALOGUE.tables()) {
            String arn = String.format("arn:aws:dynamodb:%s:%s:table/%s", environment.region(),
                    environment.accountId(), table.physicalName(environment));
            expected.addAll(List.of(arn, arn + "/index/*", arn + "/stream/*"));
        }
        JsonObject tables = statement(policy, "ManageThePlatformTables");
        assertThat(strings(tables.get("Resource"))).containsExactlyElementsOf(expected);
        assertThat(strings(tables.get("Action"))).allMatch(action -> action.startsWith("dynamodb:"));
        for (JsonElement statement : policy.getAsJsonArray("Statement")) {
            assertThat(strings(statement.getAsJsonObject().get("Resource")))
                    .as("no statement of %s reaches beyond its tables and state bucket", environment)
                    .noneMatch(resource -> resource.contains("*") && !resource.matches(".*/(index|stream)/\\*$")
                            && !resource.equals("arn:aws:s3:::STATE_BUCKET/*"));
        }
    }

    @Test
    void the_prod_role_cannot_delete_a_prod_table() throws IOException {
        JsonObject policy = read(Environment.PROD, "permissions-policy.json");

        assertThat(strings(statement(policy, "ManageThePlatformTables").get("Action"))).doesNotContain("dynamodb:DeleteTable");
        JsonObject deny = statement(policy, "NeverDeleteAProdTable");
        assertThat(deny.get("Effect").getAsString()).isEqualTo("Deny");
        assertThat(strings(deny.get("Action"))).containsExactly("dynamodb:DeleteTable");
    }

    @ParameterizedTest
    @EnumSource(Environment.class)
    void only_this_repositorys_workflows_in_the_environments_github_environments_can_assume_the_role(
            Environment environment) throws IOException {
        JsonObject trust = read(environment, "trust-policy.json").getAsJsonArray("Statement").get(0).getAsJsonObject();

        assertThat(trust.getAsJsonObject("Principal").get("Federated").getAsString()).isEqualTo(
                "arn:aws:iam::" + environment.accountId() + ":oidc-provider/token.actions.githubusercontent.com");
        JsonObject equals = trust.getAsJsonObject("Condition").getAsJsonObject("StringEquals");
        assertThat(equals.get("token.actions.githubusercontent.com:aud").getAsString()).isEqualTo("sts.amazonaws.com");
        assertThat(strings(equals.get("token.actions.githubusercontent.com:sub")))
                .allMatch(subject -> subject.equals("repo:OWNER/REPO:environment:preview-" + environment.id())
                        || subject.equals("repo:OWNER/REPO:environment:" + environment.id()));
    }

    private static JsonObject read(Environment environment, String file) throws IOException {
        return JsonParser.parseString(Files.readString(IAM.resolve(environment.id()).resolve(file))).getAsJsonObject();
    }

    private static JsonObject statement(JsonObject policy, String sid) {
        for (JsonElement statement : policy.getAsJsonArray("Statement")) {
            if (sid.equals(statement.getAsJsonObject().get("Sid").getAsString())) {
                return statement.getAsJsonObject();
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    private static List<String> strings(JsonElement value) {
        if (value.isJsonArray()) {
            JsonArray array = value.getAsJsonArray();
            return array.asList().stream().map(JsonElement::getAsString).toList();
        }
        return List.of(value.getAsString());
    }
}
