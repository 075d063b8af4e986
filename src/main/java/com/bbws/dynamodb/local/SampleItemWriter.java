package com.bbws.dynamodb.local;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes {@link SampleItems} into a stack's tables. The keys are the same on every run, so writing
 * again replaces the sample items written before, and leaves every other item alone.
 */
public final class SampleItemWriter {

    /** DynamoDB's limit of items in one BatchWriteItem. */
    static final int BATCH_SIZE = 25;
    /** How often items the engine left unprocessed (throttled) are sent again before giving up. */
    static final int MAX_ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MILLIS = 50;

    /** How many sample items were written into a table (its physical name). */
    public record Written(String table, int items) {
    }

    private final DynamoDbClient dynamo;
    private final EngineCalls engine;
    private final long firstBackoffMillis;

    public SampleItemWriter(DynamoDbClient dynamo) {
        this(dynamo, FIRST_BACKOFF_MILLIS);
    }

    /** @param firstBackoffMillis the wait before the first retry, doubled before each next one */
    SampleItemWriter(DynamoDbClient dynamo, long firstBackoffMillis) {
        this.dynamo = dynamo;
        this.engine = new EngineCalls(dynamo);
        this.firstBackoffMillis = firstBackoffMillis;
    }

    /** Writes the first {@code count} sample items of every table of the catalogue, in catalogue order. */
    public List<Written> write(Catalogue catalogue, Environment environment, int count) throws LocalEngineException {
        var written = new ArrayList<Written>();
        for (TableDefinition table : catalogue.tables()) {
            String name = table.physicalName(environment);
            written.add(new Written(name, write(name, SampleItems.of(table, count))));
        }
        return written;
    }

    /** Writes the items in batches of {@link #BATCH_SIZE}; returns how many were written. */
    int write(String table, List<Map<String, AttributeValue>> items) throws LocalEngineException {
        for (int start = 0; start < items.size(); start += BATCH_SIZE) {
            List<WriteRequest> batch = items.subList(start, Math.min(start + BATCH_SIZE, items.size())).stream()
                    .map(item -> WriteRequest.builder().putRequest(put -> put.item(item)).build()).toList();
            writeBatch(table, batch);
        }
        return items.size();
    }

    private void writeBatch(String table, List<WriteRequest> batch) throws LocalEngineException {
        List<WriteRequest> pending = batch;
        long backoff = firstBackoffMillis;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<WriteRequest> sending = pending;
            BatchWriteItemResponse response = engine.call("BatchWriteItem " + table,
                    () -> dynamo.batchWriteItem(b -> b.requestItems(Map.of(table, sending))));
            pending = response.unprocessedItems().getOrDefault(table, List.of());
            if (pending.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            backoff *= 2;
        }
        throw new LocalEngineException(String.format("The engine at %s left %d sample items of %s unwritten"
                + " after %d attempts (throttled); run local again to write them.",
                engine.target(), pending.size(), table, MAX_ATTEMPTS));
    }
}
