package com.bbws.dynamodb.bench;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.local.LocalEngine;
import com.bbws.dynamodb.local.TableInstaller;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.AwsClients;
import com.bbws.dynamodb.validate.TableValidator;
import java.nio.file.Path;
import java.util.ArrayList;

/** {@code ValidatorBenchmark N...}: per N, the median milliseconds to validate N tables on DynamoDB Local. */
public final class ValidatorBenchmark {

    private ValidatorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        StackSettings settings = StackConfigFile.settings(Path.of("."), "sit");
        try (var engine = LocalEngine.startOnFreePort();
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), settings.region())) {
            for (String n : args) {
                Catalogue catalogue = SyntheticCatalogue.withTables(Integer.parseInt(n));
                new TableInstaller(dynamo).install(catalogue, settings);
                var validator = new TableValidator(dynamo, engine.endpoint().toString(), false);
                for (int i = 0; i < 5; i++) {
                    validator.validate(catalogue, settings);
                }
                var millis = new ArrayList<Double>();
                for (int i = 0; i < 15; i++) {
                    long start = System.nanoTime();
                    validator.validate(catalogue, settings);
                    millis.add((System.nanoTime() - start) / 1e6);
                }
                millis.sort(Double::compare);
                System.out.printf("validate tables=%s median_ms=%.1f%n", n, millis.get(millis.size() / 2));
                for (String table : dynamo.listTables().tableNames()) {
                    dynamo.deleteTable(b -> b.tableName(table));
                }
            }
        }
        // DynamoDB Local leaves a non-daemon worker thread behind after it stops
        System.exit(0);
    }
}
