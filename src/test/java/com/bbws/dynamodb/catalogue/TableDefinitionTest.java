package com.bbws.dynamodb.catalogue;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every rule a definition is checked against when it is built, with its exact message. */
class TableDefinitionTest {

    private static final KeySchema PK_SK = KeySchema.of(string("PK"), string("SK"));

    private static TableDefinition table(List<GlobalSecondaryIndex> indexes) {
        return new TableDefinition("things", TableName.fixed("things"), PK_SK, indexes, Stream.disabled());
    }

    @Test
    void derives_attribute_definitions_from_table_and_index_keys_each_once_in_order_of_use() {
        TableDefinition table = table(List.of(
                GlobalSecondaryIndex.of("ByOwner", string("owner"), string("SK")),
                GlobalSecondaryIndex.of("ByRank", number("rank"))));

        assertThat(table.attributeDefinitions()).containsExactly(
                string("PK"), string("SK"), string("owner"), number("rank"));
    }

    @Test
    void throws_if_a_key_type_is_BOOL() {
        assertThatThrownBy(() -> KeyAttribute.of("active", "BOOL"))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Key attribute 'active' has type 'BOOL'; DynamoDB key attributes must be one of S, N, B"
                        + " (store a flag such as 'active' as N with 1/0).");
    }

    @Test
    void throws_if_an_attribute_is_given_two_types() {
        assertThatThrownBy(() -> table(List.of(GlobalSecondaryIndex.of("ByActive", number("SK")))))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': unable to specify 'SK' as N because it was already defined as S.");
    }

    @Test
    void throws_if_an_index_name_is_used_twice() {
        assertThatThrownBy(() -> table(List.of(
                GlobalSecondaryIndex.of("ActiveIndex", number("active")),
                GlobalSecondaryIndex.of("ActiveIndex", string("email")))))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things' declares index 'ActiveIndex' twice; index names must be unique.");
    }

    @Test
    void accepts_twenty_indexes_and_throws_on_twenty_one() {
        assertThat(table(indexes(20)).indexes()).hasSize(TableDefinition.MAX_GSI_COUNT);
        assertThatThrownBy(() -> table(indexes(21)))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things' declares 21 global secondary indexes; DynamoDB allows at most 20.");
    }

    @Test
    void throws_if_an_index_key_has_no_type() {
        assertThatThrownBy(() -> GlobalSecondaryIndex.of("ByOwner", new KeyAttribute("owner", null)))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Key attribute 'owner' has no type; use S, N or B.");
    }

    @Test
    void throws_if_an_index_has_no_key_schema() {
        assertThatThrownBy(() -> new GlobalSecondaryIndex("ByOwner", null))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Index 'ByOwner' has no key schema.");
    }

    @Test
    void throws_if_partition_and_sort_key_are_the_same_attribute() {
        assertThatThrownBy(() -> KeySchema.of(string("PK"), string("PK")))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Attribute 'PK' is both the partition key and the sort key; use two different attributes.");
    }

    @Test
    void throws_if_a_stream_is_enabled_without_a_view_type() {
        assertThatThrownBy(() -> Stream.enabled(null))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("A stream is enabled without a view type;"
                        + " choose KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES.");
    }

    @Test
    void throws_if_a_table_name_is_shorter_than_three_characters() {
        assertThatThrownBy(() -> TableName.fixed("ab"))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table name 'ab' is 2 characters long; it must be 3 to 255 characters.");
    }

    @Test
    void throws_if_a_table_name_is_longer_than_255_characters() {
        String longName = "t".repeat(256);
        assertThatThrownBy(() -> TableName.fixed(longName))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table name '" + longName + "' is 256 characters long; it must be 3 to 255 characters.");
    }

    @Test
    void throws_if_a_suffixed_table_name_would_be_too_long_in_some_environment() {
        String base = "p".repeat(251);
        assertThatThrownBy(() -> TableName.withEnvironmentSuffix(base))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table name '" + base + "-prod' is 256 characters long; it must be 3 to 255 characters.");
    }

    @Test
    void throws_if_a_table_name_has_a_character_DynamoDB_refuses() {
        assertThatThrownBy(() -> TableName.fixed("tenants/v2"))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table name 'tenants/v2' may only contain letters, digits, '_', '.' and '-'.");
    }

    @Test
    void throws_if_an_index_name_has_a_character_DynamoDB_refuses() {
        assertThatThrownBy(() -> GlobalSecondaryIndex.of("By Owner", string("owner")))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Index name 'By Owner' may only contain letters, digits, '_', '.' and '-'.");
    }

    @Test
    void throws_if_the_table_id_is_not_camel_case() {
        assertThatThrownBy(() -> new TableDefinition("Things-2", TableName.fixed("things"), PK_SK, List.of(),
                Stream.disabled()))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table id 'Things-2' must be camelCase letters and digits (it prefixes the stack outputs).");
    }

    @Test
    void throws_if_two_tables_share_an_id() {
        TableDefinition first = table(List.of());
        TableDefinition second = new TableDefinition("things", TableName.fixed("others"), PK_SK, List.of(),
                Stream.disabled());
        assertThatThrownBy(() -> Catalogue.of(first, second))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table id 'things' is declared twice; ids name the stack outputs and must be unique.");
    }

    @Test
    void throws_if_two_tables_would_get_the_same_physical_name() {
        TableDefinition fixed = new TableDefinition("fixed", TableName.fixed("things-sit"), PK_SK, List.of(),
                Stream.disabled());
        TableDefinition suffixed = new TableDefinition("suffixed", TableName.withEnvironmentSuffix("things"),
                PK_SK, List.of(), Stream.disabled());
        assertThatThrownBy(() -> Catalogue.of(fixed, suffixed))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Tables 'fixed' and 'suffixed' would both be named 'things-sit' in sit.");
    }

    private static List<GlobalSecondaryIndex> indexes(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> GlobalSecondaryIndex.of("Index" + i, string("attribute" + i)))
                .toList();
    }
}
