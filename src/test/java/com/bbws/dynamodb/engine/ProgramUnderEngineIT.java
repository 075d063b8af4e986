package com.bbws.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.startup.JarProcess;
import com.google.protobuf.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pulumirpc.Resource.RegisterResourceRequest;

/**
 * The packaged jar under a gRPC engine, launched as {@code pulumi preview} launches it, with each
 * stack's config as the engine passes it (PULUMI_CONFIG): what reaches the engine.
 */
class ProgramUnderEngineIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"dev, eu-west-1, 536580886816", "sit, eu-west-1, 815856636111", "prod, af-south-1, 093646564004"})
    void each_stack_registers_its_three_tables_with_their_names_and_keys(String stack, String region, String account)
            throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", stack, region, account)) {
            var launch = LanguageHost.preview(Path.of(System.getProperty("java.home")), engine, "bbws-dynamodb", stack);

            JarProcess.Finished run = JarProcess.run(launch, Duration.ofSeconds(90));

            assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
            assertThat(engine.errors()).isEmpty();
            assertThat(engine.registrations()).first().extracting(RegisterResourceRequest::getType)
                    .isEqualTo(EngineDouble.STACK_TYPE);
            List<RegisterResourceRequest> tables = engine.registrations(EngineDouble.TABLE_TYPE);
            assertThat(tables).extracting(table -> text(table, "name"))
                    .containsExactlyInAnyOrder("tenants", "products-" + stack, "campaigns");
            assertThat(tables).allSatisfy(table -> {
                assertThat(text(table, "hashKey")).isEqualTo("PK");
                assertThat(text(table, "rangeKey")).isEqualTo("SK");
                assertThat(text(table, "billingMode")).isEqualTo("PAY_PER_REQUEST");
                assertThat(table.getParent())
                        .isEqualTo("urn:pulumi:" + stack + "::bbws-dynamodb::pulumi:pulumi:Stack::bbws-dynamodb-" + stack);
                assertThat(table.getProtect()).as("protect").isEqualTo("prod".equals(stack));
                assertThat(table.getImportId()).as("adopted").isEqualTo("dev".equals(stack) ? text(table, "name") : "");
            });
            Map<String, Value> outputs = engine.stackOutputs().orElseThrow().getFieldsMap();
            assertThat(outputs.get("productsTableName").getStringValue()).isEqualTo("products-" + stack);
            assertThat(outputs.get("tenantsTableArn").getStringValue())
                    .isEqualTo("arn:aws:dynamodb:" + region + ":" + account + ":table/tenants");
        }
    }

    private static String text(RegisterResourceRequest request, String input) {
        return request.getObject().getFieldsOrThrow(input).getStringValue();
    }
}
