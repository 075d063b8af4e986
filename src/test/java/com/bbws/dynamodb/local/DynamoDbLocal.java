package com.bbws.dynamodb.local;

import com.bbws.dynamodb.validate.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One DynamoDB Local for the whole test run, on a free port (no collisions), started on first
 * use and stopped when the JVM exits. Tests delete their tables when they are done with them.
 */
public final class DynamoDbLocal {

    private static LocalEngine engine;
    private static DynamoDbClient client;

    private DynamoDbLocal() {
    }

    public static synchronized LocalEngine engine() {
        if (engine == null) {
            try {
                engine = LocalEngine.startOnFreePort();
            } catch (LocalEngineException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = AwsClients.dynamoDb(engine().endpoint(), "eu-west-1");
        }
        return client;
    }

    /** Drops every table, deletion protection or not: the engine is the tests' own. */
    public static void dropAllTables() {
        for (String table : client().listTables().tableNames()) {
            untilSettled(table);
            client().updateTable(b -> b.tableName(table).deletionProtectionEnabled(false));
            client().deleteTable(b -> b.tableName(table));
        }
    }

    /**
     * Waits while a test's index change is still under way: DynamoDB Local answers "unknown error"
     * (HTTP 500) to an UpdateTable on a table whose index is being deleted.
     */
    private static void untilSettled(String table) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            var description = client().describeTable(b -> b.tableName(table)).table();
            boolean settled = "ACTIVE".equals(description.tableStatusAsString())
                    && description.globalSecondaryIndexes().stream()
                    .allMatch(index -> "ACTIVE".equals(index.indexStatusAsString()));
            if (settled) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
