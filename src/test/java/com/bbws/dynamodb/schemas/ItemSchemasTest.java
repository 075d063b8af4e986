package com.bbws.dynamodb.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Regenerate;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Format;
import com.bbws.dynamodb.catalogue.ItemAttribute;
import com.bbws.dynamodb.catalogue.ItemSchema;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The committed item schemas are the ones the catalogue generates, and a JSON Schema 2020-12 validator no
 * one here wrote (networknt, formats asserted) accepts the items they describe and refuses wrong ones.
 */
class ItemSchemasTest {

    private static final Path FOLDER = CommittedSchemas.FOLDER;
    private static final SchemaRegistry REGISTRY = CommittedSchemas.REGISTRY;

    private static final String TENANT_ID = "3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f";
    private static final String PRODUCT_ID = "9b1c2d3e-4f5a-4b6c-8d7e-6f5a4b3c2d1e";
    private static final String CAMPAIGN_ID = "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b";

    /** Conforming items as a document client writes them: N as a JSON number, L as an array. */
    private static final Map<String, String> CONFORMING = Map.of(
            "tenants", """
                    {"PK": "TENANT#%s", "SK": "METADATA", "id": "%s", "email": "owner@example.co.za",
                     "status": "VALIDATED", "organizationName": "Example (Pty) Ltd",
                     "destinationEmail": "orders@example.co.za", "active": 1,
                     "dateCreated": "2025-06-01T08:30:00Z", "dateLastUpdated": "2025-06-02T10:00:00+02:00",
                     "lastUpdatedBy": "admin@bbws.co.za"}""".formatted(TENANT_ID, TENANT_ID),
            "products", """
                    {"PK": "PRODUCT#%s", "SK": "METADATA", "id": "%s", "name": "Starter",
                     "description": "One site", "price": 199.99, "features": ["hosting", "email"],
                     "billingCycle": "monthly", "active": 0, "dateCreated": "2025-06-01T08:30:00Z",
                     "dateLastUpdated": "2025-06-01T08:30:00Z", "lastUpdatedBy": "admin@bbws.co.za"}"""
                    .formatted(PRODUCT_ID, PRODUCT_ID),
            "campaigns", """
                    {"PK": "CAMPAIGN#SUMMER2025", "SK": "METADATA", "id": "%s", "campaignId": "%s",
                     "code": "SUMMER2025", "description": "Summer sale", "discountPercentage": 20,
                     "productId": "%s", "termsConditionsLink": "https://bbws.co.za/terms/summer2025",
                     "fromDate": "2025-12-01", "toDate": "2026-01-31", "active": 1,
                     "dateCreated": "2025-06-01T08:30:00Z", "dateLastUpdated": "2025-06-01T08:30:00Z",
                     "lastUpdatedBy": "admin@bbws.co.za"}""".formatted(CAMPAIGN_ID, CAMPAIGN_ID, PRODUCT_ID));

    private static List<String> errors(String table, JsonObject item) {
        return CommittedSchemas.errors(table, item);
    }

    private static JsonObject item(String table, Consumer<JsonObject> change) {
        JsonObject item = JsonParser.parseString(CONFORMING.get(table)).getAsJsonObject();
        change.accept(item);
        return item;
    }

    private static Consumer<JsonObject> set(String attribute, JsonElement value) {
        return item -> item.add(attribute, value);
    }

    private static Consumer<JsonObject> set(String attribute, String value) {
        return set(attribute, new JsonPrimitive(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenants", "products", "campaigns"})
    void the_committed_schema_is_the_one_the_catalogue_generates(String table) throws IOException {
        String generated = ItemJsonSchema.of(BbwsTables.CATALOGUE).get(table + ".schema.json");
        Path file = FOLDER.resolve(table + ".schema.json");

        assertThat(Files.exists(file) ? Files.readString(file) : "(missing)")
                .as("%s is not what the catalogue generates; regenerate every generated file with %s", file,
                        Regenerate.COMMAND)
                .isEqualTo(generated);
    }

    @Test
    void schemas_holds_one_schema_per_table_and_nothing_else() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .as("regenerate every generated file with %s", Regenerate.COMMAND)
                    .containsExactlyInAnyOrderElementsOf(ItemJsonSchema.of(BbwsTables.CATALOGUE).keySet());
        }
    }

    @Test
    void a_key_pattern_becomes_a_regex_its_fixed_text_literal_a_uuid_placeholder_36_hex_characters_or_dashes() {
        ItemSchema items = ItemSchema.of(ItemAttribute.s("id").withFormat(Format.UUID), ItemAttribute.s("code"));

        assertThat(ItemJsonSchema.regex(items, "A.B#{id}#{code}")).isEqualTo("^A\\.B#[0-9a-fA-F-]{36}#.+$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenants", "products", "campaigns"})
    void each_schema_is_valid_json_schema_2020_12(String table) throws IOException {
        Schema metaSchema = REGISTRY.getSchema(SchemaLocation.of(ItemJsonSchema.DIALECT));

        assertThat(metaSchema.validate(Files.readString(FOLDER.resolve(table + ".schema.json")), InputFormat.JSON))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenants", "products", "campaigns"})
    void a_conforming_item_of_each_table_passes(String table) throws IOException {
        assertThat(errors(table, item(table, item -> { }))).isEmpty();
    }

    @Test
    void an_attribute_the_schema_does_not_list_is_allowed_a_new_optional_attribute_is_compatible() throws IOException {
        assertThat(errors("tenants", item("tenants", set("preferredLanguage", "af")))).isEmpty();
    }

    @Test
    void an_optional_attribute_may_be_missing() throws IOException {
        assertThat(errors("products", item("products", item -> item.remove("features")))).isEmpty();
    }

    @Test
    void a_missing_required_attribute_fails() throws IOException {
        assertThat(errors("tenants", item("tenants", item -> item.remove("email")))).containsExactly("required email");
    }

    @Test
    void campaigns_without_campaignId_fail_they_would_never_appear_in_CampaignActiveIndex() throws IOException {
        assertThat(errors("campaigns", item("campaigns", item -> item.remove("campaignId"))))
                .containsExactly("required campaignId");
    }

    @Test
    void active_as_a_boolean_fails_dynamodb_would_refuse_it_as_an_index_key() throws IOException {
        assertThat(errors("tenants", item("tenants", set("active", new JsonPrimitive(true)))))
                .containsExactly("type at /active", "enum at /active");
    }

    @Test
    void active_other_than_1_or_0_fails() throws IOException {
        assertThat(errors("products", item("products", set("active", new JsonPrimitive(2)))))
                .containsExactly("enum at /active");
    }

    @Test
    void a_status_outside_its_values_fails() throws IOException {
        assertThat(errors("tenants", item("tenants", set("status", "DELETED")))).containsExactly("enum at /status");
    }

    @Test
    void a_price_as_a_string_fails_a_document_client_writes_N_as_a_number() throws IOException {
        assertThat(errors("products", item("products", set("price", "199.99")))).containsExactly("type at /price");
    }

    @Test
    void features_that_are_not_strings_fail() throws IOException {
        assertThat(errors("products", item("products", set("features", JsonParser.parseString("[\"a\", 2]")))))
                .containsExactly("type at /features/1");
    }

    @Test
    void a_discount_above_100_percent_fails() throws IOException {
        assertThat(errors("campaigns", item("campaigns", set("discountPercentage", new JsonPrimitive(150)))))
                .containsExactly("maximum at /discountPercentage");
    }

    @Test
    void values_in_the_wrong_format_fail() throws IOException {
        assertThat(errors("tenants", item("tenants", set("email", "not an email"))))
                .containsExactly("format at /email");
        assertThat(errors("tenants", item("tenants", set("id", "42")))).containsExactly("format at /id");
        assertThat(errors("tenants", item("tenants", set("dateCreated", "01/06/2025"))))
                .containsExactly("format at /dateCreated");
        assertThat(errors("campaigns", item("campaigns", set("fromDate", "2025-06-01T00:00:00Z"))))
                .containsExactly("format at /fromDate");
        assertThat(errors("campaigns", item("campaigns", set("termsConditionsLink", "terms and conditions"))))
                .containsExactly("format at /termsConditionsLink");
    }

    @Test
    void keys_that_do_not_follow_their_pattern_fail() throws IOException {
        assertThat(errors("tenants", item("tenants", set("PK", "USER#" + TENANT_ID))))
                .containsExactly("pattern at /PK");
        assertThat(errors("tenants", item("tenants", set("PK", "TENANT#42")))).containsExactly("pattern at /PK");
        assertThat(errors("campaigns", item("campaigns", set("SK", "METADATA#2025"))))
                .containsExactly("pattern at /SK");
    }
}
