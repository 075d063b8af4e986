package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlanRenderer;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.pulumi.test.Mocks.ResourceArgs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Part of the contract beyond Pulumi: each table's name, ARN and stream ARN (where it has a stream) as
 * SSM parameters {@code /bbws/<env>/dynamodb/<table id>/<name|arn|stream-arn>}, String, tagged like the tables.
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
    void every_table_publishes_its_name_and_arn_and_where_it_has_a_stream_its_stream_arn(String stack) {
        engine.run(stack, StackConfigFile.load(Path.of("."), stack), App::stack).throwOnError();

        var values = new LinkedHashMap<String, Object>();
        engine.registeredOfType(PARAMETER).forEach(parameter -> values.put(
                String.valueOf(parameter.inputs.get("name")), parameter.inputs.get("value")));
        String path = "/bbws/" + stack + "/dynamodb/";
        var expected = new LinkedHashMap<String, Object>();
        for (TableDefinition table : Expected.tables()) {
            String name = table.physicalName(Expected.environment(stack));
            expected.put(path + table.id() + "/name", name);
            expected.put(path + table.id() + "/arn", ARN + name);
            if (table.stream().isEnabled()) {
                expected.put(path + table.id() + "/stream-arn", ARN + name + "/stream/label");
            }
        }
        assertThat(values).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_parameter_is_a_plain_string_tagged_like_the_tables(String stack) {
        engine.run(stack, StackConfigFile.load(Path.of("."), stack), App::stack).throwOnError();
        Map<String, Object> tableTags = tags(engine.registered(Expected.first().id()));

        int parameters = Expected.parameterNames(Expected.environment(stack)).size();
        assertThat(engine.registeredOfType(PARAMETER)).hasSize(parameters).allSatisfy(parameter -> {
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

        Environment environment = Expected.environment(stack);
        List<String> parameters = Expected.parameterNames(environment);
        TableDefinition streamed = Expected.withStream().get(0);
        String arn = "arn:aws:dynamodb:" + region + ":" + account + ":table/";

        String text = PlanRenderer.text(plan);
        assertThat(text).contains(parameters.size() + " SSM parameters");
        for (TableDefinition table : Expected.tables()) {
            assertThat(text).containsPattern(Pattern.quote("/bbws/" + stack + "/dynamodb/" + table.id() + "/arn") + " +"
                    + Pattern.quote(arn + table.physicalName(environment)) + "\n");
        }
        assertThat(text).containsPattern(Pattern.quote("/bbws/" + stack + "/dynamodb/" + streamed.id() + "/stream-arn")
                + " +" + Pattern.quote(arn + streamed.physicalName(environment) + "/stream/<known after deploy>"));
        String json = PlanRenderer.json(plan);
        assertThat(json).contains("\"type\": \"aws:ssm/parameter:Parameter\"")
                .contains("\"parameters\": " + parameters.size());
        parameters.forEach(parameter -> assertThat(json).contains("\"name\": \"" + parameter + "\""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> tags(ResourceArgs resource) {
        return (Map<String, Object>) resource.inputs.get("tags");
    }
}
