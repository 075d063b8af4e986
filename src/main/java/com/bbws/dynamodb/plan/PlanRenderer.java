package com.bbws.dynamodb.plan;

import com.google.gson.GsonBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints a {@link Plan}: as text for a reviewer, or as JSON for machines. */
public final class PlanRenderer {

    private PlanRenderer() {
    }

    /** The resource graph a reviewer needs, one block per table, then totals and outputs. */
    public static String text(Plan plan) {
        var out = new StringBuilder();
        out.append(String.format("Offline plan of stack '%s': account %s, region %s%n",
                plan.stack(), plan.accountId(), plan.region()));
        out.append("The program ran under Pulumi's mock engine: no credentials, no AWS call.%n".formatted());
        plan.notCheckedOffline().forEach(note -> out.append("Not checked offline: ").append(note)
                .append(System.lineSeparator()));
        for (PlannedResource resource : plan.resources()) {
            out.append(String.format("%n+ %s  %s  (%s)%n", resource.type(), resource.name(),
                    resource.importId() == null ? "create"
                            : "adopt the existing table '" + resource.importId() + "'"));
            Map<String, String> lines = switch (resource.type()) {
                case PredictingMocks.TABLE -> table(resource);
                case PredictingMocks.PARAMETER -> parameter(resource);
                default -> other(resource);
            };
            lines.forEach((label, value) -> out.append(String.format("    %-28s %s%n", label, value)));
        }
        Totals totals = Totals.of(plan);
        out.append(String.format("%nTotals: %d tables, %d GSIs, %d PITR, %d streams, %d replicas, %d backup plans,"
                + " %d alarms, %d SSM parameters%n", totals.tables(), totals.indexes(), totals.pointInTimeRecovery(),
                totals.streams(), totals.replicas(), totals.backupPlans(), totals.alarms(), totals.parameters()));
        out.append(String.format("%nOutputs (%s: assigned by AWS at deploy time):%n", Plan.KNOWN_AFTER_DEPLOY));
        new TreeMap<>(plan.outputs()).forEach((name, value) -> {
            if (!(value instanceof Map)) {
                out.append(String.format("    %-28s %s%n", name, value));
            }
        });
        new TreeMap<>(plan.outputs()).forEach((name, value) -> {
            if (value instanceof Map) {
                out.append(String.format("    %-28s %s%n", name, json(value).replace("\n", "\n    ")));
            }
        });
        List<PlannedResource> parameters = plan.resourcesOfType(PredictingMocks.PARAMETER);
        if (!parameters.isEmpty()) {
            out.append(String.format("%nSSM parameters (type String; consumers read them by name, see"
                    + " docs/contract.md):%n"));
            parameters.forEach(parameter -> out.append(String.format("    %-44s %s%n", parameter.inputs().get("name"),
                    parameter.inputs().get("value"))));
        }
        return out.toString();
    }

    /** Every resource with its type token, logical name, inputs and options, then the outputs. */
    public static String json(Plan plan) {
        var document = new LinkedHashMap<String, Object>();
        document.put("stack", plan.stack());
        document.put("accountId", plan.accountId());
        document.put("region", plan.region());
        var resources = new ArrayList<Map<String, Object>>();
        for (PlannedResource resource : plan.resources()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("type", resource.type());
            entry.put("name", resource.name());
            entry.put("inputs", new TreeMap<>(resource.inputs()));
            var options = new LinkedHashMap<String, Object>();
            options.put("protect", resource.protect());
            options.put("import", resource.importId());
            entry.put("options", options);
            entry.put("action", resource.action());
            resources.add(entry);
        }
        document.put("resources", resources);
        document.put("totals", Totals.of(plan));
        document.put("outputs", new TreeMap<>(plan.outputs()));
        document.put("knownAfterDeploy", knownAfterDeploy(plan));
        document.put("notCheckedOffline", plan.notCheckedOffline());
        return json(document);
    }

    private static Map<String, String> table(PlannedResource resource) {
        Map<String, Object> in = resource.inputs();
        var lines = new LinkedHashMap<String, String>();
        lines.put("name", String.valueOf(in.get("name")));
        lines.put("billing", String.valueOf(in.get("billingMode")));
        Map<Object, Object> types = maps(in.get("attributes")).stream()
                .collect(Collectors.toMap(a -> a.get("name"), a -> a.get("type")));
        lines.put("keys", keys(types, in.get("hashKey"), in.get("rangeKey")));
        lines.put("attributes", maps(in.get("attributes")).stream()
                .map(a -> a.get("name") + " " + a.get("type")).collect(Collectors.joining(", ")));
        for (Map<String, Object> index : maps(in.get("globalSecondaryIndexes"))) {
            lines.put("GSI " + index.get("name"), keys(types, index.get("hashKey"), index.get("rangeKey"))
                    + "; projection " + index.get("projectionType"));
        }
        lines.put("point-in-time recovery", enabled(map(in.get("pointInTimeRecovery")).get("enabled")));
        lines.put("stream", Boolean.TRUE.equals(in.get("streamEnabled"))
                ? String.valueOf(in.get("streamViewType")) : "disabled");
        Map<String, Object> sse = map(in.get("serverSideEncryption"));
        lines.put("encryption", !Boolean.TRUE.equals(sse.get("enabled")) ? "disabled"
                : sse.containsKey("kmsKeyArn") ? "customer managed key " + sse.get("kmsKeyArn") : "AWS managed key");
        lines.put("deletion protection", enabled(in.get("deletionProtectionEnabled")));
        List<Map<String, Object>> replicas = maps(in.get("replicas"));
        lines.put("replicas", replicas.isEmpty() ? "none" : replicas.stream()
                .map(r -> String.format("%s (PITR %s, tags %s%s)", r.get("regionName"), enabled(r.get("pointInTimeRecovery")),
                        Boolean.TRUE.equals(r.get("propagateTags")) ? "propagated" : "not propagated",
                        r.containsKey("kmsKeyArn") ? ", key " + r.get("kmsKeyArn") : ""))
                .collect(Collectors.joining(", ")));
        lines.put("protect", protect(resource));
        lines.put("tags", new TreeMap<>(map(in.get("tags"))).entrySet().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", ")));
        return lines;
    }

    /** An SSM parameter: where consumers find it, what it holds, and its tags. */
    private static Map<String, String> parameter(PlannedResource resource) {
        Map<String, Object> in = resource.inputs();
        var lines = new LinkedHashMap<String, String>();
        lines.put("name", String.valueOf(in.get("name")));
        lines.put("type", String.valueOf(in.get("type")));
        lines.put("value", String.valueOf(in.get("value")));
        lines.put("description", String.valueOf(in.get("description")));
        lines.put("protect", protect(resource));
        lines.put("tags", new TreeMap<>(map(in.get("tags"))).entrySet().stream()
                .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", ")));
        return lines;
    }

    /** Any other resource: its inputs as registered, one per line, and protect. */
    private static Map<String, String> other(PlannedResource resource) {
        var lines = new LinkedHashMap<String, String>();
        new TreeMap<>(resource.inputs()).forEach((name, value) -> {
            if (!name.equals("tags")) {
                lines.put(name, value instanceof String text ? text : json(value).replaceAll("\\s*\n\\s*", " "));
            }
        });
        lines.put("protect", protect(resource));
        return lines;
    }

    private static String protect(PlannedResource resource) {
        return resource.protect() ? "yes (Pulumi refuses to delete or replace it)" : "no";
    }

    private static String keys(Map<Object, Object> types, Object partitionKey, Object sortKey) {
        String partition = String.format("partition %s (%s)", partitionKey, types.get(partitionKey));
        return sortKey == null ? partition : String.format("%s, sort %s (%s)", partition, sortKey, types.get(sortKey));
    }

    private static String enabled(Object flag) {
        return Boolean.TRUE.equals(flag) ? "enabled" : "disabled";
    }

    private static List<String> knownAfterDeploy(Plan plan) {
        return new TreeMap<>(plan.outputs()).entrySet().stream()
                .filter(output -> String.valueOf(output.getValue()).contains(Plan.KNOWN_AFTER_DEPLOY))
                .map(Map.Entry::getKey).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private static String json(Object value) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(value);
    }

    /** The counts a reviewer checks first (the brief: 3 tables, 7 GSIs, 3 PITR, 2 streams). */
    record Totals(int tables, int indexes, int pointInTimeRecovery, int streams, int replicas, int backupPlans,
                  int alarms, int parameters) {
        static Totals of(Plan plan) {
            List<PlannedResource> tables = plan.resourcesOfType(PredictingMocks.TABLE);
            return new Totals(
                    tables.size(),
                    tables.stream().mapToInt(t -> maps(t.inputs().get("globalSecondaryIndexes")).size()).sum(),
                    (int) tables.stream()
                            .filter(t -> Boolean.TRUE.equals(map(t.inputs().get("pointInTimeRecovery")).get("enabled")))
                            .count(),
                    (int) tables.stream().filter(t -> Boolean.TRUE.equals(t.inputs().get("streamEnabled"))).count(),
                    tables.stream().mapToInt(t -> maps(t.inputs().get("replicas")).size()).sum(),
                    plan.resourcesOfType(PredictingMocks.BACKUP_PLAN).size(),
                    plan.resourcesOfType(PredictingMocks.METRIC_ALARM).size(),
                    plan.resourcesOfType(PredictingMocks.PARAMETER).size());
        }
    }
}
