package com.bbws.dynamodb.bench;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.infra.DynamoDbTables;
import com.bbws.dynamodb.infra.StackOutputs;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Program;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettingsReader;
import com.bbws.dynamodb.startup.CommonPool;
import com.pulumi.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The program's tables (and outputs) for a synthetic catalogue under the offline plan's mock engine.
 * Tables only, on purpose: the anchors (../shared/anchors) declare tables and nothing else, so the
 * program's alarms, backups and SSM parameters (App.stack) stay out of this like-for-like comparison;
 * the whole program is what the "plan sit" and gRPC subjects of bench/bench.py time.
 *
 * <pre>
 * PlanBenchmark once N            one plan of N tables, as a whole process (compare with the anchors)
 * PlanBenchmark inprocess N...    per N: median milliseconds of 15 plans after 5 warm-up plans, in one JVM
 * </pre>
 */
public final class PlanBenchmark {

    private PlanBenchmark() {
    }

    public static void main(String[] args) {
        CommonPool.ensurePulumiCanRun(); // as Main: pulumi-java livelocks on Java 25 with 2 CPUs otherwise
        Map<String, String> config = StackConfigFile.load(Path.of("."), "sit");
        if (args[0].equals("once")) {
            Plan plan = plan(config, Integer.parseInt(args[1]));
            System.out.println("tables=" + plan.resources().size());
            return;
        }
        for (String n : Arrays.copyOfRange(args, 1, args.length)) {
            int tables = Integer.parseInt(n);
            for (int i = 0; i < 5; i++) {
                plan(config, tables);
            }
            var millis = new ArrayList<Double>();
            for (int i = 0; i < 15; i++) {
                long start = System.nanoTime();
                plan(config, tables);
                millis.add((System.nanoTime() - start) / 1e6);
            }
            millis.sort(Double::compare);
            System.out.printf("inprocess tables=%d median_ms=%.1f%n", tables, millis.get(millis.size() / 2));
        }
    }

    private static Plan plan(Map<String, String> config, int tables) {
        Catalogue catalogue = SyntheticCatalogue.withTables(tables);
        Program program = (ctx, stackConfig) -> {
            var settings = StackSettingsReader.read(ctx.stackName(), stackConfig, catalogue);
            StackOutputs.export(ctx, settings, DynamoDbTables.declare(catalogue, settings,
                    com.bbws.dynamodb.infra.CustomerManagedKey.declare(settings)));
        };
        return OfflinePlan.of("sit", ConfigSource.of(config), program);
    }
}
