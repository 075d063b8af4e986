package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.bbws.dynamodb.settings.StackConfigFile;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The program, run under Pulumi's mock engine with each stack's real {@code Pulumi.<stack>.yaml},
 * registers exactly the brief's tables. Expectations are the brief's facts, written out here.
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
    void registers_three_tables_their_backup_and_their_ssm_parameters_and_nothing_else(String stack) {
        runStack(stack);

        // registration is asynchronous and its order is no part of what the program promises (prod's tables were
        // once seen registered out of declaration order): any order
        assertThat(engine.tables()).extracting(args -> args.name).containsExactlyInAnyOrder("tenants", "products", "campaigns");
        assertThat(engine.registered()).extracting(args -> args.type + " " + args.name).containsExactlyInAnyOrder(
                "aws:dynamodb/table:Table tenants",
                "aws:dynamodb/table:Table products",
                "aws:dynamodb/table:Table campaigns",
                "aws:backup/vault:Vault backup-vault",
                "aws:backup/plan:Plan backup-plan",
                "aws:iam/role:Role backup-role",
                "aws:iam/rolePolicyAttachment:RolePolicyAttachment backup-role-policy",
                "aws:backup/selection:Selection backup-selection",
                "aws:ssm/parameter:Parameter tenants-name-parameter",
                "aws:ssm/parameter:Parameter tenants-arn-parameter",
                "aws:ssm/parameter:Parameter tenants-stream-arn-parameter",
                "aws:ssm/parameter:Parameter products-name-parameter",
                "aws:ssm/parameter:Parameter products-arn-parameter",
                "aws:ssm/parameter:Parameter campaigns-name-parameter",
                "aws:ssm/parameter:Parameter campaigns-arn-parameter",
                "aws:ssm/parameter:Parameter campaigns-stream-arn-parameter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void physical_names_are_fixed_and_only_products_carries_the_environment(String stack) {
        runStack(stack);

        assertThat(engine.registered("tenants").inputs).containsEntry("name", "tenants");
        assertThat(engine.registered("products").inputs).containsEntry("name", "products-" + stack);
        assertThat(engine.registered("campaigns").inputs).containsEntry("name", "campaigns");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_table_is_on_demand_with_PK_SK_string_keys_PITR_and_AWS_managed_encryption(String stack) {
        runStack(stack);

        for (var table : engine.tables()) {
            assertThat(table.inputs)
                    .containsEntry("billingMode", "PAY_PER_REQUEST")
                    .containsEntry("hashKey", "PK")
                    .containsEntry("rangeKey", "SK")
                    .containsEntry("pointInTimeRecovery", Map.of("enabled", true))
                    .containsEntry("serverSideEncryption", Map.of("enabled", true))
                    .doesNotContainKeys("readCapacity", "writeCapacity");
        }
    }

    @Test
    void tenants_has_the_three_brief_indexes_and_exactly_their_attributes() {
        runStack("sit");

        Map<String, Object> tenants = engine.registered("tenants").inputs;
        assertThat(tenants.get("attributes")).isEqualTo(List.of(
                attribute("PK", "S"), attribute("SK", "S"), attribute("email", "S"),
                attribute("status", "S"), attribute("active", "N")));
        assertThat(tenants.get("globalSecondaryIndexes")).isEqualTo(List.of(
                Map.of("name", "EmailIndex", "hashKey", "email", "projectionType", "ALL"),
                Map.of("name", "TenantStatusIndex", "hashKey", "status", "rangeKey", "SK", "projectionType", "ALL"),
                Map.of("name", "ActiveIndex", "hashKey", "active", "rangeKey", "SK", "projectionType", "ALL")));
    }

    @Test
    void products_has_one_index_on_active_as_a_number() {
        runStack("sit");

        Map<String, Object> products = engine.registered("products").inputs;
        assertThat(products.get("attributes")).isEqualTo(List.of(
                attribute("PK", "S"), attribute("SK", "S"), attribute("active", "N")));
        assertThat(products.get("globalSecondaryIndexes")).isEqualTo(List.of(
                Map.of("name", "ActiveProductsIndex", "hashKey", "active", "rangeKey", "SK", "projectionType", "ALL")));
    }

    @Test
    void campaigns_has_the_three_brief_indexes_and_exactly_their_attributes() {
        runStack("sit");

        Map<String, Object> campaigns = engine.registered("campaigns").inputs;
        assertThat(campaigns.get("attributes")).isEqualTo(List.of(
                attribute("PK", "S"), attribute("SK", "S"), attribute("campaignId", "S"),
                attribute("active", "N"), attribute("productId", "S")));
        assertThat(campaigns.get("globalSecondaryIndexes")).isEqualTo(List.of(
                Map.of("name", "CampaignActiveIndex", "hashKey", "campaignId", "rangeKey", "active",
                        "projectionType", "ALL"),
                Map.of("name", "CampaignProductIndex", "hashKey", "productId", "rangeKey", "SK",
                        "projectionType", "ALL"),
                Map.of("name", "ActiveIndex", "hashKey", "active", "rangeKey", "SK", "projectionType", "ALL")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void tenants_and_campaigns_stream_new_and_old_images_and_products_has_no_stream(String stack) {
        runStack(stack);

        assertThat(engine.registered("tenants").inputs)
                .containsEntry("streamEnabled", true).containsEntry("streamViewType", "NEW_AND_OLD_IMAGES");
        assertThat(engine.registered("campaigns").inputs)
                .containsEntry("streamEnabled", true).containsEntry("streamViewType", "NEW_AND_OLD_IMAGES");
        assertThat(engine.registered("products").inputs)
                .containsEntry("streamEnabled", false).doesNotContainKey("streamViewType");
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

        for (String table : List.of("tenants", "products", "campaigns")) {
            assertThat(engine.registered(table).inputs).containsEntry("deletionProtectionEnabled", true);
            assertThat(engine.request(table).getProtect()).as("protect on %s", table).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit"})
    void dev_and_sit_tables_are_neither_deletion_protected_nor_pulumi_protected(String stack) {
        runStack(stack);

        for (String table : List.of("tenants", "products", "campaigns")) {
            assertThat(engine.registered(table).inputs).containsEntry("deletionProtectionEnabled", false);
            assertThat(engine.request(table).getProtect()).as("protect on %s", table).isFalse();
        }
    }

    @Test
    void exports_each_tables_name_arn_and_stream_arn_and_one_structured_output() {
        TestResult result = runStack("sit");

        String arn = "arn:aws:dynamodb:test-region:000000000000:table/";
        Map<String, Object> outputs = new java.util.TreeMap<>();
        result.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
        assertThat(outputs).containsOnly(
                entry("tenantsTableName", "tenants"),
                entry("tenantsTableArn", arn + "tenants"),
                entry("tenantsStreamArn", arn + "tenants/stream/label"),
                entry("productsTableName", "products-sit"),
                entry("productsTableArn", arn + "products-sit"),
                entry("campaignsTableName", "campaigns"),
                entry("campaignsTableArn", arn + "campaigns"),
                entry("campaignsStreamArn", arn + "campaigns/stream/label"),
                entry("tables", Map.of(
                        "tenants", Map.of("name", "tenants", "arn", arn + "tenants",
                                "streamArn", arn + "tenants/stream/label"),
                        "products", Map.of("name", "products-sit", "arn", arn + "products-sit"),
                        "campaigns", Map.of("name", "campaigns", "arn", arn + "campaigns",
                                "streamArn", arn + "campaigns/stream/label"))));
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
    void dev_adopts_the_three_terraform_tables_by_their_physical_names() {
        runStack("dev");

        assertThat(engine.request("tenants").getImportId()).isEqualTo("tenants");
        assertThat(engine.request("products").getImportId()).isEqualTo("products-dev");
        assertThat(engine.request("campaigns").getImportId()).isEqualTo("campaigns");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sit", "prod"})
    void sit_and_prod_create_their_tables(String stack) {
        runStack(stack);

        for (String table : List.of("tenants", "products", "campaigns")) {
            assertThat(engine.request(table).getImportId()).as("import id of %s", table).isEmpty();
        }
    }

    @Test
    void with_adoption_off_dev_creates_its_tables() {
        var config = new java.util.HashMap<>(StackConfigFile.load(Path.of("."), "dev"));
        config.remove("bbws-dynamodb:adoptTables");

        engine.run("dev", config, App::stack).throwOnError();

        for (String table : List.of("tenants", "products", "campaigns")) {
            assertThat(engine.request(table).getImportId()).as("import id of %s", table).isEmpty();
        }
    }

    @Test
    void adoption_applies_exactly_to_the_configured_tables() {
        var config = new java.util.HashMap<>(StackConfigFile.load(Path.of("."), "sit"));
        config.put("bbws-dynamodb:adoptTables", "[\"products\"]");

        engine.run("sit", config, App::stack).throwOnError();

        assertThat(engine.request("products").getImportId()).isEqualTo("products-sit");
        assertThat(engine.request("tenants").getImportId()).isEmpty();
        assertThat(engine.request("campaigns").getImportId()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringMap(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> attribute(String name, String type) {
        return Map.of("name", name, "type", type);
    }
}
