package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.delivery.RequiredPermissions.Requirement;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlannedResource;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/permissions.json: an entry for every resource type any stack can declare, each entry sourced. */
class RequiredPermissionsTest {

    private static final RequiredPermissions DATA = RequiredPermissions.load();

    static Stream<String> stacks() {
        return Stream.concat(Stacks.REAL.stream(), Stacks.EVERY_FEATURE.stream());
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void every_resource_type_the_stack_declares_has_an_entry(String stack) {
        Plan plan = Stacks.plan(stack);

        assertThat(DATA.missingTypes(plan)).as("types of %s without an entry", stack).isEmpty();
        assertThat(DATA.of(plan)).isNotEmpty();
    }

    @Test
    void the_stacks_with_every_feature_declare_every_type_the_data_covers() {
        var declared = new java.util.TreeSet<String>();
        Stacks.EVERY_FEATURE.forEach(stack -> Stacks.plan(stack).resources().forEach(r -> declared.add(r.type())));

        // an entry no stack can declare would be untested; every type the program can declare is here
        assertThat(declared).containsExactlyInAnyOrderElementsOf(DATA.types());
        assertThat(declared).contains("aws:dynamodb/table:Table", "aws:backup/vault:Vault", "aws:backup/plan:Plan",
                "aws:backup/selection:Selection", "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:kms/key:Key", "aws:ssm/parameter:Parameter");
    }

    @Test
    void a_plan_that_declares_a_type_without_an_entry_fails_naming_the_stack_and_the_type() {
        Plan sit = Stacks.plan("sit");
        var resources = new ArrayList<>(sit.resources());
        resources.add(new PlannedResource("aws:sqs/queue:Queue", "dead-letters", Map.of("name", "dead-letters"),
                false, null));
        Plan withQueue = new Plan(sit.stack(), sit.region(), sit.accountId(), resources, sit.outputs(),
                sit.notCheckedOffline());

        assertThat(DATA.missingTypes(withQueue)).containsExactly(Map.entry("aws:sqs/queue:Queue", "dead-letters"));
        assertThatThrownBy(() -> DATA.of(withQueue)).hasMessage("Stack 'sit' declares aws:sqs/queue:Queue"
                + " ('dead-letters'), which " + Path.of("deploy", "permissions.json") + " has no entry for: add the AWS"
                + " actions the provider calls for it, with their source.");
    }

    @Test
    void every_entry_names_its_operation_statement_actions_and_a_source_file_and_function() {
        var entries = new ArrayList<JsonObject>();
        JsonObject data = DATA.data();
        data.getAsJsonArray("always").forEach(e -> entries.add(e.getAsJsonObject()));
        data.getAsJsonArray("state").forEach(e -> entries.add(e.getAsJsonObject()));
        data.getAsJsonObject("resourceTypes").entrySet().forEach(type -> type.getValue().getAsJsonObject()
                .getAsJsonArray("permissions").forEach(e -> entries.add(e.getAsJsonObject())));

        assertThat(entries).hasSizeGreaterThan(40).allSatisfy(entry -> {
            assertThat(entry.get("operation").getAsString()).isIn("create", "read", "update", "delete", "write");
            assertThat(entry.get("statement").getAsString()).matches("[A-Za-z]+");
            assertThat(entry.getAsJsonArray("actions")).isNotEmpty();
            for (JsonElement action : entry.getAsJsonArray("actions")) {
                assertThat(action.getAsString()).matches("[a-z0-9-]+:[A-Za-z]+");
            }
            // a file and a function in it: "internal/service/dynamodb/table.go: resourceTableCreate (...)"
            assertThat(entry.get("source").getAsString()).as("source of %s", entry)
                    .containsPattern("[\\w/.-]+\\.(go|java): \\w+");
        });
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void every_wildcard_a_stack_needs_is_justified_next_to_it(String stack) {
        for (Requirement requirement : DATA.of(Stacks.plan(stack))) {
            if (requirement.policyResource().contains("*")) {
                assertThat(requirement.why()).as("why %s needs %s", requirement.action(), requirement.policyResource())
                        .isNotBlank();
            }
        }
    }

    @Test
    void prod_replicas_need_the_replica_regions_actions_on_the_replica_arns() {
        List<Requirement> prod = DATA.of(Stacks.plan("prod"));

        String replicated = Expected.withStream().get(0).physicalName(Environment.PROD);
        String notReplicated = Expected.withoutStream().get(0).physicalName(Environment.PROD);
        assertThat(prod).filteredOn(r -> r.requestResource().equals("arn:aws:dynamodb:eu-west-1:093646564004:table/"
                        + replicated))
                .extracting(Requirement::action)
                .contains("dynamodb:CreateTableReplica", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTable",
                        "dynamodb:ListTagsOfResource", "dynamodb:TagResource", "dynamodb:UntagResource",
                        "dynamodb:DeleteTableReplica");
        assertThat(prod).filteredOn(r -> r.requestResource().endsWith(":table/" + notReplicated))
                .extracting(Requirement::requestResource).allMatch(arn -> arn.contains(":af-south-1:"));
    }

    @Test
    void ids_aws_assigns_become_a_wildcard_in_the_policy_and_a_sample_id_in_the_request() {
        List<Requirement> sit = DATA.of(Stacks.plan("sit"));

        assertThat(sit).filteredOn(r -> r.action().equals("backup:CreateBackupSelection")).singleElement()
                .satisfies(r -> {
                    assertThat(r.policyResource()).isEqualTo("arn:aws:backup:eu-west-1:815856636111:backup-plan:*");
                    assertThat(r.requestResource()).isEqualTo("arn:aws:backup:eu-west-1:815856636111:backup-plan:"
                            + RequiredPermissions.SAMPLE_ID);
                });
        assertThat(sit).filteredOn(r -> r.action().equals("iam:PassRole")).singleElement().satisfies(r -> {
            assertThat(r.policyResource()).isEqualTo("arn:aws:iam::815856636111:role/bbws-dynamodb-sit-backup");
            assertThat(r.context()).isEqualTo(Map.of("iam:PassedToService", "backup.amazonaws.com"));
        });
        assertThat(sit).extracting(Requirement::statement).doesNotContain("StackKey", "Alarms", "TableReplicas");
        assertThat(Set.copyOf(sit.stream().map(Requirement::operation).toList()))
                .containsExactlyInAnyOrder("create", "read", "update", "delete", "write");
    }
}
