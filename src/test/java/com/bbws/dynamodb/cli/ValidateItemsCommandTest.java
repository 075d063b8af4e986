package com.bbws.dynamodb.cli;

import static com.bbws.dynamodb.validate.ConformingItems.PRODUCT_ID;
import static com.bbws.dynamodb.validate.ConformingItems.TENANT_ID;
import static com.bbws.dynamodb.validate.ConformingItems.campaign;
import static com.bbws.dynamodb.validate.ConformingItems.product;
import static com.bbws.dynamodb.validate.ConformingItems.s;
import static com.bbws.dynamodb.validate.ConformingItems.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** {@code validate --items}, as a person runs it, against the stack's tables on a real DynamoDB Local. */
class ValidateItemsCommandTest {

    private static final String TENANTS = BbwsTables.TENANTS.physicalName(Environment.DEV);
    private static final String PRODUCTS = BbwsTables.PRODUCTS.physicalName(Environment.DEV);
    private static final String CAMPAIGNS = BbwsTables.CAMPAIGNS.physicalName(Environment.DEV);
    /** Values no report may show: they stand for personal data in items that break their schema. */
    private static final List<String> CANARIES = List.of("canary-secret@example.com", "CANARY-VALUE",
            "Canary Holdings (Pty) Ltd");

    private final String endpoint = DynamoDbLocal.engine().endpoint().toString();

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    private CliRun items(String... more) {
        var args = new ArrayList<>(List.of("validate", "--stack", "dev", "--endpoint", endpoint, "--items"));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    private void createTables() {
        assertThat(cli("local", "--stack", "dev", "--endpoint", endpoint).exitCode()).isZero();
    }

    private static void put(String table, Map<String, AttributeValue> item) {
        DynamoDbLocal.client().putItem(b -> b.tableName(table).item(item));
    }

    /** UUIDs of the version-4 shape, one per number. */
    private static String uuid(int number) {
        return String.format("%08x-0000-4000-8000-%012d", number, number);
    }

    private static void putTenants(int count) {
        var writes = new ArrayList<WriteRequest>();
        for (int i = 0; i < count; i++) {
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(tenant(uuid(i))).build()).build());
            if (writes.size() == 25 || i == count - 1) {
                var batch = List.copyOf(writes);
                DynamoDbLocal.client().batchWriteItem(b -> b.requestItems(Map.of(TENANTS, batch)));
                writes.clear();
            }
        }
    }

    @AfterEach
    void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    @Test
    void every_item_conforming_exits_0_and_says_how_many_were_read_per_table() {
        createTables();
        put(TENANTS, tenant(TENANT_ID));
        put(PRODUCTS, product(PRODUCT_ID));
        put(CAMPAIGNS, campaign("SUMMER2025"));

        CliRun run = items();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(String.format("""
                %s: 1 item read (the whole table), all conform
                %s: 1 item read (the whole table), all conform
                %s: 1 item read (the whole table), all conform

                Stack 'dev' at %s: 3 items read in 3 tables (at most 100 each), 0 do not conform.
                """, TENANTS, PRODUCTS, CAMPAIGNS, endpoint));
    }

    /** One bad item per kind of rule, each with a value that stands for personal data. */
    private void putBadItems() {
        put(TENANTS, tenant(TENANT_ID));
        var badStatus = tenant(uuid(1));
        badStatus.put("status", s("DELETED"));
        badStatus.put("email", s("canary-secret@example.com"));
        put(TENANTS, badStatus);
        var noEmail = tenant(uuid(2));
        noEmail.remove("email");
        noEmail.put("organizationName", s("Canary Holdings (Pty) Ltd"));
        put(TENANTS, noEmail);
        var priceAsText = product(uuid(3));
        priceAsText.put("price", s("199.99"));
        priceAsText.put("description", s("CANARY-VALUE"));
        put(PRODUCTS, priceAsText);
        var featuresAsBoolean = product(uuid(4));
        featuresAsBoolean.put("features", AttributeValue.fromBool(true));
        put(PRODUCTS, featuresAsBoolean);
        put(CAMPAIGNS, campaign("SUMMER2025"));
    }

    @Test
    void non_conforming_items_exit_1_each_named_by_its_key_and_the_rule_it_breaks() {
        createTables();
        putBadItems();

        CliRun run = items();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out())
                .contains(TENANTS + ": 3 items read (the whole table), 2 do not conform")
                .containsPattern(item("PK=TENANT#" + uuid(1) + ", SK=METADATA",
                        "status: not one of UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED"))
                .containsPattern(item("PK=TENANT#" + uuid(2) + ", SK=METADATA", "email: required, missing"))
                .contains(PRODUCTS + ": 2 items read (the whole table), 2 do not conform")
                .containsPattern(item("PK=PRODUCT#" + uuid(3) + ", SK=METADATA",
                        "price: must be a number (N), is a string (S)"))
                .containsPattern(item("PK=PRODUCT#" + uuid(4) + ", SK=METADATA",
                        "features: must be a list (L), is a boolean (BOOL)"))
                .contains(CAMPAIGNS + ": 1 item read (the whole table), all conform")
                .doesNotContain("PK=TENANT#" + TENANT_ID)
                .endsWith(String.format("Stack 'dev' at %s: 6 items read in 3 tables (at most 100 each), 4 do not"
                        + " conform.%n", endpoint));
    }

    private static String item(String key, String rule) {
        return "  FAIL  " + Pattern.quote(key) + "\\R +" + Pattern.quote(rule) + "\\R";
    }

    @Test
    void json_names_each_item_by_its_key_and_each_problem_by_attribute_and_rule() {
        createTables();
        putBadItems();

        CliRun run = items("--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(report.get("exitCode").getAsInt()).isEqualTo(1);
        assertThat(report.getAsJsonObject("summary").toString()).isEqualTo("{\"itemsRead\":6,\"nonConforming\":4}");
        JsonObject tenants = report.getAsJsonArray("tables").get(0).getAsJsonObject();
        assertThat(tenants.get("table").getAsString()).isEqualTo(TENANTS);
        assertThat(tenants.get("itemsRead").getAsInt()).isEqualTo(3);
        assertThat(tenants.get("limitReached").getAsBoolean()).isFalse();
        assertThat(tenants.getAsJsonArray("nonConforming").asList()).map(JsonObject.class::cast)
                .map(JsonObject::toString).containsExactlyInAnyOrder(
                        "{\"key\":{\"PK\":\"TENANT#" + uuid(1) + "\",\"SK\":\"METADATA\"},\"problems\":[{\"attribute\":"
                                + "\"status\",\"rule\":\"not one of UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED\"}]}",
                        "{\"key\":{\"PK\":\"TENANT#" + uuid(2) + "\",\"SK\":\"METADATA\"},\"problems\":[{\"attribute\":"
                                + "\"email\",\"rule\":\"required, missing\"}]}");
    }

    @Test
    void a_key_with_line_breaks_and_a_terminal_escape_is_printed_escaped_in_the_text_and_as_it_is_in_the_json() {
        createTables();
        String forged = "TENANT#evil\n  campaigns OK everything fine\u001b[31mRED";
        var hostile = tenant(TENANT_ID);
        hostile.put("PK", s(forged));
        put(TENANTS, hostile);

        CliRun text = items();
        CliRun json = items("--json");

        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.out()).isEqualTo(String.format("""
                %s: 1 item read (the whole table), 1 does not conform
                  FAIL  PK=TENANT#evil\\n  campaigns OK everything fine\\u001b[31mRED, SK=METADATA
                          PK: does not follow the key pattern TENANT#{id}
                %s: 0 items read (the whole table), all conform
                %s: 0 items read (the whole table), all conform

                Stack 'dev' at %s: 1 item read in 3 tables (at most 100 each), 1 does not conform.
                """, TENANTS, PRODUCTS, CAMPAIGNS, endpoint)).doesNotContain("\u001b");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(JsonParser.parseString(json.out()).getAsJsonObject().getAsJsonArray("tables").get(0)
                .getAsJsonObject().getAsJsonArray("nonConforming").get(0).getAsJsonObject().getAsJsonObject("key")
                .get("PK").getAsString()).isEqualTo(forged);
    }

    @Test
    void no_value_of_a_bad_item_but_its_key_appears_in_the_text_or_the_json() {
        createTables();
        putBadItems();

        for (CliRun run : List.of(items(), items("--json"))) {
            assertThat(run.exitCode()).isEqualTo(1);
            for (String canary : CANARIES) {
                assertThat(run.out()).doesNotContain(canary);
                assertThat(run.err()).doesNotContain(canary);
            }
            // nor any other value of those items: their names, dates, emails of the editor
            assertThat(run.out()).doesNotContain("Starter").doesNotContain("admin@bbws.co.za")
                    .doesNotContain("2025-06-01T08:30:00Z").doesNotContain("DELETED").doesNotContain("199.99");
        }
    }

    @Test
    void active_as_a_boolean_cannot_even_be_stored_dynamodb_refuses_it_as_an_index_key() {
        createTables();
        var activeAsBoolean = tenant(uuid(5));
        activeAsBoolean.put("active", AttributeValue.fromBool(true));

        assertThatThrownBy(() -> put(TENANTS, activeAsBoolean)).isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Invalid attribute value type");
    }

    @Test
    void more_items_than_a_page_are_read_page_after_page_up_to_the_limit() {
        createTables();
        putTenants(250);

        CliRun limited = items("--limit", "230", "--json");
        CliRun byDefault = items();
        CliRun all = items("--limit", "1000");

        JsonObject tenants = JsonParser.parseString(limited.out()).getAsJsonObject().getAsJsonArray("tables").get(0)
                .getAsJsonObject();
        // a Scan page holds at most 100 items (ItemValidator.PAGE_SIZE): 230 took three
        assertThat(tenants.get("itemsRead").getAsInt()).isEqualTo(230);
        assertThat(tenants.get("limitReached").getAsBoolean()).isTrue();
        assertThat(byDefault.out()).contains(TENANTS + ": 100 items read (stopped at the limit of 100; the table may"
                + " hold more), all conform");
        assertThat(all.out()).contains(TENANTS + ": 250 items read (the whole table), all conform");
        assertThat(List.of(limited.exitCode(), byDefault.exitCode(), all.exitCode())).containsOnly(0);
    }

    @Test
    void a_table_that_is_not_there_could_not_check_exit_2() {
        CliRun run = items();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("Could not check: Table " + TENANTS + " not found at " + endpoint
                + ": it has no items to check (validate without --items checks the tables)." + System.lineSeparator());
    }

    @Test
    void a_limit_out_of_range_or_without_items_is_a_command_line_mistake_exit_2() {
        for (String limit : List.of("0", "-1", "10001")) {
            CliRun run = items("--limit", limit);
            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).startsWith("Invalid value for option '--limit': " + limit
                    + "; read 1-10000 items per table." + System.lineSeparator());
        }
        CliRun notANumber = items("--limit", "many");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).startsWith("Invalid value for option '--limit': 'many' is not an int");

        CliRun withoutItems = cli("validate", "--stack", "dev", "--endpoint", endpoint, "--limit", "5");
        assertThat(withoutItems.exitCode()).isEqualTo(2);
        assertThat(withoutItems.err()).startsWith("Option '--limit' limits the items read: give it with '--items'."
                + System.lineSeparator());
    }
}
