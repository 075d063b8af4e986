package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.delivery.IamSimulator.Request;
import com.bbws.dynamodb.delivery.RequiredPermissions.Requirement;
import com.bbws.dynamodb.plan.Plan;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The read-only preview role of each environment, proven by the IAM evaluator: what `pulumi preview`,
 * refresh and `validate` read is Allowed; no create, update or delete and no state write is.
 */
class PreviewRoleTest {

    private static final RequiredPermissions DATA = RequiredPermissions.load();

    static Stream<String> everyFeature() {
        return Stacks.EVERY_FEATURE.stream();
    }

    private static JsonObject committed(String stack) {
        return RequiredPermissions.read(DeployPolicies.IAM.resolve(stack).resolve("preview-permissions.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_preview_role_allows_every_read_and_no_create_update_delete_or_state_write(String stack) {
        Plan plan = Stacks.plan(stack);

        assertThat(PolicyChecks.previewProblems(committed(stack), plan.accountId(), DATA.of(plan))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyFeature")
    void with_every_optional_feature_on_the_generated_preview_policy_still_only_reads(String stack) {
        Plan plan = Stacks.plan(stack);
        List<Requirement> requirements = DATA.of(plan);

        JsonObject policy = DeployPolicies.previewPermissions(requirements);

        assertThat(PolicyChecks.previewProblems(policy, plan.accountId(), requirements)).isEmpty();
    }

    @Test
    void granting_the_preview_role_update_table_fails_naming_the_action_and_the_table() {
        Plan sit = Stacks.plan("sit");
        JsonObject policy = committed("sit");
        DeployRoleTest.actions(DeployRoleTest.statement(policy, "Tables")).add("dynamodb:UpdateTable");

        List<String> problems = PolicyChecks.previewProblems(policy, sit.accountId(), DATA.of(sit));

        TableDefinition first = Expected.first();
        assertThat(problems).hasSize(Expected.tables().size()).first().isEqualTo("dynamodb:UpdateTable on"
                + " arn:aws:dynamodb:eu-west-1:815856636111:table/" + first.physicalName(Environment.SIT) + ": Allowed,"
                + " but the preview role must not create, update or delete (update aws:dynamodb/table:Table '"
                + first.id() + "'; internal/service/dynamodb/table.go:"
                + " resourceTableUpdate (UpdateTable for GSIs, deletion protection, stream and SSE, waitTableActive,"
                + " updateTags, updatePITR))");
    }

    @Test
    void removing_a_read_the_preview_needs_fails_naming_the_action_and_the_resource() {
        Plan prod = Stacks.plan("prod");
        JsonObject policy = committed("prod");
        DeployRoleTest.removeAction(policy, "TableReplicas", "dynamodb:DescribeContinuousBackups");

        // every replicated table (those with a stream), in its replica Region
        assertThat(PolicyChecks.previewProblems(policy, prod.accountId(), DATA.of(prod))).containsExactlyElementsOf(
                Expected.withStream().stream().map(table -> "dynamodb:DescribeContinuousBackups on"
                        + " arn:aws:dynamodb:eu-west-1:093646564004:table/" + table.physicalName(Environment.PROD) + ":"
                        + " ImplicitlyDenied, must be Allowed (read aws:dynamodb/table:Table '" + table.id() + "';"
                        + " internal/service/dynamodb/table.go: resourceTableRead -> addReplicaPITRs/replicaPITR (fatal if"
                        + " denied), enrichReplicas (findTableByName in the replica Region: the replica stream ARN outputs);"
                        + " src/main/java/com/bbws/dynamodb/validate/TableValidator.java: replica (DescribeTable,"
                        + " DescribeContinuousBackups in the replica Region))")
                        .toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_preview_role_reads_its_stacks_state_and_can_write_none(String stack) {
        Plan plan = Stacks.plan(stack);
        String bucket = "arn:aws:s3:::bbws-pulumi-state-" + plan.accountId();
        String checkpoint = bucket + "/.pulumi/stacks/bbws-dynamodb/" + stack + ".json";

        var verdicts = IamSimulator.evaluate(committed(stack), plan.accountId(), List.of(
                new Request("s3:GetObject", checkpoint, Map.of()),
                new Request("s3:PutObject", checkpoint, Map.of()),
                new Request("s3:DeleteObject", checkpoint, Map.of()),
                new Request("s3:PutObject", bucket + "/.pulumi/locks/organization/bbws-dynamodb/" + stack + "/lock.json",
                        Map.of()),
                new Request("s3:PutObject", bucket + "/.pulumi/history/bbws-dynamodb/" + stack + "/h.json", Map.of()),
                new Request("s3:GetObject", bucket + "/.pulumi/stacks/bbws-dynamodb/other.json", Map.of())));

        assertThat(verdicts).extracting(IamSimulator.Verdict::allowed)
                .containsExactly(true, false, false, false, false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_preview_role_lists_only_its_own_stacks_checkpoint_names(String stack) {
        Plan plan = Stacks.plan(stack);
        String bucket = "arn:aws:s3:::bbws-pulumi-state-" + plan.accountId();
        String other = stack.equals("prod") ? "sit" : "prod";
        var requests = List.of(
                // pulumi's diy backend choosing between <stack>.json and <stack>.json.gz
                new Request("s3:ListBucket", bucket, Map.of("s3:prefix", ".pulumi/stacks/bbws-dynamodb/" + stack + ".json")),
                new Request("s3:ListBucket", bucket, Map.of("s3:prefix", ".pulumi/stacks/bbws-dynamodb/" + other + ".json")),
                new Request("s3:ListBucket", bucket, Map.of("s3:prefix", ".pulumi/stacks/bbws-dynamodb/")),
                new Request("s3:ListBucket", bucket, Map.of("s3:prefix", ".pulumi/")),
                new Request("s3:ListBucket", bucket, Map.of()));
        JsonObject preview = RequiredPermissions.read(DeployPolicies.IAM.resolve(stack).resolve("preview-permissions.json"));
        JsonObject deploy = RequiredPermissions.read(DeployPolicies.IAM.resolve(stack).resolve("deploy-permissions.json"));

        assertThat(IamSimulator.evaluate(preview, plan.accountId(), requests)).extracting(IamSimulator.Verdict::allowed)
                .containsExactly(true, false, false, false, false);
        // the deploy role lists locks and history too (pulumi up's Lock -> checkForLock)
        assertThat(IamSimulator.evaluate(deploy, plan.accountId(), requests)).extracting(IamSimulator.Verdict::allowed)
                .containsOnly(true);
    }
}
