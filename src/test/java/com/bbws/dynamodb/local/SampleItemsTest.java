package com.bbws.dynamodb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Format;
import com.bbws.dynamodb.catalogue.ItemAttribute;
import com.bbws.dynamodb.catalogue.ItemSchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.schemas.CommittedSchemas;
import com.bbws.dynamodb.validate.ItemConformance;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Sample items are made from each table's item schema, follow it, and are the same on every run. */
class SampleItemsTest {

    private static final int COUNT = 20;

    static Stream<TableDefinition> tables() {
        return BbwsTables.CATALOGUE.tables().stream();
    }

    private static String text(AttributeValue value) {
        return value.n() != null ? value.n() : value.s();
    }

    @Test
    void the_first_campaign_is_the_one_the_docs_show_the_same_on_every_run_and_machine() throws IOException {
        // the docs pin it: a change of seed, algorithm or JDK that changes developers' sample data fails here
        String docs = Files.readString(Path.of("docs/local-development.md"));
        Matcher shown = Pattern.compile("The first campaign, as a document client reads it:\\s+```json\\n(.*?)```",
                Pattern.DOTALL).matcher(docs);

        assertThat(shown.find()).as("docs/local-development.md shows the first campaign").isTrue();
        assertThat(ItemConformance.document(SampleItems.of(BbwsTables.CAMPAIGNS, 1).get(0)))
                .isEqualTo(JsonParser.parseString(shown.group(1)));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void the_same_count_gives_the_same_items_and_fewer_are_the_first_of_more(TableDefinition table) {
        List<Map<String, AttributeValue>> items = SampleItems.of(table, COUNT);

        assertThat(SampleItems.of(table, COUNT)).isEqualTo(items);
        assertThat(SampleItems.of(table, 5)).isEqualTo(items.subList(0, 5));
        assertThat(items.stream().map(item -> text(item.get(table.keys().partitionKey().name()))).distinct())
                .as("no two items share a key").hasSize(COUNT);
    }

    @ParameterizedTest
    @MethodSource("tables")
    void every_item_passes_the_committed_json_schema_of_its_table(TableDefinition table) {
        assertThat(SampleItems.of(table, COUNT)).allSatisfy(item ->
                assertThat(CommittedSchemas.errors(table.id(), ItemConformance.document(item))).as("%s", item).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("tables")
    void every_allowed_value_appears_in_20_items_active_1_and_0_included(TableDefinition table) {
        List<Map<String, AttributeValue>> items = SampleItems.of(table, COUNT);

        for (ItemAttribute attribute : table.items().attributes()) {
            if (attribute.allowedValues() != null) {
                assertThat(items.stream().map(item -> text(item.get(attribute.name()))))
                        .as(attribute.name()).containsAll(attribute.allowedValues());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void allowed_values_are_taken_in_turn_each_as_often_as_another_give_or_take_one(TableDefinition table) {
        List<Map<String, AttributeValue>> items = SampleItems.of(table, COUNT);

        for (ItemAttribute attribute : table.items().attributes()) {
            if (attribute.allowedValues() != null) {
                int values = attribute.allowedValues().size();
                assertThat(items.stream().collect(Collectors.groupingBy(item -> text(item.get(attribute.name())),
                        Collectors.counting())).values()).as(attribute.name())
                        .allMatch(times -> times == COUNT / values || times == (COUNT + values - 1) / values);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void emails_differ_from_item_to_item(TableDefinition table) {
        List<Map<String, AttributeValue>> items = SampleItems.of(table, COUNT);

        table.items().attributes().stream().filter(attribute -> attribute.format() == Format.EMAIL)
                .forEach(attribute -> assertThat(items.stream().map(item -> item.get(attribute.name())).distinct())
                        .as(attribute.name()).hasSize(COUNT));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void key_patterns_are_filled_from_the_items_own_attributes(TableDefinition table) {
        for (Map<String, AttributeValue> item : SampleItems.of(table, COUNT)) {
            for (ItemAttribute attribute : table.items().attributes()) {
                if (attribute.keyPattern() != null) {
                    Matcher placeholder = ItemSchema.PLACEHOLDER.matcher(attribute.keyPattern());
                    String expected = placeholder.replaceAll(found -> Matcher.quoteReplacement(
                            text(item.get(found.group(1)))));
                    assertThat(text(item.get(attribute.name()))).as(attribute.name()).isEqualTo(expected);
                }
            }
        }
        if (table == BbwsTables.CAMPAIGNS) {
            assertThat(SampleItems.of(table, COUNT)).allSatisfy(item -> assertThat(item.get("campaignId"))
                    .isEqualTo(item.get("id")));
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void an_items_dates_and_timestamps_never_go_back_in_schema_order(TableDefinition table) {
        for (Map<String, AttributeValue> item : SampleItems.of(table, COUNT)) {
            for (Format format : List.of(Format.DATE, Format.DATE_TIME)) {
                // ISO 8601 dates, and UTC timestamps of whole seconds, sort as text
                List<String> values = table.items().attributes().stream().filter(a -> a.format() == format)
                        .map(a -> item.get(a.name())).filter(v -> v != null).map(AttributeValue::s).toList();
                assertThat(values).as("%s %s", format, item.get("PK")).isSorted();
            }
        }
        assertThat(SampleItems.of(BbwsTables.CAMPAIGNS, COUNT)).allSatisfy(item ->
                assertThat(item.get("fromDate").s()).isLessThan(item.get("toDate").s()));
    }

    @ParameterizedTest
    @MethodSource("tables")
    void numbers_lie_within_their_bounds(TableDefinition table) {
        for (ItemAttribute attribute : table.items().attributes()) {
            if (attribute.minimum() == null && attribute.maximum() == null) {
                continue;
            }
            assertThat(SampleItems.of(table, COUNT)).allSatisfy(item -> assertThat(new BigDecimal(
                    item.get(attribute.name()).n())).isBetween(attribute.minimum(), attribute.maximum()));
        }
    }

    @ParameterizedTest
    @MethodSource("tables")
    void optional_attributes_are_in_some_items_and_missing_from_others(TableDefinition table) {
        List<Map<String, AttributeValue>> items = SampleItems.of(table, COUNT);
        table.items().attributes().stream().filter(attribute -> !attribute.required()).forEach(attribute -> {
            assertThat(items).as(attribute.name()).anyMatch(item -> item.containsKey(attribute.name()));
            assertThat(items).as(attribute.name()).anyMatch(item -> !item.containsKey(attribute.name()));
        });
        table.items().attributes().stream().filter(ItemAttribute::required).forEach(attribute ->
                assertThat(items).as(attribute.name()).allMatch(item -> item.containsKey(attribute.name())));
    }

    @Test
    void a_count_out_of_range_is_refused() {
        for (int count : new int[] {0, -1, SampleItems.MAX_COUNT + 1}) {
            assertThatThrownBy(() -> SampleItems.of(BbwsTables.TENANTS, count))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(count + " sample items: 1-" + SampleItems.MAX_COUNT);
        }
    }

    @Test
    void names_become_words_and_url_paths() {
        assertThat(SampleItems.humanized("organizationName")).isEqualTo("Organization name");
        assertThat(SampleItems.kebab("termsConditionsLink")).isEqualTo("terms-conditions-link");
    }
}
