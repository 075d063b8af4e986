package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.bbws.dynamodb.local.SampleItems;
import com.bbws.dynamodb.schemas.CommittedSchemas;
import com.bbws.dynamodb.validate.ItemConformance;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code local --sample-items N} against the tests' DynamoDB Local: every index of every table has items. */
class LocalSampleItemsTest {

    private static final int COUNT = 20;

    private final String endpoint = DynamoDbLocal.engine().endpoint().toString();
    private final DynamoDbClient dynamo = DynamoDbLocal.client();

    private static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @AfterEach
    void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    private List<Map<String, AttributeValue>> scan(String table) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream()
                .sorted(Comparator.comparing(item -> item.get("PK").s())).toList();
    }

    /** The items a Query of the index finds for one partition key value. */
    private int query(String table, GlobalSecondaryIndex index, AttributeValue partitionKey) {
        return dynamo.queryPaginator(b -> b.tableName(table).indexName(index.name())
                        .keyConditionExpression("#key = :value")
                        .expressionAttributeNames(Map.of("#key", index.keys().partitionKey().name()))
                        .expressionAttributeValues(Map.of(":value", partitionKey)))
                .items().stream().mapToInt(item -> 1).sum();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void with_20_sample_items_no_index_of_any_table_is_empty_every_item_is_in_every_index(String stack) {
        Environment environment = Expected.environment(stack);

        CliRun local = cli("local", "--stack", stack, "--endpoint", endpoint, "--sample-items", Integer.toString(COUNT));

        assertThat(local.exitCode()).as(local.err()).isZero();
        assertThat(local.out()).contains("Sample items, the same on every run (written again, they replace"
                + " themselves):");
        for (TableDefinition table : Expected.tables()) {
            String name = table.physicalName(environment);
            assertThat(local.out()).containsPattern("\n  " + Pattern.quote(name) + " +" + COUNT + " written\n");
            List<Map<String, AttributeValue>> items = scan(name);
            assertThat(items).as(name).hasSize(COUNT);
            for (GlobalSecondaryIndex index : table.indexes()) {
                index.keys().attributes().forEach(key -> assertThat(items)
                        .as("%s %s: every item has the key %s", name, index.name(), key.name())
                        .allMatch(item -> item.containsKey(key.name())));
                Map<AttributeValue, Long> itemsPerKey = items.stream().collect(Collectors.groupingBy(
                        item -> item.get(index.keys().partitionKey().name()), Collectors.counting()));
                int found = 0;
                for (var key : itemsPerKey.entrySet()) {
                    int foundForKey = query(name, index, key.getKey());
                    assertThat(foundForKey).as("%s %s = %s", name, index.name(), key.getKey())
                            .isEqualTo(key.getValue().intValue());
                    found += foundForKey;
                }
                assertThat(found).as("%s %s: items found by Query", name, index.name()).isEqualTo(COUNT);
            }
        }
    }

    @Test
    void the_items_written_pass_the_committed_json_schemas() {
        cli("local", "--stack", "dev", "--endpoint", endpoint, "--sample-items", Integer.toString(COUNT));

        for (TableDefinition table : Expected.tables()) {
            assertThat(scan(table.physicalName(Environment.DEV))).hasSize(COUNT).allSatisfy(item ->
                    assertThat(CommittedSchemas.errors(table.id(), ItemConformance.document(item))).as("%s", item).isEmpty());
        }
    }

    @Test
    void running_again_with_the_same_count_writes_the_same_items_over_themselves() {
        CliRun first = cli("local", "--stack", "dev", "--endpoint", endpoint, "--sample-items", Integer.toString(COUNT));
        var before = Expected.tableNames(Environment.DEV).stream().collect(Collectors.toMap(t -> t, this::scan));

        CliRun again = cli("local", "--stack", "dev", "--endpoint", endpoint, "--sample-items", Integer.toString(COUNT));

        assertThat(first.exitCode()).isZero();
        assertThat(again.exitCode()).isZero();
        for (String table : Expected.tableNames(Environment.DEV)) {
            assertThat(again.out()).containsPattern(Pattern.quote(table) + " +UNCHANGED")
                    .containsPattern("\n  " + Pattern.quote(table) + " +" + COUNT + " written\n");
            assertThat(scan(table)).as(table).hasSize(COUNT).isEqualTo(before.get(table));
        }
    }

    @Test
    void nothing_is_written_while_a_table_conflicts() {
        String conflicting = Expected.tableNames(Environment.DEV).get(0);
        dynamo.createTable(b -> b.tableName(conflicting).billingMode("PAY_PER_REQUEST")
                .keySchema(k -> k.attributeName("id").keyType("HASH"))
                .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));

        CliRun local = cli("local", "--stack", "dev", "--endpoint", endpoint, "--sample-items", "5");

        assertThat(local.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(local.out()).doesNotContain("Sample items");
        assertThat(dynamo.scan(b -> b.tableName(conflicting)).count()).isZero();
    }

    @Test
    void a_count_out_of_range_is_a_command_line_mistake_with_one_message() {
        for (String count : new String[] {"0", "-1", Integer.toString(SampleItems.MAX_COUNT + 1)}) {
            CliRun local = cli("local", "--stack", "dev", "--endpoint", endpoint, "--sample-items", count);

            assertThat(local.exitCode()).as(count).isEqualTo(Cli.USAGE);
            assertThat(local.out()).as(count).isEmpty();
            assertThat(local.err().lines().findFirst()).as(count).hasValue("Invalid value for option"
                    + " '--sample-items': " + count + " is not a number of items to write; use 1-1000.");
        }
        assertThat(dynamo.listTables().tableNames()).as("refused before anything is created").isEmpty();
    }

    @Test
    void a_count_that_is_not_a_number_is_refused_by_the_command_line() {
        CliRun local = cli("local", "--stack", "dev", "--endpoint", endpoint, "--sample-items", "twenty");

        assertThat(local.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(local.err().lines().findFirst())
                .hasValue("Invalid value for option '--sample-items': 'twenty' is not an int");
    }
}
