package com.bbws.dynamodb.validate;

import static com.bbws.dynamodb.validate.ConformingItems.PRODUCT_ID;
import static com.bbws.dynamodb.validate.ConformingItems.TENANT_ID;
import static com.bbws.dynamodb.validate.ConformingItems.campaign;
import static com.bbws.dynamodb.validate.ConformingItems.n;
import static com.bbws.dynamodb.validate.ConformingItems.product;
import static com.bbws.dynamodb.validate.ConformingItems.s;
import static com.bbws.dynamodb.validate.ConformingItems.tenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.TableDefinition;
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

    private static List<String> problems(TableDefinition table, Map<String, AttributeValue> item,
                                         Consumer<Map<String, AttributeValue>> change) {
        change.accept(item);
        return ItemConformance.of(table).problems(item).stream().map(ItemReport.Problem::toString).toList();
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
    void every_list_element_of_the_wrong_type_is_named() {
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID), item -> item.put("features", AttributeValue.fromL(
                List.of(n("424242"), s("ok"), AttributeValue.fromM(Map.of("a", s("b"))))))))
                .containsExactly("features[0]: must be a string (S), is a number (N)",
                        "features[2]: must be a string (S), is a map (M)");
    }

    @Test
    void past_five_bad_elements_of_a_list_the_rest_are_counted() {
        var features = new java.util.ArrayList<AttributeValue>();
        for (int i = 0; i < 9; i++) {
            features.add(n(String.valueOf(i)));
        }
        features.add(s("ok"));
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID), item -> {
            item.put("features", AttributeValue.fromL(features));
            item.put("price", s("199.99"));
        })).containsExactly("price: must be a number (N), is a string (S)",
                "features[0]: must be a string (S), is a number (N)",
                "features[1]: must be a string (S), is a number (N)",
                "features[2]: must be a string (S), is a number (N)",
                "features[3]: must be a string (S), is a number (N)",
                "features[4]: must be a string (S), is a number (N)",
                "features: 4 more elements break a rule (not listed)");
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID),
                item -> item.put("features", AttributeValue.fromL(features.subList(0, 6)))))
                .hasSize(6).endsWith("features: 1 more element breaks a rule (not listed)");
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
    void a_key_made_from_another_items_values_is_not_the_pattern_made_from_this_items() {
        String other = "0a1b2c3d-4e5f-4a6b-8c7d-9e8f7a6b5c4d";
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("id", s(other))))
                .containsExactly("PK: is not TENANT#{id} made from this item's id");
        assertThat(problems(BbwsTables.PRODUCTS, product(PRODUCT_ID), item -> item.put("PK", s("PRODUCT#" + other))))
                .containsExactly("PK: is not PRODUCT#{id} made from this item's id");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("X3"), item -> item.put("code", s("ZZ9"))))
                .containsExactly("PK: is not CAMPAIGN#{code} made from this item's code");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("SUMMER2025"), item -> item.put("campaignId", s(other))))
                .containsExactly("campaignId: is not {id} made from this item's id");
    }

    @Test
    void a_key_is_not_compared_with_its_pattern_when_it_or_a_part_already_breaks_a_rule() {
        // the key breaks the pattern's regex: that alone is reported
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.put("PK", s("USER#" + TENANT_ID))))
                .containsExactly("PK: does not follow the key pattern TENANT#{id}");
        // the part it is made of is missing or of another type: the part's own rule is reported
        assertThat(problems(BbwsTables.TENANTS, tenant(TENANT_ID), item -> item.remove("id")))
                .containsExactly("id: required, missing");
        assertThat(problems(BbwsTables.CAMPAIGNS, campaign("X3"), item -> item.put("code", n("3"))))
                .containsExactly("code: must be a string (S), is a number (N)");
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
