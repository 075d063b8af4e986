package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.catalogue.TableDefinition;
import com.pulumi.Context;
import com.pulumi.aws.dynamodb.Table;
import com.pulumi.core.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stack outputs: the contract with downstream services. Renaming one breaks its consumers.
 * Per table {@code <id>TableName}, {@code <id>TableArn} and, where the stream is on,
 * {@code <id>StreamArn}; and {@code tables}, all of them as one object keyed by table id.
 */
public final class StackOutputs {

    /** The structured output holding every table's name, ARN and stream ARN. */
    public static final String ALL_TABLES = "tables";

    private StackOutputs() {
    }

    public static void export(Context ctx, Map<TableDefinition, Table> tables) {
        var entries = new ArrayList<Output<Map.Entry<String, Map<String, String>>>>();
        tables.forEach((definition, table) -> {
            String id = definition.id();
            ctx.export(id + "TableName", table.name());
            ctx.export(id + "TableArn", table.arn());
            Output<Map<String, String>> entry;
            if (definition.stream().isEnabled()) {
                ctx.export(id + "StreamArn", table.streamArn());
                entry = Output.tuple(table.name(), table.arn(), table.streamArn())
                        .applyValue(t -> outputsOf(t.t1, t.t2, t.t3));
            } else {
                entry = Output.tuple(table.name(), table.arn()).applyValue(t -> outputsOf(t.t1, t.t2, null));
            }
            entries.add(entry.applyValue(map -> Map.entry(id, map)));
        });
        ctx.export(ALL_TABLES, Output.all(entries).applyValue(StackOutputs::byId));
    }

    private static Map<String, String> outputsOf(String name, String arn, String streamArn) {
        var map = new LinkedHashMap<String, String>();
        map.put("name", name);
        map.put("arn", arn);
        if (streamArn != null) {
            map.put("streamArn", streamArn);
        }
        return map;
    }

    private static Map<String, Map<String, String>> byId(List<Map.Entry<String, Map<String, String>>> entries) {
        var map = new LinkedHashMap<String, Map<String, String>>();
        entries.forEach(entry -> map.put(entry.getKey(), entry.getValue()));
        return map;
    }
}
