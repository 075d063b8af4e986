package com.bbws.dynamodb.local;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.CatalogueException;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeyAttribute;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.Stream;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TableName;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.Check;
import com.bbws.dynamodb.validate.TableValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/** The catalogue on Amazon's DynamoDB Local: accepted as declared, and refused where the catalogue refuses. */
class CatalogueOnRealEngineTest {

    private final DynamoDbClient dynamo = DynamoDbLocal.client();

    @AfterEach
    void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    private static StackSettings settings(String stack) {
        return StackConfigFile.settings(Path.of("."), stack);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_stacks_tables_are_accepted_by_the_engine(String stack) throws Exception {
        var results = new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings(stack));

        assertThat(results).extracting(TableInstaller.Result::action).containsOnly(TableInstaller.Action.CREATED);
        assertThat(dynamo.listTables().tableNames())
                .containsExactlyInAnyOrderElementsOf(Expected.tableNames(Expected.environment(stack)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void after_creation_the_validator_passes_every_check_the_engine_can_answer(String stack) throws Exception {
        StackSettings settings = settings(stack);
        new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings);

        List<Check> checks = new TableValidator(dynamo, "local", false).validate(BbwsTables.CATALOGUE, settings);

        assertThat(checks).filteredOn(c -> c.outcome() == Check.Outcome.FAIL).isEmpty();
        // the structure of every table, and replicas where none are expected (none found); not checkable here:
        // PITR, encryption and tags of every table, and replicas where they are expected (no global tables)
        var passed = new ArrayList<String>();
        var notCheckable = new ArrayList<String>();
        for (TableDefinition table : Expected.tables()) {
            String name = table.physicalName(settings.environment());
            Expected.structureChecks(table).forEach(check -> passed.add(name + " " + check));
            (settings.replicaRegionsOf(table).isEmpty() ? passed : notCheckable).add(name + " replicas");
            Expected.NOT_CHECKABLE_LOCALLY.forEach(check -> notCheckable.add(name + " " + check));
        }
        assertThat(checks).filteredOn(c -> c.outcome() == Check.Outcome.PASS).extracting(c -> c.table() + " " + c.name())
                .containsExactlyInAnyOrderElementsOf(passed);
        assertThat(checks).filteredOn(c -> c.outcome() == Check.Outcome.NOT_CHECKABLE)
                .extracting(c -> c.table() + " " + c.name()).containsExactlyInAnyOrderElementsOf(notCheckable);
    }

    @Test
    void installing_again_leaves_identical_tables_alone() throws Exception {
        TableDefinition table = Expected.first();
        String name = table.physicalName(Environment.DEV);
        var item = new java.util.HashMap<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>();
        table.keys().attributes().forEach(key -> item.put(key.name(), key.type() == com.bbws.dynamodb.catalogue.KeyType.N
                ? software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("1") : av("ITEM#1")));
        new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings("dev"));
        dynamo.putItem(b -> b.tableName(name).item(item));

        var again = new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings("dev"));

        assertThat(again).extracting(TableInstaller.Result::action).containsOnly(TableInstaller.Action.UNCHANGED);
        assertThat(dynamo.scan(b -> b.tableName(name)).count()).isEqualTo(1);
    }

    @Test
    void a_conflicting_table_is_reported_never_dropped_and_no_missing_table_is_created_beside_it() throws Exception {
        String conflicting = Expected.first().physicalName(Environment.DEV);
        dynamo.createTable(b -> b.tableName(conflicting).billingMode("PAY_PER_REQUEST")
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType("S").build()));
        dynamo.putItem(b -> b.tableName(conflicting).item(java.util.Map.of("id", av("keep me"))));

        var results = new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings("dev"));

        var result = results.stream().filter(r -> r.table().equals(conflicting)).findFirst().orElseThrow();
        assertThat(result.action()).isEqualTo(TableInstaller.Action.CONFLICT);
        assertThat(result.detail()).startsWith("exists with another definition, left as it is: ")
                .contains("key schema: id HASH; expected " + keys(Expected.first().keys()));
        assertThat(dynamo.scan(b -> b.tableName(conflicting)).count()).isEqualTo(1);
        assertThat(results).filteredOn(r -> !r.table().equals(conflicting)).hasSize(Expected.tables().size() - 1)
                .allSatisfy(other -> {
                    assertThat(other.action()).isEqualTo(TableInstaller.Action.SKIPPED);
                    assertThat(other.detail()).isEqualTo("missing, not created: nothing is created while a table"
                            + " conflicts");
                });
        assertThat(dynamo.listTables().tableNames()).containsExactly(conflicting);
    }

    /** A key schema as the validator describes it: "PK HASH, SK RANGE". */
    private static String keys(KeySchema keys) {
        return keys.partitionKey().name() + " HASH" + keys.sortKeyIfAny().map(sort -> ", " + sort.name() + " RANGE")
                .orElse("");
    }

    // The catalogue and the engine agree: what one refuses, the other refuses too.

    @Test
    void a_BOOL_key_is_refused_by_the_catalogue_and_by_the_engine() {
        assertThatThrownBy(() -> KeyAttribute.of("active", "BOOL")).isInstanceOf(CatalogueException.class);

        assertEngineRefuses(request -> request.attributeDefinitions(
                attribute("PK", "S"), attribute("SK", "S"), attribute("active", "BOOL"))
                .globalSecondaryIndexes(index("ActiveIndex", "active")),
                "Member must satisfy enum value set: [B, N, S]");
    }

    @Test
    void an_unused_attribute_is_never_derived_by_the_catalogue_and_is_refused_by_the_engine() {
        for (TableDefinition table : Expected.tables()) {
            var used = new java.util.LinkedHashSet<KeyAttribute>(table.keys().attributes());
            table.indexes().forEach(index -> used.addAll(index.keys().attributes()));
            assertThat(table.attributeDefinitions()).as(table.id()).containsExactlyInAnyOrderElementsOf(used);
        }

        assertEngineRefuses(request -> request.attributeDefinitions(
                attribute("PK", "S"), attribute("SK", "S"), attribute("email", "S")),
                "The number of attributes in key schema must match the number of attributes defined"
                        + " in attribute definitions.");
    }

    @Test
    void a_duplicate_index_name_is_refused_by_the_catalogue_and_by_the_engine() {
        assertThatThrownBy(() -> definition(List.of(
                GlobalSecondaryIndex.of("ActiveIndex", number("active")),
                GlobalSecondaryIndex.of("ActiveIndex", string("email")))))
                .isInstanceOf(CatalogueException.class);

        assertEngineRefuses(request -> request.attributeDefinitions(
                attribute("PK", "S"), attribute("SK", "S"), attribute("active", "N"), attribute("email", "S"))
                .globalSecondaryIndexes(index("ActiveIndex", "active"), index("ActiveIndex", "email")),
                "Two global secondary indices have the same name");
    }

    @Test
    void twenty_indexes_are_accepted_by_both_and_twenty_one_refused_by_both() throws Exception {
        TableDefinition twenty = definition(indexes(20));
        dynamo.createTable(CreateTableRequests.of(twenty, settings("dev")));
        assertThat(dynamo.describeTable(b -> b.tableName("limits")).table().globalSecondaryIndexes()).hasSize(20);

        assertThatThrownBy(() -> definition(indexes(21))).isInstanceOf(CatalogueException.class);
        var attributes = new ArrayList<AttributeDefinition>(List.of(attribute("PK", "S"), attribute("SK", "S")));
        var gsis = new ArrayList<software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex>();
        IntStream.rangeClosed(1, 21).forEach(i -> {
            attributes.add(attribute("attribute" + i, "S"));
            gsis.add(index("Index" + i, "attribute" + i));
        });
        assertEngineRefuses(request -> request.attributeDefinitions(attributes).globalSecondaryIndexes(gsis),
                "GlobalSecondaryIndex count exceeds the per-table limit");
    }

    private void assertEngineRefuses(UnaryOperator<CreateTableRequest.Builder> fault, String message) {
        CreateTableRequest.Builder request = CreateTableRequest.builder().tableName("refused")
                .billingMode("PAY_PER_REQUEST")
                .keySchema(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build());
        assertThatThrownBy(() -> dynamo.createTable(fault.apply(request).build()))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining(message);
        assertThat(dynamo.listTables().tableNames()).doesNotContain("refused");
    }

    private static TableDefinition definition(List<GlobalSecondaryIndex> indexes) {
        return new TableDefinition("limits", TableName.fixed("limits"), KeySchema.of(string("PK"), string("SK")),
                indexes, Stream.disabled());
    }

    private static List<GlobalSecondaryIndex> indexes(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> GlobalSecondaryIndex.of("Index" + i, string("attribute" + i))).toList();
    }

    private static AttributeDefinition attribute(String name, String type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex index(String name, String key) {
        return software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                .projection(p -> p.projectionType("ALL")).build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue av(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }
}
