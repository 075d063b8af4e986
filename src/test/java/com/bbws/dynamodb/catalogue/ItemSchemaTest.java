package com.bbws.dynamodb.catalogue;

import static com.bbws.dynamodb.catalogue.ItemAttribute.n;
import static com.bbws.dynamodb.catalogue.ItemAttribute.s;
import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every rule an item schema is checked against when its table is built, with its exact message. */
class ItemSchemaTest {

    private static final KeySchema PK_SK = KeySchema.of(string("PK"), string("SK"));
    private static final ItemAttribute PK = s("PK").asRequired().withKeyPattern("THING#{id}");
    private static final ItemAttribute SK = s("SK").asRequired().withKeyPattern("METADATA");
    private static final ItemAttribute ID = s("id").asRequired().withFormat(Format.UUID);
    private static final GlobalSecondaryIndex ACTIVE_INDEX =
            GlobalSecondaryIndex.of("ActiveIndex", number("active"), string("SK"));

    private static TableDefinition table(ItemAttribute... attributes) {
        return new TableDefinition("things", TableName.fixed("things"), PK_SK, List.of(ACTIVE_INDEX),
                Stream.disabled(), ItemSchema.of(attributes));
    }

    @Test
    void with_every_key_a_required_attribute_of_its_type_the_table_is_built() {
        TableDefinition table = table(PK, SK, ID, n("active").asRequired().oneOf("1", "0"), s("note"));

        assertThat(table.items().attribute("active")).map(ItemAttribute::type).contains(ItemType.N);
        assertThat(table.items().attribute("note")).map(ItemAttribute::required).contains(false);
    }

    @Test
    void a_table_declared_without_items_has_its_keys_as_required_attributes() {
        TableDefinition table = new TableDefinition("things", TableName.fixed("things"), PK_SK,
                List.of(ACTIVE_INDEX), Stream.disabled());

        assertThat(table.items().attributes()).containsExactly(
                ItemAttribute.key(string("PK")), ItemAttribute.key(string("SK")), ItemAttribute.key(number("active")));
    }

    @Test
    void throws_if_a_table_key_is_not_an_item_attribute() {
        assertThatThrownBy(() -> table(PK, ID, n("active").asRequired()))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': 'SK', a key of the table, is not an item attribute;"
                        + " declare it as a required S.");
    }

    @Test
    void throws_if_an_index_key_is_not_an_item_attribute() {
        assertThatThrownBy(() -> table(PK, SK, ID))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': 'active', a key of index 'ActiveIndex', is not an item attribute;"
                        + " declare it as a required N.");
    }

    @Test
    void throws_if_an_index_key_has_another_type_in_the_item() {
        var activeAsBool = new ItemAttribute("active", ItemType.BOOL, true, null, null, null, null, null, null);

        assertThatThrownBy(() -> table(PK, SK, ID, activeAsBool))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': item attribute 'active' is BOOL, but it is a key of index 'ActiveIndex'"
                        + " of type N; DynamoDB refuses such an item.");
    }

    @Test
    void throws_if_a_key_attribute_is_optional() {
        assertThatThrownBy(() -> table(PK, SK, ID, n("active")))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': item attribute 'active' is a key of index 'ActiveIndex' and must be"
                        + " required.");
    }

    @Test
    void throws_if_a_key_pattern_names_no_attribute_of_the_item() {
        assertThatThrownBy(() -> table(s("PK").asRequired().withKeyPattern("THING#{thingId}"), SK, ID,
                n("active").asRequired()))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': the key pattern 'THING#{thingId}' of 'PK' names 'thingId', which is not"
                        + " an item attribute.");
    }

    @Test
    void throws_if_an_attribute_is_declared_twice() {
        assertThatThrownBy(() -> table(PK, SK, ID, n("active").asRequired(), s("id")))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': item attribute 'id' is declared twice; attribute names must be unique.");
    }

    @Test
    void throws_if_an_enum_allows_no_value() {
        assertThatThrownBy(() -> table(PK, SK, ID, n("active").asRequired(), s("status").oneOf()))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': item attribute 'status' allows no value at all; list at least one.");
    }

    @Test
    void throws_if_a_number_enum_allows_a_value_that_is_not_a_number() {
        assertThatThrownBy(() -> table(PK, SK, ID, n("active").asRequired().oneOf("1", "true")))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things': item attribute 'active' is a number but allows 'true'.");
    }

    @Test
    void throws_if_a_table_has_no_item_schema() {
        assertThatThrownBy(() -> new TableDefinition("things", TableName.fixed("things"), PK_SK, List.of(),
                Stream.disabled(), null))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Table 'things' has no item schema.");
    }

    @Test
    void throws_if_an_item_attribute_has_no_type() {
        assertThatThrownBy(() -> new ItemAttribute("note", null, false, null, null, null, null, null, null))
                .isInstanceOf(CatalogueException.class)
                .hasMessage("Item attribute 'note' has no type.");
    }
}
