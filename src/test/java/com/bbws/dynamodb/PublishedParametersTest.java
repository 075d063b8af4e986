package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlanRenderer;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.pulumi.test.Mocks.ResourceArgs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part of the contract beyond Pulumi: each table's name, ARN and stream ARN (where it has a stream) as
 * SSM parameters {@code /bbws/<env>/dynamodb/<table>/<name|arn|stream-arn>}, String, tagged like the tables.
 */
class PublishedParametersTest {

    private static final String PARAMETER = "aws:ssm/parameter:Parameter";
    private static final String ARN = "arn:aws:dynamodb:test-region:000000000000:table/";

    private final ProgramHarness engine = new ProgramHarness();

    @AfterEach
    void cleanup() {
        ProgramHarness.cleanup();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_table_publishes_its_name_and_arn_and_tenants_and_campaigns_their_stream_arn(String stack) {
        engine.run(stack, StackConfigFile.load(Path.of("."), stack), App::stack).throwOnError();

        var values = new LinkedHashMap<String, Object>();
        engine.registeredOfType(PARAMETER).forEach(parameter -> values.put(
                String.valueOf(parameter.inputs.get("name")), parameter.inputs.get("value")));
        String path = "/bbws/" + stack + "/dynamodb/";
        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of(
                path + "tenants/name", "tenants",
                path + "tenants/arn", ARN + "tenants",
                path + "tenants/stream-arn", ARN + "tenants/stream/label",
                path + "products/name", "products-" + stack,
                path + "products/arn", ARN + "products-" + stack,
                path + "campaigns/name", "campaigns",
                path + "campaigns/arn", ARN + "campaigns",
                path + "campaigns/stream-arn", ARN + "campaigns/stream/label"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_parameter_is_a_plain_string_tagged_like_the_tables(String stack) {
        engine.run(stack, StackConfigFile.load(Path.of("."), stack), App::stack).throwOnError();
        Map<String, Object> tableTags = tags(engine.registered("tenants"));

        assertThat(engine.registeredOfType(PARAMETER)).hasSize(8).allSatisfy(parameter -> {
            assertThat(parameter.inputs).containsEntry("type", "String").doesNotContainKey("keyId");
            var expected = new LinkedHashMap<>(tableTags);
            expected.put("Name", parameter.inputs.get("name"));
            assertThat(tags(parameter)).isEqualTo(expected);
            assertThat(String.valueOf(parameter.inputs.get("description"))).startsWith("The ")
                    .contains("of the BBWS DynamoDB table");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_offline_plan_shows_the_parameters_with_their_predicted_values(String stack) {
        Plan plan = OfflinePlan.of(stack, StackConfigFile.read(Path.of("."), stack), App::stack);
        String account = plan.accountId();
        String region = plan.region();

        String text = PlanRenderer.text(plan);
        assertThat(text).contains("8 SSM parameters")
                .containsPattern("/bbws/" + stack + "/dynamodb/products/arn +arn:aws:dynamodb:" + region + ":" + account
                        + ":table/products-" + stack)
                .contains("/bbws/" + stack + "/dynamodb/tenants/stream-arn", "table/tenants/stream/<known after deploy>");
        assertThat(PlanRenderer.json(plan)).contains("\"type\": \"aws:ssm/parameter:Parameter\"")
                .contains("\"parameters\": 8")
                .contains("\"name\": \"/bbws/" + stack + "/dynamodb/campaigns/name\"");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tags(ResourceArgs resource) {
        return (Map<String, Object>) resource.inputs.get("tags");
    }
}
