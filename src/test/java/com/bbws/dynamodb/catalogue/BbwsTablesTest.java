package com.bbws.dynamodb.catalogue;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The catalogue holds the brief's tables: 3 tables, 7 GSIs, 2 streams. */
class BbwsTablesTest {

    @Test
    void declares_three_tables_with_seven_indexes() {
        assertThat(BbwsTables.CATALOGUE.tables()).extracting(TableDefinition::id)
                .containsExactly("tenants", "products", "campaigns");
        assertThat(BbwsTables.CATALOGUE.indexCount()).isEqualTo(7);
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
        assertThat(BbwsTables.TENANTS.stream().viewType()).contains(Stream.ViewType.NEW_AND_OLD_IMAGES);
        assertThat(BbwsTables.CAMPAIGNS.stream().viewType()).contains(Stream.ViewType.NEW_AND_OLD_IMAGES);
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
}
