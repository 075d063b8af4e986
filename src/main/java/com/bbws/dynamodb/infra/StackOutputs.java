package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.Context;
import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.outputs.TableReplica;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack outputs: the contract with downstream services. Renaming one breaks its consumers.
 * Per table {@code <id>TableName}, {@code <id>TableArn}, and where the stream is on
 * {@code <id>StreamArn}; where the table has replicas, {@code <id>ReplicaArns} and
 * {@code <id>ReplicaStreamArns} (region to ARN); and {@code tables}, all of them as one object
 * keyed by table id.
 */
public final class StackOutputs {

    /** The structured output holding every table's name, ARN, stream ARN and replicas. */
    public static final String ALL_TABLES = "tables";

    private StackOutputs() {
    }

    public static void export(Context ctx, StackSettings settings, Map<TableDefinition, Table> tables) {
        var entries = new ArrayList<Output<Map.Entry<String, Map<String, Object>>>>();
        tables.forEach((definition, table) -> {
            String id = definition.id();
            boolean stream = definition.stream().isEnabled();
            ctx.export(id + "TableName", table.name());
            ctx.export(id + "TableArn", table.arn());
            if (stream) {
                ctx.export(id + "StreamArn", table.streamArn());
            }
            Output<Map<String, Map<String, String>>> replicas = table.replicas()
                    .applyValue(r -> replicasByRegion(r.orElse(List.of())));
            if (!settings.replicaRegionsOf(definition).isEmpty()) {
                ctx.export(id + "ReplicaArns", replicas.applyValue(r -> pick(r, "arn")));
                ctx.export(id + "ReplicaStreamArns", replicas.applyValue(r -> pick(r, "streamArn")));
            }
            entries.add(Output.tuple(table.name(), table.arn(), table.streamArn(), replicas).applyValue(t -> {
                var outputs = new LinkedHashMap<String, Object>();
                outputs.put("name", t.t1);
                outputs.put("arn", t.t2);
                if (stream) {
                    outputs.put("streamArn", t.t3);
                }
                if (!t.t4.isEmpty()) {
                    outputs.put("replicas", t.t4);
                }
                return Map.entry(id, (Map<String, Object>) outputs);
            }));
        });
        ctx.export(ALL_TABLES, Output.all(entries).applyValue(StackOutputs::byId));
    }

    /** Region to {@code {arn, streamArn}} of each replica. */
    private static Map<String, Map<String, String>> replicasByRegion(List<TableReplica> replicas) {
        var byRegion = new LinkedHashMap<String, Map<String, String>>();
        // sorted, not Map.of: the plan and the state print the fields in the same order on every run
        replicas.forEach(replica -> byRegion.put(replica.regionName(), new java.util.TreeMap<>(Map.of(
                "arn", replica.arn().orElse(""), "streamArn", replica.streamArn().orElse("")))));
        return byRegion;
    }

    /** Region to one attribute of each replica. */
    private static Map<String, String> pick(Map<String, Map<String, String>> replicas, String attribute) {
        var map = new LinkedHashMap<String, String>();
        replicas.forEach((region, replica) -> map.put(region, replica.get(attribute)));
        return map;
    }

    private static Map<String, Map<String, Object>> byId(List<Map.Entry<String, Map<String, Object>>> entries) {
        var map = new LinkedHashMap<String, Map<String, Object>>();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
