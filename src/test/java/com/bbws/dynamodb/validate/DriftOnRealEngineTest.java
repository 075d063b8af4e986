package com.bbws.dynamodb.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.bbws.dynamodb.local.TableInstaller;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
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
        dynamo.deleteTable(b -> b.tableName("products-dev"));

        assertThat(failures(settings)).singleElement().satisfies(check -> {
            assertThat(check.table()).isEqualTo("products-dev");
            assertThat(check.name()).isEqualTo("exists");
            assertThat(check.detail()).startsWith("table not found at http://127.0.0.1:");
        });
    }

    @Test
    void a_missing_index_fails_that_index() throws Exception {
        StackSettings settings = deployed("dev");
        dynamo.updateTable(b -> b.tableName("tenants").globalSecondaryIndexUpdates(
                GlobalSecondaryIndexUpdate.builder().delete(d -> d.indexName("EmailIndex")).build()));
        awaitIndexGone("tenants", "EmailIndex");

        assertThat(failures(settings)).singleElement()
                .isEqualTo(new Check("tenants", "gsi EmailIndex", Check.Outcome.FAIL, "missing"));
    }

    @Test
    void an_extra_index_fails_no_extra_GSIs() throws Exception {
        StackSettings settings = deployed("dev");
        dynamo.updateTable(b -> b.tableName("campaigns")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("owner").attributeType("S").build())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(c -> c.indexName("OwnerIndex")
                        .keySchema(KeySchemaElement.builder().attributeName("owner").keyType(KeyType.HASH).build())
                        .projection(p -> p.projectionType("ALL"))).build()));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check("campaigns", "no extra GSIs",
                Check.Outcome.FAIL, "extra OwnerIndex; expected none"));
    }

    @Test
    void a_wrong_key_schema_fails_key_schema() throws Exception {
        StackSettings settings = deployed("dev");
        dynamo.deleteTable(b -> b.tableName("products-dev"));
        dynamo.createTable(b -> b.tableName("products-dev").billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build())
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("PK").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("SK").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("active").attributeType("N").build())
                .globalSecondaryIndexes(g -> g.indexName("ActiveProductsIndex")
                        .keySchema(KeySchemaElement.builder().attributeName("active").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build())
                        .projection(p -> p.projectionType("ALL"))));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check("products-dev", "key schema",
                Check.Outcome.FAIL, "PK HASH; expected PK HASH, SK RANGE"));
    }

    @Test
    void a_stream_turned_off_fails_stream() throws Exception {
        StackSettings settings = deployed("dev");
        dynamo.updateTable(b -> b.tableName("tenants").streamSpecification(s -> s.streamEnabled(false)));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check("tenants", "stream",
                Check.Outcome.FAIL, "disabled; expected NEW_AND_OLD_IMAGES"));
    }

    @Test
    void a_stream_turned_on_for_products_fails_stream() throws Exception {
        StackSettings settings = deployed("dev");
        dynamo.updateTable(b -> b.tableName("products-dev")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.KEYS_ONLY)));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check("products-dev", "stream",
                Check.Outcome.FAIL, "KEYS_ONLY; expected disabled"));
    }

    @Test
    void provisioned_billing_fails_billing_mode() throws Exception {
        StackSettings settings = deployed("dev");
        dynamo.updateTable(b -> b.tableName("products-dev").billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().update(u -> u
                        .indexName("ActiveProductsIndex")
                        .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))).build()));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check("products-dev", "billing mode",
                Check.Outcome.FAIL, "PROVISIONED; expected PAY_PER_REQUEST"));
    }

    @Test
    void deletion_protection_turned_off_in_prod_fails_deletion_protection() throws Exception {
        StackSettings settings = deployed("prod");
        dynamo.updateTable(b -> b.tableName("campaigns").deletionProtectionEnabled(false));

        assertThat(failures(settings)).singleElement().isEqualTo(new Check("campaigns", "deletion protection",
                Check.Outcome.FAIL, "off; expected on"));
    }
}
