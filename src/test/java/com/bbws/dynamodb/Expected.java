package com.bbws.dynamodb;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TablePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * What a test of a mechanism expects, derived from the catalogue as the program's rules say, never
 * counted or copied out of it: a catalogue change changes these, not the tests. The brief's facts
 * themselves are pinned in {@code contract/<stack>.json} and {@code BbwsTablesTest}.
 */
public final class Expected {

    /** The catalogue the program deploys. */
    public static final Catalogue CATALOGUE = BbwsTables.CATALOGUE;

    private Expected() {
    }

    /** The environment a stack is named after. */
    public static Environment environment(String stack) {
        return Environment.byId(stack).orElseThrow(() -> new AssertionError("no environment " + stack));
    }

    public static List<TableDefinition> tables() {
        return CATALOGUE.tables();
    }

    /** The table ids, in catalogue order (they name the Pulumi resources and the outputs). */
    public static List<String> ids() {
        return tables().stream().map(TableDefinition::id).toList();
    }

    /** The physical table names in an environment, in catalogue order. */
    public static List<String> tableNames(Environment environment) {
        return tables().stream().map(table -> table.physicalName(environment)).toList();
    }

    /** The first table in catalogue order: the one a command describes first, and names when that fails. */
    public static TableDefinition first() {
        return tables().get(0);
    }

    public static List<TableDefinition> withStream() {
        return tables().stream().filter(table -> table.stream().isEnabled()).toList();
    }

    public static List<TableDefinition> withoutStream() {
        return tables().stream().filter(table -> !table.stream().isEnabled()).toList();
    }

    /** A table with at least one index, the one a test takes an index from. */
    public static TableDefinition withIndexes() {
        return tables().stream().filter(table -> !table.indexes().isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("the catalogue has no table with an index"));
    }

    /** The plan's totals as it prints them first: {@code Totals: 3 tables, 7 GSIs, 3 PITR, 2 streams} for the brief. */
    public static String totals() {
        return totals(CATALOGUE);
    }

    public static String totals(Catalogue catalogue) {
        int tables = catalogue.tables().size();
        long streams = catalogue.tables().stream().filter(table -> table.stream().isEnabled()).count();
        return String.format("Totals: %d tables, %d GSIs, %d PITR, %d streams", tables, catalogue.indexCount(),
                TablePolicy.POINT_IN_TIME_RECOVERY ? tables : 0, streams);
    }

    /**
     * The checks {@code validate} makes of one table that exists, in its order: the structure (one per
     * index), then replicas, point-in-time recovery, encryption and tags.
     */
    public static List<String> tableChecks(TableDefinition table) {
        var checks = new ArrayList<String>(structureChecks(table));
        checks.addAll(List.of("replicas", "point-in-time recovery", "encryption", "tags"));
        return checks;
    }

    /** The checks that decide whether an existing table is the catalogue's: what any engine can answer. */
    public static List<String> structureChecks(TableDefinition table) {
        var checks = new ArrayList<>(List.of("exists", "key schema", "attribute types"));
        table.indexes().forEach(index -> checks.add("gsi " + index.name()));
        checks.addAll(List.of("no extra GSIs", "billing mode", "stream", "deletion protection"));
        return checks;
    }

    /** The checks of a table DynamoDB Local cannot answer (no continuous backups, SSE description or tagging). */
    public static final List<String> NOT_CHECKABLE_LOCALLY = List.of("point-in-time recovery", "encryption", "tags");

    /** Every table's checks, in catalogue order. */
    public static int tableCheckCount() {
        return tables().stream().mapToInt(table -> tableChecks(table).size()).sum();
    }

    /**
     * The SSM parameters published in an environment, in catalogue order: each table's name and ARN,
     * and its stream ARN where it has a stream.
     */
    public static List<String> parameterNames(Environment environment) {
        var names = new ArrayList<String>();
        for (TableDefinition table : tables()) {
            String path = "/bbws/" + environment.id() + "/dynamodb/" + table.id() + "/";
            names.add(path + "name");
            names.add(path + "arn");
            if (table.stream().isEnabled()) {
                names.add(path + "stream-arn");
            }
        }
        return names;
    }

    /**
     * The alarms of a stack with a topic, by name: per table its read and write throttles and system
     * errors, per index its read and write throttles ({@code bbws-dynamodb-<stack>-<table>[-<index>]-<metric>}).
     */
    public static List<String> alarmNames(String stack, Environment environment) {
        var names = new ArrayList<String>();
        for (TableDefinition table : tables()) {
            String prefix = "bbws-dynamodb-" + stack + "-" + table.physicalName(environment) + "-";
            for (String metric : List.of("ReadThrottleEvents", "WriteThrottleEvents")) {
                names.add(prefix + metric);
                for (GlobalSecondaryIndex index : table.indexes()) {
                    names.add(prefix + index.name() + "-" + metric);
                }
            }
            names.add(prefix + "SystemErrors");
        }
        return names;
    }
}
