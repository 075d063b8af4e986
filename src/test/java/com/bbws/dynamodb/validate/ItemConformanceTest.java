package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.TableDefinition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Each rule of the item schemas, as an item stored in DynamoDB breaks it, with the exact words the report
 * uses: built from the schema and the keyword, never from the item's values.
 */
class ItemConformanceTest {

    static final String TENANT_ID = "3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f";
    static final String PRODUCT_ID = "9b1c2d3e-4f5a-4b6c-8d7e-6f5a4b3c2d1e";
    static final String CAMPAIGN_ID = "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b";

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    /** A tenant that follows its schema, as a service writes it. */
    static Map<String, AttributeValue> tenant(String id) {
        var item = new HashMap<String, AttributeValue>();
        item.put("PK", s("TENANT#" + id));
        item.put("SK", s("METADATA"));
        item.put("id", s(id));
        item.put("email", s("owner@example.co.za"));
        item.put("status", s("VALIDATED"));
        item.put("organizationName", s("Example (Pty) Ltd"));
        item.put("active", n("1"));
        item.put("dateCreated", s("2025-06-01T08:30:00Z"));
        item.put("dateLastUpdated", s("2025-06-02T10:00:00+02:00"));
        item.put("lastUpdatedBy", s("admin@bbws.co.za"));
        return item;
    }

    static Map<String, AttributeValue> product(String id) {
        var item = new HashMap<String, AttributeValue>();
        item.put("PK", s("PRODUCT#" + id));
        item.put("SK", s("METADATA"));
        item.put("id", s(id));
        item.put("name", s("Starter"));
        item.put("description", s("One site"));
        item.put("price", n("199.99"));
        item.put("features", AttributeValue.fromL(List.of(s("hosting"), s("email"))));
        item.put("billingCycle", s("monthly"));
        item.put("active", n("0"));
        item.put("dateCreated", s("2025-06-01T08:30:00Z"));
        item.put("dateLastUpdated", s("2025-06-01T08:30:00Z"));
        item.put("lastUpdatedBy", s("admin@bbws.co.za"));
        return item;
    }

    static Map<String, AttributeValue> campaign(String code) {
        var item = new HashMap<String, AttributeValue>();
        item.put("PK", s("CAMPAIGN#" + code));
        item.put("SK", s("METADATA"));
        item.put("id", s(CAMPAIGN_ID));
        item.put("campaignId", s(CAMPAIGN_ID));
        item.put("code", s(code));
        item.put("description", s("Summer sale"));
        item.put("discountPercentage", n("20"));
        item.put("productId", s(PRODUCT_ID));
        item.put("termsConditionsLink", s("https://bbws.co.za/terms/summer2025"));
        item.put("fromDate", s("2025-12-01"));
        item.put("toDate", s("2026-01-31"));
        item.put("active", n("1"));
        item.put("dateCreated", s("2025-06-01T08:30:00Z"));
        item.put("dateLastUpdated", s("2025-06-01T08:30:00Z"));
        item.put("lastUpdatedBy", s("admin@bbws.co.za"));
        return item;
    }

    private static List<String> problems(TableDefinition table, Map<String, AttributeValue> item,
                                         Consumer<Map<String, AttributeValue>> change) {
        change.accept(item);
        return ItemConformance.of(table).problems(item).stream().map(ItemConformance.Problem::toString).toList();
    }

    @Test
    void a_conforming_item_of_each_table_has_no_problem() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> { })).isEmpty();
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID), item -> { })).isEmpty();
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> { })).isEmpty();
    }

    @Test
    void an_attribute_the_schema_does_not_list_may_hold_anything() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID),
                item -> item.put("notes", AttributeValue.fromSs(List.of("a", "b"))))).isEmpty();
    }

    @Test
    void a_missing_required_attribute_is_required_missing() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.remove("email")))
                .containsExactly("email: required, missing");
    }

    @Test
    void active_as_a_boolean_must_be_a_number_and_is_reported_once() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("active", AttributeValue.fromBool(true))))
                .containsExactly("active: must be a number (N), is a boolean (BOOL)");
    }

    @Test
    void a_status_outside_its_values_names_the_values_allowed() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("status", s("DELETED"))))
                .containsExactly("status: not one of UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED");
    }

    @Test
    void active_other_than_1_or_0_is_not_one_of_them() {
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID), item -> item.put("active", n("2"))))
                .containsExactly("active: not one of 1, 0");
    }

    @Test
    void a_price_stored_as_a_string_must_be_a_number() {
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID), item -> item.put("price", s("199.99"))))
                .containsExactly("price: must be a number (N), is a string (S)");
    }

    @Test
    void types_json_cannot_tell_apart_are_type_errors_binary_for_a_string_a_number_set_for_a_number() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID),
                item -> item.put("organizationName", AttributeValue.fromB(SdkBytes.fromUtf8String("Example")))))
                .containsExactly("organizationName: must be a string (S), is binary (B)");
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID),
                item -> item.put("price", AttributeValue.fromNs(List.of("199.99")))))
                .containsExactly("price: must be a number (N), is a number set (NS)");
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID),
                item -> item.put("features", AttributeValue.fromSs(List.of("hosting")))))
                .containsExactly("features: must be a list (L), is a string set (SS)");
    }

    @Test
    void a_required_attribute_stored_as_null_must_be_its_type_and_is_not_also_missing() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("email", AttributeValue.fromNul(true))))
                .containsExactly("email: must be a string (S), is null (NULL)");
    }

    @Test
    void a_list_element_of_the_wrong_type_is_named_by_its_index() {
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID),
                item -> item.put("features", AttributeValue.fromL(List.of(s("hosting"), n("2"))))))
                .containsExactly("features[1]: must be a string (S), is a number (N)");
    }

    @Test
    void a_number_out_of_range_names_the_bound() {
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> item.put("discountPercentage", n("150"))))
                .containsExactly("discountPercentage: greater than the maximum 100");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> item.put("discountPercentage", n("-5"))))
                .containsExactly("discountPercentage: less than the minimum 0");
    }

    @Test
    void a_value_in_the_wrong_format_names_the_format() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("email", s("not an email"))))
                .containsExactly("email: not in the format email");
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("dateCreated", s("01/06/2025"))))
                .containsExactly("dateCreated: not in the format date-time");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> item.put("fromDate", s("2025-12-01T00:00:00Z"))))
                .containsExactly("fromDate: not in the format date");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> item.put("productId", s("42"))))
                .containsExactly("productId: not in the format uuid");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> item.put("termsConditionsLink", s("terms"))))
                .containsExactly("termsConditionsLink: not in the format uri");
    }

    @Test
    void a_key_that_does_not_follow_its_pattern_names_the_pattern() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("PK", s("USER#" + TENANT_ID))))
                .containsExactly("PK: does not follow the key pattern TENANT#{id}");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> item.put("SK", s("METADATA#2025"))))
                .containsExactly("SK: does not follow the key pattern METADATA");
    }

    @Test
    void several_broken_rules_are_each_reported_type_errors_first() {
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> {
            item.remove("email");
            item.put("status", s("DELETED"));
            item.put("active", AttributeValue.fromBool(false));
        })).containsExactlyInAnyOrder("active: must be a number (N), is a boolean (BOOL)", "email: required, missing",
                "status: not one of UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED");
    }
}
