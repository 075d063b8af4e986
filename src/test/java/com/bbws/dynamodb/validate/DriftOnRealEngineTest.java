package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.local.CreateTableRequests;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.bbws.dynamodb.local.TableInstaller;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Each drift, injected with the SDK into tables the catalogue created on DynamoDB Local, fails
 * exactly its check, with a message that says what was found and what was expected.
 */
class DriftOnRealEngineTest {

    private final DynamoDbClient dynamo = DynamoDbLocal.client();

    @AfterEach
    void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    private StackSettings deployed(String stack) throws Exception {
        StackSettings settings = StackConfigFile.settings(Path.of("."), stack);
        new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings);
        return settings;
    }

    private List<Check> failures(StackSettings settings) throws CannotCheckException {
        return new TableValidator(dynamo, DynamoDbLocal.engine().endpoint().toString(), false)
                .validate(BbwsTables.CATALOGUE, settings).stream()
                .filter(check -> check.outcome() == Check.Outcome.FAIL).toList();
    }

    /** The engine, like AWS, shows a deleted index as DELETING for a moment. */
    private void awaitIndexGone(String table, String index) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var indexes = dynamo.describeTable(b -> b.tableName(table)).table().globalSecondaryIndexes();
            if (indexes.stream().noneMatch(i -> i.indexName().equals(index))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(index + " on " + table + " was not deleted within 5 s");
    }

    @Test
    void no_drift_no_failure() throws Exception {
        assertThat(failures(deployed("dev"))).isEmpty();
    }

    @Test
    void a_missing_table_fails_exists() throws Exception {
        StackSettings settings = deployed("dev");
        String table = name(Expected.first());
        dynamo.deleteTable(b -> b.tableName(table));

        assertThat(failures(settings)).singleElement().satisfies(check -> {
            assertThat(check.table()).isEqualTo(table);
            assertThat(check.name()).isEqualTo("exists");
            assertThat(check.detail()).startsWith("table not found at http://127.0.0.1:");
        });
    }

    @Test
    void a_missing_index_fails_that_index() throws Exception {
        StackSettings settings = deployed("dev");
        String table = name(Expected.withIndexes());
        String index = Expected.withIndexes().indexes().get(0).name();
        dynamo.updateTable(b -> b.tableName(table).globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName(index)).build()));
        awaitIndexGone(table, index);

        assertThat(failures(settings)).singleElement()
                .isEqualTo(new Check(table, "gsi " + index, Check.Outcome.FAIL, "missing"));
    }

    @Test
    void an_extra_index_fails_no_extra_GSIs() throws Exception {
        StackSettings settings = deployed("dev");
        String table = name(Expected.first());
        dynamo.updateTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("driftOwner").attributeType("S").build())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("DriftIndex")
                        .keySchema(KeySchemaElement.builder().attributeName("driftOwner").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType("ALL"))).build()));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check(table, "no extra GSIs",
                Check.Outcome.FAIL, "extra DriftIndex; expected none"));
    }

    @Test
    void a_wrong_key_schema_fails_key_schema() throws Exception {
        StackSettings settings = deployed("dev");
        TableDefinition definition = Expected.tables().stream().filter(t -> t.keys().sortKey() != null).findFirst()
                .orElseThrow();
        String table = name(definition);
        // the table as the catalogue creates it, but keyed on its partition key alone
        CreateTableRequest asCatalogued = CreateTableRequests.of(definition, settings);
        var used = new HashSet<String>(List.of(definition.keys().partitionKey().name()));
        definition.indexes().forEach(index -> index.keys().attributes().forEach(key -> used.add(key.name())));
        dynamo.deleteTable(b -> b.tableName(table));
        dynamo.createTable(asCatalogued.toBuilder()
                .keySchema(KeySchemaElement.builder().attributeName(definition.keys().partitionKey().name())
                        .keyType(KeyType.HASH).build())
                .attributeDefinitions(asCatalogued.attributeDefinitions().stream()
                        .filter(attribute -> used.contains(attribute.attributeName())).toList())
                .build());

        assertThat(failures(settings)).singleElement().isEqualTo(new Check(table, "key schema",
                Check.Outcome.FAIL, definition.keys().partitionKey().name() + " HASH; expected "
                        + definition.keys().partitionKey().name() + " HASH, " + definition.keys().sortKey().name()
                        + " RANGE"));
    }

    @Test
    void a_stream_turned_off_fails_stream() throws Exception {
        StackSettings settings = deployed("dev");
        TableDefinition definition = Expected.withStream().get(0);
        dynamo.updateTable(b -> b.tableName(name(definition)).streamSpecification(s -> s.streamEnabled(false)));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check(name(definition), "stream",
                Check.Outcome.FAIL, "disabled; expected " + definition.stream().viewType().orElseThrow()));
    }

    @Test
    void a_stream_turned_on_for_a_table_without_one_fails_stream() throws Exception {
        StackSettings settings = deployed("dev");
        String table = name(Expected.withoutStream().get(0));
        dynamo.updateTable(b -> b.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check(table, "stream",
                Check.Outcome.FAIL, "KEYS_ONLY; expected disabled"));
    }

    @Test
    void provisioned_billing_fails_billing_mode() throws Exception {
        StackSettings settings = deployed("dev");
        TableDefinition definition = Expected.first();
        // every index of a provisioned table needs its own throughput
        dynamo.updateTable(b -> b.tableName(name(definition)).billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .globalSecondaryIndexUpdates(definition.indexes().stream().map(index -> GlobalSecondaryIndexUpdate
                        .builder().update(u -> u.indexName(index.name())
                                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))).build())
                        .toList()));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check(name(definition), "billing mode",
                Check.Outcome.FAIL, "PROVISIONED; expected PAY_PER_REQUEST"));
    }

    @Test
    void deletion_protection_turned_off_in_prod_fails_deletion_protection() throws Exception {
        StackSettings settings = deployed("prod");
        String table = Expected.first().physicalName(Environment.PROD);
        dynamo.updateTable(b -> b.tableName(table).deletionProtectionEnabled(false));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check(table, "deletion protection",
                Check.Outcome.FAIL, "off; expected on"));
    }

    /** A table's name in dev, where every test but prod's deletion protection runs. */
    private static String name(TableDefinition table) {
        return table.physicalName(Environment.DEV);
    }
}
