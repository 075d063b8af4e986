package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.delivery.IamSimulator.Request;
import com.bbws.dynamodb.delivery.IamSimulator.Verdict;
import com.bbws.dynamodb.plan.Plan;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy of a person who runs {@code validate --items}, proven by the IAM evaluator: Scan on the stack's
 * tables, in its Region and account, and nothing else; and no CI role of the stack allows what it allows.
 */
class ItemCheckPolicyTest {

    /** Every item action but Scan that IAM authorizes on a table (Service Authorization Reference). */
    private static final List<String> OTHER_ITEM_ACTIONS = List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PartiQLDelete",
            "dynamodb:PartiQLInsert", "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate", "dynamodb:PutItem",
            "dynamodb:Query", "dynamodb:UpdateItem");

    private static JsonObject committed(String stack, String file) {
        return RequiredPermissions.read(DeployPolicies.IAM.resolve(stack).resolve(file));
    }

    private static String tableArn(String region, String account, String table) {
        return "arn:aws:dynamodb:" + region + ":" + account + ":table/" + table;
    }

    private static List<Request> scansOfTheStacksTables(Plan plan) {
        return DeployPolicies.tableNames(plan).stream()
                .map(table -> new Request("dynamodb:Scan", tableArn(plan.region(), plan.accountId(), table), Map.of()))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void scan_is_allowed_on_each_table_of_the_stack(String stack) {
        Plan plan = Stacks.plan(stack);

        List<Request> scans = scansOfTheStacksTables(plan);

        assertThat(scans).hasSize(3);
        assertThat(IamSimulator.evaluate(committed(stack, DeployPolicies.ITEM_CHECK), plan.accountId(), scans))
                .allSatisfy(verdict -> assertThat(verdict.result()).as("%s", verdict.request())
                        .isEqualTo(IamSimulator.ALLOWED));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void nothing_else_is_allowed_no_other_table_index_stream_region_account_or_item_action(String stack) {
        Plan plan = Stacks.plan(stack);
        String otherRegion = plan.region().equals("eu-west-1") ? "af-south-1" : "eu-west-1";
        String otherAccount = plan.accountId().equals("111122223333") ? "444455556666" : "111122223333";
        var denied = new ArrayList<Request>();
        denied.add(new Request("dynamodb:Scan", tableArn(plan.region(), plan.accountId(), "orders"), Map.of()));
        for (String table : DeployPolicies.tableNames(plan)) {
            String arn = tableArn(plan.region(), plan.accountId(), table);
            denied.add(new Request("dynamodb:Scan", arn + "-archive", Map.of()));
            denied.add(new Request("dynamodb:Scan", arn + "/index/ActiveIndex", Map.of()));
            denied.add(new Request("dynamodb:Scan", tableArn(otherRegion, plan.accountId(), table), Map.of()));
            denied.add(new Request("dynamodb:Scan", tableArn(plan.region(), otherAccount, table), Map.of()));
            denied.add(new Request("dynamodb:GetRecords", arn + "/stream/2026-12-07T00:00:00.000", Map.of()));
            OTHER_ITEM_ACTIONS.forEach(action -> denied.add(new Request(action, arn, Map.of())));
            for (String action : List.of("dynamodb:DescribeTable", "dynamodb:UpdateTable", "dynamodb:DeleteTable",
                    "dynamodb:ExportTableToPointInTime", "dynamodb:RestoreTableToPointInTime")) {
                denied.add(new Request(action, arn, Map.of()));
            }
        }
        denied.add(new Request("kms:Decrypt", "arn:aws:kms:" + plan.region() + ":" + plan.accountId() + ":key/"
                + RequiredPermissions.SAMPLE_ID, Map.of()));
        denied.add(new Request("ssm:GetParameter", "arn:aws:ssm:" + plan.region() + ":" + plan.accountId()
                + ":parameter/bbws/" + stack + "/dynamodb/tenants/name", Map.of()));

        List<Verdict> verdicts = IamSimulator.evaluate(committed(stack, DeployPolicies.ITEM_CHECK), plan.accountId(), denied);

        assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.allowed()).as("%s", verdict.request()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void no_ci_role_of_the_stack_allows_what_the_item_check_policy_allows(String stack) throws IOException {
        Plan plan = Stacks.plan(stack);
        List<Request> scans = scansOfTheStacksTables(plan);
        var ciPolicies = new ArrayList<>(List.of("deploy-permissions.json", "preview-permissions.json"));
        if (Files.exists(DeployPolicies.IAM.resolve(stack).resolve(DeployPolicies.ADD_REPLICA))) {
            ciPolicies.add(DeployPolicies.ADD_REPLICA);
        }

        for (String file : ciPolicies) {
            assertThat(IamSimulator.evaluate(committed(stack, file), plan.accountId(), scans))
                    .allSatisfy(verdict -> assertThat(verdict.allowed()).as("%s/%s: %s", stack, file, verdict.request())
                            .isFalse());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_docs_say_who_attaches_it_and_that_no_ci_role_gets_it(String stack) throws IOException {
        String operations = Files.readString(Path.of("docs", "operations.md")).replaceAll("\\s+", " ");

        assertThat(operations).contains("deploy/iam/<env>/" + DeployPolicies.ITEM_CHECK)
                .contains("Never attach it to the CI roles");
        assertThat(DeployPolicies.IAM.resolve(stack).resolve(DeployPolicies.ITEM_CHECK)).exists();
    }
}
