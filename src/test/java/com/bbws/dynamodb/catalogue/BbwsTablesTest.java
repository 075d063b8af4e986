package com.bbws.dynamodb.catalogue;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.Stream.ViewType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalogue holds the brief's tables: the one test that writes the brief's facts out. Every other
 * test derives what it expects from the catalogue, and {@code contract/<stack>.json} pins the whole of
 * it, so an index added to a table (a compatible change) is reviewed in the contract's diff and fails
 * no test; a brief index changed or removed fails here.
 */
class BbwsTablesTest {

    private static final KeyAttribute SK = string("SK");

    @Test
    void declares_the_briefs_three_tables_in_order() {
        assertThat(BbwsTables.CATALOGUE.tables()).extracting(TableDefinition::id)
                .containsExactly("tenants", "products", "campaigns");
        assertThat(BbwsTables.CATALOGUE.tables()).containsExactly(
                BbwsTables.TENANTS, BbwsTables.PRODUCTS, BbwsTables.CAMPAIGNS);
    }

    @Test
    void every_table_is_keyed_on_PK_and_SK_strings() {
        for (TableDefinition table : BbwsTables.CATALOGUE.tables()) {
            assertThat(table.keys()).as(table.id()).isEqualTo(KeySchema.of(string("PK"), SK));
        }
    }

    @Test
    void tenants_has_the_briefs_email_status_and_active_indexes() {
        assertThat(BbwsTables.TENANTS.indexes()).containsSubsequence(
                GlobalSecondaryIndex.of("EmailIndex", string("email")),
                GlobalSecondaryIndex.of("TenantStatusIndex", string("status"), SK),
                GlobalSecondaryIndex.of("ActiveIndex", number("active"), SK));
    }

    @Test
    void products_has_the_briefs_active_products_index() {
        assertThat(BbwsTables.PRODUCTS.indexes()).contains(
                GlobalSecondaryIndex.of("ActiveProductsIndex", number("active"), SK));
    }

    @Test
    void campaigns_has_the_briefs_campaign_active_campaign_product_and_active_indexes() {
        assertThat(BbwsTables.CAMPAIGNS.indexes()).containsSubsequence(
                GlobalSecondaryIndex.of("CampaignActiveIndex", string("campaignId"), number("active")),
                GlobalSecondaryIndex.of("CampaignProductIndex", string("productId"), SK),
                GlobalSecondaryIndex.of("ActiveIndex", number("active"), SK));
    }

    @Test
    void only_products_is_named_per_environment() {
        for (Environment environment : Environment.values()) {
            assertThat(BbwsTables.TENANTS.physicalName(environment)).isEqualTo("tenants");
            assertThat(BbwsTables.PRODUCTS.physicalName(environment)).isEqualTo("products-" + environment.id());
            assertThat(BbwsTables.CAMPAIGNS.physicalName(environment)).isEqualTo("campaigns");
        }
    }

    @Test
    void active_is_a_number_wherever_it_is_a_key() {
        for (TableDefinition table : BbwsTables.CATALOGUE.tables()) {
            assertThat(table.attributeDefinitions()).contains(number("active")).doesNotContain(string("active"));
        }
    }

    @Test
    void products_has_no_stream_and_the_others_stream_new_and_old_images() {
        assertThat(BbwsTables.PRODUCTS.stream().isEnabled()).isFalse();
        assertThat(BbwsTables.TENANTS.stream().viewType()).contains(ViewType.NEW_AND_OLD_IMAGES);
        assertThat(BbwsTables.CAMPAIGNS.stream().viewType()).contains(ViewType.NEW_AND_OLD_IMAGES);
    }

    @Test
    void environments_are_the_briefs_accounts_and_regions() {
        assertThat(Environment.DEV).extracting(Environment::id, Environment::accountId, Environment::region)
                .containsExactly("dev", "536580886816", "eu-west-1");
        assertThat(Environment.SIT).extracting(Environment::id, Environment::accountId, Environment::region)
                .containsExactly("sit", "815856636111", "eu-west-1");
        assertThat(Environment.PROD).extracting(Environment::id, Environment::accountId, Environment::region)
                .containsExactly("prod", "093646564004", "af-south-1");
    }

    /** An attribute as the brief writes it: name, type, * if required, then its values, format, bounds, pattern. */
    private static String brief(ItemAttribute attribute) {
        var line = new StringBuilder(attribute.name()).append(' ').append(attribute.type());
        line.append(attribute.required() ? "*" : "");
        if (attribute.elementType() != null) {
            line.append(" of ").append(attribute.elementType());
        }
        if (attribute.allowedValues() != null) {
            line.append(" one of ").append(String.join(", ", attribute.allowedValues()));
        }
        if (attribute.format() != null) {
            line.append(' ').append(attribute.format().keyword());
        }
        if (attribute.minimum() != null || attribute.maximum() != null) {
            line.append(' ').append(attribute.minimum()).append('-').append(attribute.maximum());
        }
        if (attribute.keyPattern() != null) {
            line.append(" = ").append(attribute.keyPattern());
        }
        return line.toString();
    }

    private static List<String> items(TableDefinition table) {
        return table.items().attributes().stream().map(BbwsTablesTest::brief).toList();
    }

    @Test
    void tenants_items_are_the_briefs() {
        assertThat(items(BbwsTables.TENANTS)).containsExactly(
                "PK S* = TENANT#{id}",
                "SK S* = METADATA",
                "id S* uuid",
                "email S* email",
                "status S* one of UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED",
                "organizationName S",
                "destinationEmail S",
                "active N* one of 1, 0",
                "dateCreated S* date-time",
                "dateLastUpdated S* date-time",
                "lastUpdatedBy S* email");
    }

    @Test
    void products_items_are_the_briefs() {
        assertThat(items(BbwsTables.PRODUCTS)).containsExactly(
                "PK S* = PRODUCT#{id}",
                "SK S* = METADATA",
                "id S* uuid",
                "name S*",
                "description S*",
                "price N*",
                "features L of S",
                "billingCycle S* one of monthly, yearly",
                "active N* one of 1, 0",
                "dateCreated S* date-time",
                "dateLastUpdated S* date-time",
                "lastUpdatedBy S* email");
    }

    @Test
    void campaigns_items_are_the_briefs_with_campaignId_required_for_CampaignActiveIndex() {
        assertThat(items(BbwsTables.CAMPAIGNS)).containsExactly(
                "PK S* = CAMPAIGN#{code}",
                "SK S* = METADATA",
                "id S* uuid",
                "campaignId S* uuid = {id}",
                "code S*",
                "description S*",
                "discountPercentage N* 0-100",
                "productId S* uuid",
                "termsConditionsLink S* uri",
                "fromDate S* date",
                "toDate S* date",
                "active N* one of 1, 0",
                "dateCreated S* date-time",
                "dateLastUpdated S* date-time",
                "lastUpdatedBy S* email");
    }
}
