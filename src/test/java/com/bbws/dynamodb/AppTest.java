package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The program, run under Pulumi's mock engine with each stack's real {@code Pulumi.<stack>.yaml},
 * registers exactly the catalogue's tables, as each definition and the stack's settings say (the brief's
 * facts themselves are pinned in BbwsTablesTest and contract/<stack>.json).
 */
class AppTest {

    private final ProgramHarness engine = new ProgramHarness();

    @AfterEach
    void cleanup() {
        ProgramHarness.cleanup();
    }

    private TestResult runStack(String stack) {
        TestResult result = engine.run(stack, StackConfigFile.load(Path.of("."), stack), App::stack);
        assertThat(result.exceptions()).isEmpty();
        return result.throwOnError();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void registers_the_catalogues_tables_their_backup_and_their_ssm_parameters_and_nothing_else(String stack) {
        runStack(stack);

        var expected = new ArrayList<String>();
        for (TableDefinition table : Expected.tables()) {
            expected.add("aws:dynamodb/table:Table " + table.id());
            expected.add("aws:ssm/parameter:Parameter " + table.id() + "-name-parameter");
            expected.add("aws:ssm/parameter:Parameter " + table.id() + "-arn-parameter");
            if (table.stream().isEnabled()) {
                expected.add("aws:ssm/parameter:Parameter " + table.id() + "-stream-arn-parameter");
            }
        }
        expected.addAll(List.of(
                "aws:backup/vault:Vault backup-vault",
                "aws:backup/plan:Plan backup-plan",
                "aws:iam/role:Role backup-role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment backup-role-policy",
                "aws:backup/selection:Selection backup-selection"));
        // registration is asynchronous and its order is no part of what the program promises: any order
        assertThat(engine.tables()).extracting(args -> args.name).containsExactlyInAnyOrderElementsOf(Expected.ids());
        assertThat(engine.registered()).extracting(args -> args.type + " " + args.name)
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void each_table_is_registered_under_its_id_with_its_fixed_physical_name(String stack) {
        runStack(stack);

        for (TableDefinition table : Expected.tables()) {
            assertThat(engine.registered(table.id()).inputs)
                    .containsEntry("name", table.physicalName(Expected.environment(stack)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_table_is_on_demand_with_its_keys_PITR_and_AWS_managed_encryption(String stack) {
        runStack(stack);

        for (TableDefinition table : Expected.tables()) {
            Map<String, Object> inputs = engine.registered(table.id()).inputs;
            assertThat(inputs)
                    .containsEntry("billingMode", "PAY_PER_REQUEST")
                    .containsEntry("hashKey", table.keys().partitionKey().name())
                    .containsEntry("pointInTimeRecovery", Map.of("enabled", true))
                    .containsEntry("serverSideEncryption", Map.of("enabled", true))
                    .doesNotContainKeys("readCapacity", "writeCapacity");
            table.keys().sortKeyIfAny().ifPresentOrElse(
                    sort -> assertThat(inputs).containsEntry("rangeKey", sort.name()),
                    () -> assertThat(inputs).doesNotContainKey("rangeKey"));
        }
    }

    @Test
    void every_table_has_its_indexes_projecting_all_and_exactly_their_key_attributes() {
        runStack("sit");

        for (TableDefinition table : Expected.tables()) {
            Map<String, Object> inputs = engine.registered(table.id()).inputs;
            assertThat(inputs.get("attributes")).as("attributes of %s", table.id()).isEqualTo(
                    table.attributeDefinitions().stream().map(a -> attribute(a.name(), a.type().name())).toList());
            assertThat(inputs.getOrDefault("globalSecondaryIndexes", List.of())).as("indexes of %s", table.id())
                    .isEqualTo(table.indexes().stream().map(AppTest::index).toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void each_table_streams_as_its_definition_says(String stack) {
        runStack(stack);

        for (TableDefinition table : Expected.tables()) {
            Map<String, Object> inputs = engine.registered(table.id()).inputs;
            table.stream().viewType().ifPresentOrElse(
                    view -> assertThat(inputs).containsEntry("streamEnabled", true)
                            .containsEntry("streamViewType", view.name()),
                    () -> assertThat(inputs).containsEntry("streamEnabled", false).doesNotContainKey("streamViewType"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_table_carries_the_full_tag_set(String stack) {
        runStack(stack);

        for (var table : engine.tables()) {
            assertThat(table.inputs.get("tags")).isEqualTo(Map.of(
                    "Project", "bbws",
                    "Environment", stack,
                    "ManagedBy", "Pulumi",
                    "Component", "DynamoDB",
                    "Application", "BBWS",
                    "Name", table.inputs.get("name"),
                    "Owner", "Platform Team",
                    "CostCenter", "Engineering"));
        }
    }

    @Test
    void prod_tables_have_deletion_protection_and_pulumi_protect() {
        runStack("prod");

        for (String table : Expected.ids()) {
            assertThat(engine.registered(table).inputs).containsEntry("deletionProtectionEnabled", true);
            assertThat(engine.request(table).getProtect()).as("protect on %s", table).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit"})
    void dev_and_sit_tables_are_neither_deletion_protected_nor_pulumi_protected(String stack) {
        runStack(stack);

        for (String table : Expected.ids()) {
            assertThat(engine.registered(table).inputs).containsEntry("deletionProtectionEnabled", false);
            assertThat(engine.request(table).getProtect()).as("protect on %s", table).isFalse();
        }
    }

    @Test
    void exports_each_tables_name_arn_and_stream_arn_and_one_structured_output() {
        TestResult result = runStack("sit");

        String arn = "arn:aws:dynamodb:test-region:000000000000:table/";
        var expected = new java.util.TreeMap<String, Object>();
        var tables = new java.util.TreeMap<String, Object>();
        for (TableDefinition table : Expected.tables()) {
            String name = table.physicalName(Environment.SIT);
            var outputs = new java.util.TreeMap<String, Object>(Map.of("name", name, "arn", arn + name));
            expected.put(table.id() + "TableName", name);
            expected.put(table.id() + "TableArn", arn + name);
            if (table.stream().isEnabled()) {
                expected.put(table.id() + "StreamArn", arn + name + "/stream/label");
                outputs.put("streamArn", arn + name + "/stream/label");
            }
            tables.put(table.id(), outputs);
        }
        expected.put("tables", tables);
        Map<String, Object> outputs = new java.util.TreeMap<>();
        result.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
        assertThat(outputs).isEqualTo(expected);
    }

    @Test
    void with_a_customer_managed_key_and_extra_tags_every_table_uses_them() {
        var config = new java.util.HashMap<>(StackConfigFile.load(Path.of("."), "sit"));
        String key = "arn:aws:kms:eu-west-1:815856636111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        config.put("bbws-dynamodb:kmsKeyArn", key);
        config.put("bbws-dynamodb:tags", "{\"Owner\":\"Data Team\",\"Tier\":\"gold\"}");

        engine.run("sit", config, App::stack).throwOnError();

        for (var table : engine.tables()) {
            assertThat(table.inputs).containsEntry("serverSideEncryption", Map.of("enabled", true, "kmsKeyArn", key));
            assertThat(stringMap(table.inputs.get("tags")))
                    .containsEntry("Owner", "Data Team").containsEntry("Tier", "gold")
                    .containsEntry("Environment", "sit").hasSize(9);
        }
    }

    @Test
    void dev_adopts_the_tables_its_stack_file_lists_by_their_physical_names() {
        StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");
        assertThat(dev.adoptedTables()).isNotEmpty();

        runStack("dev");

        for (TableDefinition table : Expected.tables()) {
            assertThat(engine.request(table.id()).getImportId()).as("import id of %s", table.id())
                    .isEqualTo(dev.adopts(table) ? table.physicalName(Environment.DEV) : "");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sit", "prod"})
    void sit_and_prod_create_their_tables(String stack) {
        runStack(stack);

        for (String table : Expected.ids()) {
            assertThat(engine.request(table).getImportId()).as("import id of %s", table).isEmpty();
        }
    }

    @Test
    void with_adoption_off_dev_creates_its_tables() {
        var config = new java.util.HashMap<>(StackConfigFile.load(Path.of("."), "dev"));
        config.remove("bbws-dynamodb:adoptTables");

        engine.run("dev", config, App::stack).throwOnError();

        for (String table : Expected.ids()) {
            assertThat(engine.request(table).getImportId()).as("import id of %s", table).isEmpty();
        }
    }

    @Test
    void adoption_applies_exactly_to_the_configured_tables() {
        var config = new java.util.HashMap<>(StackConfigFile.load(Path.of("."), "sit"));
        TableDefinition adopted = Expected.first();
        config.put("bbws-dynamodb:adoptTables", "[\"" + adopted.id() + "\"]");

        engine.run("sit", config, App::stack).throwOnError();

        for (TableDefinition table : Expected.tables()) {
            assertThat(engine.request(table.id()).getImportId()).as("import id of %s", table.id())
                    .isEqualTo(table == adopted ? adopted.physicalName(Environment.SIT) : "");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> attribute(String name, String type) {
        return Map.of("name", name, "type", type);
    }

    /** An index as the program registers it: every index projects ALL (the brief). */
    private static Map<String, Object> index(GlobalSecondaryIndex index) {
        var registered = new java.util.HashMap<String, Object>(Map.of("name", index.name(),
                "hashKey", index.keys().partitionKey().name(), "projectionType", "ALL"));
        index.keys().sortKeyIfAny().ifPresent(sort -> registered.put("rangeKey", sort.name()));
        return registered;
    }
}
