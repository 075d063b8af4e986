package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.delivery.Stacks;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlannedResource;
import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.settings.StackSettingsReader;
import com.bbws.dynamodb.validate.Check.Outcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every resource the offline plan of a stack declares has a line in `validate`'s report, named by its
 * physical name: checked against AWS (here WireMock answering as AWS does, the stack deployed as declared:
 * every line passes), or said to be not checkable at an endpoint that serves DynamoDB only. The stacks are
 * the real ones and prod with every optional feature on; the resources are the plan's, so a type the program
 * starts to declare without a check fails here.
 */
class EveryResourceValidatedTest {

    static Stream<String> stacks() {
        return Stream.concat(Stacks.REAL.stream(), Stacks.EVERY_FEATURE.stream());
    }

    static StackSettings settings(String stack) {
        return StackSettingsReader.read(Stacks.stackOf(stack), ConfigSource.of(Stacks.config(stack)));
    }

    /**
     * The report line that names a planned resource: its physical name and the check a resource of its type
     * gets. A type without a rule here has no check in `validate`.
     */
    static boolean names(Check check, PlannedResource resource) {
        Map<String, Object> inputs = resource.inputs();
        return switch (resource.type()) {
            case "aws:dynamodb/table:Table" -> check.table().equals(inputs.get("name")) && check.name().equals("exists");
            case "aws:ssm/parameter:Parameter" -> check.name().equals("ssm " + inputs.get("name"));
            case "aws:kms/key:Key" -> check.table().equals(tag(inputs, "Name")) && check.name().equals("kms key");
            case "aws:cloudwatch/metricAlarm:MetricAlarm" -> check.table().equals(inputs.get("name"))
                    && check.name().equals("alarm");
            case "aws:backup/vault:Vault" -> check.table().equals(inputs.get("name"))
                    && check.name().equals("backup vault");
            case "aws:backup/plan:Plan" -> check.table().equals(inputs.get("name")) && check.name().equals("backup plan");
            case "aws:backup/selection:Selection" -> check.table().equals(inputs.get("name"))
                    && check.name().equals("backup selection");
            case "aws:iam/role:Role" -> check.table().equals(inputs.get("name")) && check.name().equals("role trust");
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment" -> check.table().equals(inputs.get("role"))
                    && check.name().equals("attached policy");
            default -> false;
        };
    }

    private static Object tag(Map<String, Object> inputs, String key) {
        return inputs.get("tags") instanceof Map<?, ?> tags ? tags.get(key) : null;
    }

    /** Each table's replicas are part of the table resource: each replica region gets its own lines. */
    private static List<String> replicaLines(PlannedResource resource) {
        if (!(resource.inputs().get("replicas") instanceof List<?> replicas)) {
            return List.of();
        }
        return replicas.stream().map(replica -> (String) ((Map<?, ?>) replica).get("regionName"))
                .flatMap(region -> Stream.of(resource.inputs().get("name") + " replica " + region
                        + " point-in-time recovery", resource.inputs().get("name") + " replica " + region + " encryption"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void against_aws_every_planned_resource_is_checked_and_as_deployed_every_check_passes(String stack)
            throws Exception {
        Plan plan = Stacks.plan(stack);
        StackSettings settings = settings(stack);
        ValidationReport report;
        try (var wire = new AwsWire(); var services = wire.services()) {
            new DeployedStack(wire, settings).deployed();
            report = AwsValidation.run(services, BbwsTables.CATALOGUE, settings);
        }

        assertThat(report.checks()).as(report.text()).allMatch(check -> check.outcome() == Outcome.PASS);
        assertEveryResourceNamed(plan, report);
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void at_an_endpoint_every_resource_but_the_tables_is_said_to_be_not_checkable(String stack) {
        Plan plan = Stacks.plan(stack);
        StackSettings settings = settings(stack);

        List<Check> checks = AwsValidation.notCheckableAtAnEndpoint(BbwsTables.CATALOGUE, settings);

        assertThat(checks).allSatisfy(check -> {
            assertThat(check.outcome()).isEqualTo(Outcome.NOT_CHECKABLE);
            assertThat(check.detail()).startsWith("not checkable here: an endpoint ").endsWith("; checked against AWS only");
        });
        for (PlannedResource resource : plan.resources()) {
            if (!resource.type().equals("aws:dynamodb/table:Table")) {
                assertThat(checks).as("%s '%s' of %s", resource.type(), resource.name(), stack)
                        .anyMatch(check -> names(check, resource));
            }
            assertThat(checks.stream().map(check -> check.table() + " " + check.name()).toList())
                    .containsAll(replicaLines(resource));
        }
    }

    private static void assertEveryResourceNamed(Plan plan, ValidationReport report) {
        assertThat(plan.resources()).isNotEmpty();
        for (PlannedResource resource : plan.resources()) {
            assertThat(report.checks()).as("a line for %s '%s' of stack %s in%n%s", resource.type(), resource.name(),
                    plan.stack(), report.text()).anyMatch(check -> names(check, resource));
            assertThat(report.checks().stream().map(check -> check.table() + " " + check.name()).toList())
                    .containsAll(replicaLines(resource));
            assertThat(report.json()).contains(resource.type().equals("aws:ssm/parameter:Parameter")
                    ? "\"ssm " + resource.inputs().get("name") + "\"" : "\"table\": \"");
        }
    }
}
