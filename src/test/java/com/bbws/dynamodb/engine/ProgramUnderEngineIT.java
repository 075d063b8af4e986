package com.bbws.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.ProgramHarness;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlannedResource;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.startup.JarProcess;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pulumirpc.Resource.RegisterResourceRequest;

/**
 * The packaged jar under a gRPC engine, launched as {@code pulumi preview} launches it, with each
 * stack's config as the engine passes it (PULUMI_CONFIG): what reaches the engine, and that it is
 * what the same program registers under the mock engine of the offline plan. Each stack is previewed
 * once, and every test of the stack reads what that preview did.
 */
class ProgramUnderEngineIT {

    private static final String PROJECT = "bbws-dynamodb";

    /** A finished preview of a stack: the jar's run and the engine double it ran under (still open). */
    private record Preview(JarProcess.Finished run, EngineDouble engine) {
    }

    private static final Map<String, Preview> PREVIEWS = new HashMap<>();

    @AfterAll
    static void closeEngines() throws InterruptedException {
        for (Preview preview : PREVIEWS.values()) {
            preview.engine().close();
        }
    }

    @AfterEach
    void cleanUp() {
        ProgramHarness.cleanup();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dev, eu-west-1, 536580886816", "sit, eu-west-1, 815856636111", "prod, af-south-1, 093646564004"})
    void each_stack_registers_the_catalogues_tables_with_their_names_and_keys(String stack, String region,
            String account) throws Exception {
        Environment environment = Expected.environment(stack);
        StackSettings settings = StackConfigFile.settings(Path.of(""), stack);
        Preview preview = preview(stack, region, account);
        JarProcess.Finished run = preview.run();
        EngineDouble engine = preview.engine();

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(engine.errors()).isEmpty();
        assertThat(engine.registrations()).first().extracting(RegisterResourceRequest::getType)
                .isEqualTo(EngineDouble.STACK_TYPE);
        Map<String, RegisterResourceRequest> tables = engine.registrations(EngineDouble.TABLE_TYPE).stream()
                .collect(Collectors.toMap(RegisterResourceRequest::getName, Function.identity()));
        assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(Expected.ids());
        Map<String, Value> outputs = engine.stackOutputs().orElseThrow().getFieldsMap();
        for (TableDefinition definition : Expected.tables()) {
            RegisterResourceRequest table = tables.get(definition.id());
            String name = definition.physicalName(environment);
            assertThat(text(table, "name")).isEqualTo(name);
            assertThat(text(table, "hashKey")).isEqualTo(definition.keys().partitionKey().name());
            definition.keys().sortKeyIfAny().ifPresentOrElse(
                    sort -> assertThat(text(table, "rangeKey")).isEqualTo(sort.name()),
                    () -> assertThat(table.getObject().containsFields("rangeKey")).isFalse());
            assertThat(text(table, "billingMode")).isEqualTo("PAY_PER_REQUEST");
            assertThat(table.getParent())
                    .isEqualTo("urn:pulumi:" + stack + "::bbws-dynamodb::pulumi:pulumi:Stack::bbws-dynamodb-" + stack);
            assertThat(table.getProtect()).as("protect").isEqualTo("prod".equals(stack));
            assertThat(table.getImportId()).as("adopted").isEqualTo(settings.adopts(definition) ? name : "");
            assertThat(outputs.get(definition.id() + "TableName").getStringValue()).isEqualTo(name);
            assertThat(outputs.get(definition.id() + "TableArn").getStringValue())
                    .isEqualTo("arn:aws:dynamodb:" + region + ":" + account + ":table/" + name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dev, eu-west-1, 536580886816", "sit, eu-west-1, 815856636111", "prod, af-south-1, 093646564004"})
    void each_stack_registers_under_the_engine_what_it_registers_under_the_mock_engine(String stack, String region,
            String account) throws Exception {
        Path project = Path.of("");
        Plan plan = OfflinePlan.of(stack, StackConfigFile.read(project, stack), App::stack);
        var underMocks = new ProgramHarness();
        underMocks.run(stack, StackConfigFile.load(project, stack), App::stack);

        Preview preview = preview(stack, region, account);
        JarProcess.Finished run = preview.run();
        EngineDouble engine = preview.engine();

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(engine.errors()).isEmpty();
        Map<String, RegisterResourceRequest> registered = engine.registrations().stream()
                .filter(request -> !EngineDouble.STACK_TYPE.equals(request.getType()))
                .collect(Collectors.toMap(ProgramUnderEngineIT::key, Function.identity()));
        Map<String, PlannedResource> planned = plan.resources().stream()
                .collect(Collectors.toMap(resource -> resource.type() + "::" + resource.name(), Function.identity()));

        assertThat(registered.keySet()).as("the resources").containsExactlyInAnyOrderElementsOf(planned.keySet());
        assertThat(planned).hasSizeGreaterThan(Expected.tables().size()); // tables and the rest: backups, parameters
        planned.forEach((key, expected) -> {
            RegisterResourceRequest actual = registered.get(key);
            assertThat(wholeNumbers(javaValue(actual.getObject()))).as("inputs of %s", key)
                    .isEqualTo(wholeNumbers(expected.inputs()));
            assertThat(actual.getProtect()).as("protect of %s", key).isEqualTo(expected.protect());
            assertThat(actual.getImportId()).as("import id of %s", key)
                    .isEqualTo(expected.importId() == null ? "" : expected.importId());
            assertThat(actual.getParent()).as("parent of %s", key)
                    .isNotEmpty()
                    .isEqualTo(underMocks.request(expected.name()).getParent());
        });
    }

    /** PULUMI_CONFIG is what the program reads under the engine: the stack file's config, as the engine passes it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"dev", "sit", "prod"})
    void the_config_passed_is_the_stack_files_as_the_engine_builds_it(String stack) throws Exception {
        try (var engine = new EngineDouble(PROJECT, stack, "eu-west-1", "000000000000")) {
            String json = LanguageHost.environment(engine, PROJECT, stack).get("PULUMI_CONFIG");
            Map<String, String> config = new Gson().fromJson(json, new TypeToken<Map<String, String>>() { }.getType());

            assertThat(config).isEqualTo(StackConfigFile.load(Path.of(""), stack))
                    .containsKey("aws:region").containsKey("aws:allowedAccountIds");
        }
    }

    /** The preview of the stack under an engine double of its own, launched on the first test that needs it. */
    private static Preview preview(String stack, String region, String account) throws Exception {
        Preview preview = PREVIEWS.get(stack);
        if (preview == null) {
            var engine = new EngineDouble(PROJECT, stack, region, account);
            try {
                var launch = LanguageHost.preview(Path.of(System.getProperty("java.home")), engine, PROJECT, stack);
                preview = new Preview(JarProcess.run(launch, Duration.ofSeconds(90)), engine);
            } catch (Throwable failed) { // past its bound: this test fails, and the next one launches again
                engine.close();
                throw failed;
            }
            PREVIEWS.put(stack, preview);
        }
        return preview;
    }

    private static String key(RegisterResourceRequest request) {
        return request.getType() + "::" + request.getName();
    }

    private static String text(RegisterResourceRequest request, String input) {
        return request.getObject().getFieldsOrThrow(input).getStringValue();
    }

    /** A protobuf value as the mock engine hands inputs to its mocks: maps, lists, doubles, text, booleans. */
    private static Object javaValue(Struct struct) {
        var map = new LinkedHashMap<String, Object>();
        struct.getFieldsMap().forEach((name, value) -> map.put(name, javaValue(value)));
        return map;
    }

    private static Object javaValue(Value value) {
        return switch (value.getKindCase()) {
            case STRUCT_VALUE -> javaValue(value.getStructValue());
            case LIST_VALUE -> value.getListValue().getValuesList().stream().map(ProgramUnderEngineIT::javaValue).toList();
            case NUMBER_VALUE -> value.getNumberValue();
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case NULL_VALUE, KIND_NOT_SET -> null;
        };
    }

    /** Whole numbers as longs on both sides (the engine carries every number as a double). */
    private static Object wholeNumbers(Object value) {
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            return number.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, wholeNumbers(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ProgramUnderEngineIT::wholeNumbers).toList();
        }
        return value;
    }
}
