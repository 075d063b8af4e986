package com.bbws.dynamodb.delivery;

import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlannedResource;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The permissions data (deploy/permissions.json) applied to one stack's offline plan: every AWS request
 * that `pulumi preview`, `pulumi up` and `validate` make for what the stack declares, with the
 * concrete resource ARN and the request context IAM sees.
 */
final class RequiredPermissions {

    static final Path DATA = Path.of("deploy", "permissions.json");
    /** Stands in, in a request, for an id AWS assigns at create time (a key id, a backup plan id). */
    static final String SAMPLE_ID = "0a1b2c3d-0000-4000-8000-000000000000";

    private static final Pattern VARIABLE = Pattern.compile("\\{([a-z]+)(?::([A-Za-z.]+))?}");

    /**
     * One request: an action on a resource, why it is needed and where that comes from.
     *
     * @param policyResource  the ARN as a policy grants it ({@code *} where AWS assigns the id)
     * @param requestResource the ARN a real request carries (a sample id where AWS assigns it)
     * @param condition       the condition the grant carries, e.g. {@code {StringEquals: {iam:PassedToService: ...}}}
     * @param context         the request context that satisfies the condition
     * @param denyIn          stacks whose deploy role must be explicitly denied this request
     * @param replicaChange   needed only while a replica is added: in add-replica-permissions.json, not the
     *                        everyday deploy policy
     * @param denyResource    where the stack denies the request, the ARN pattern denied (null: the request's own)
     */
    record Requirement(String type, String resourceName, String operation, String statement, String action,
                       String policyResource, String requestResource, Map<String, Map<String, String>> condition,
                       Map<String, String> context, Set<String> denyIn, boolean replicaChange, String denyResource,
                       String source, String why) {

        boolean isRead() {
            return operation.equals("read");
        }

        boolean deniedIn(String stack) {
            return denyIn.contains(stack);
        }

        /** "create aws:dynamodb/table:Table 'tenants' (internal/service/dynamodb/table.go: ...)" */
        String purpose() {
            return String.format("%s %s '%s'; %s", operation, type, resourceName, source);
        }
    }

    private final JsonObject data;

    private RequiredPermissions(JsonObject data) {
        this.data = data;
    }

    static RequiredPermissions load() {
        return from(read(DATA));
    }

    static RequiredPermissions from(JsonObject data) {
        return new RequiredPermissions(data);
    }

    JsonObject data() {
        return data.deepCopy();
    }

    /**
     * The item-level actions no everyday policy may allow on any table, index, stream or replica, and the
     * stacks whose deploy role denies them explicitly.
     */
    record ItemAccess(List<String> actions, String resource, Set<String> denyIn) {
    }

    ItemAccess itemAccess() {
        JsonObject items = data.getAsJsonObject("itemAccess");
        var actions = new ArrayList<String>();
        items.getAsJsonArray("actions").forEach(a -> actions.add(a.getAsString()));
        var denyIn = new java.util.TreeSet<String>();
        items.getAsJsonArray("denyIn").forEach(stack -> denyIn.add(stack.getAsString()));
        return new ItemAccess(List.copyOf(actions), items.get("resource").getAsString(), denyIn);
    }

    /** The resource types the data has entries for. */
    Set<String> types() {
        return data.getAsJsonObject("resourceTypes").keySet();
    }

    /** Every type the plan declares that the data has no entry for, with a resource of that type. */
    Map<String, String> missingTypes(Plan plan) {
        var missing = new TreeMap<String, String>();
        for (PlannedResource resource : plan.resources()) {
            if (!types().contains(resource.type())) {
                missing.putIfAbsent(resource.type(), resource.name());
            }
        }
        return missing;
    }

    /**
     * Every request the stack needs: the provider's own, each declared resource's, and the state backend's.
     *
     * @throws IllegalStateException when the plan declares a type the data has no entry for
     */
    List<Requirement> of(Plan plan) {
        Map<String, String> missing = missingTypes(plan);
        if (!missing.isEmpty()) {
            var lines = new ArrayList<String>();
            missing.forEach((type, name) -> lines.add(String.format("Stack '%s' declares %s ('%s'), which %s has no"
                    + " entry for: add the AWS actions the provider calls for it, with their source.", plan.stack(), type,
                    name, DATA)));
            throw new IllegalStateException(String.join("\n", lines));
        }
        var requirements = new ArrayList<Requirement>();
        for (JsonElement entry : data.getAsJsonArray("always")) {
            requirements.addAll(apply(plan, "(provider)", "every stack", Map.of(), entry.getAsJsonObject()));
        }
        for (PlannedResource resource : plan.resources()) {
            JsonObject type = data.getAsJsonObject("resourceTypes").getAsJsonObject(resource.type());
            for (JsonElement entry : type.getAsJsonArray("permissions")) {
                requirements.addAll(apply(plan, resource.type(), resource.name(), resource.inputs(),
                        entry.getAsJsonObject()));
            }
        }
        for (JsonElement entry : data.getAsJsonArray("state")) {
            requirements.addAll(apply(plan, "(Pulumi state)", plan.stack(), Map.of(), entry.getAsJsonObject()));
        }
        return requirements;
    }

    private static List<Requirement> apply(Plan plan, String type, String name, Map<String, Object> inputs,
                                           JsonObject entry) {
        var scopes = new ArrayList<Map<String, Object>>();
        if (entry.has("each")) {
            for (Object element : list(inputs.get(entry.get("each").getAsString()))) {
                scopes.add(map(element));
            }
        } else {
            scopes.add(inputs);
        }
        var requirements = new ArrayList<Requirement>();
        for (Map<String, Object> scope : scopes) {
            if (entry.has("when") && lookup(scope, entry.get("when").getAsString()) == null
                    || entry.has("unless") && lookup(scope, entry.get("unless").getAsString()) != null) {
                continue;
            }
            var variables = new Variables(plan, inputs, scope, type, name);
            String resolved = variables.resolve(entry.get("resource").getAsString());
            String granted = entry.has("grant") ? variables.resolve(entry.get("grant").getAsString()) : resolved;
            var condition = new LinkedHashMap<String, Map<String, String>>();
            var context = new TreeMap<String, String>();
            if (entry.has("condition")) {
                entry.getAsJsonObject("condition").entrySet().forEach(operator -> {
                    var values = new TreeMap<String, String>();
                    operator.getValue().getAsJsonObject().entrySet().forEach(key -> {
                        String value = variables.resolve(key.getValue().getAsString());
                        values.put(key.getKey(), value);
                        context.put(key.getKey(), value);
                    });
                    condition.put(operator.getKey(), values);
                });
            }
            var denyIn = new java.util.TreeSet<String>();
            if (entry.has("denyIn")) {
                entry.getAsJsonArray("denyIn").forEach(stack -> denyIn.add(stack.getAsString()));
            }
            for (JsonElement action : entry.getAsJsonArray("actions")) {
                requirements.add(new Requirement(type, name, entry.get("operation").getAsString(),
                        entry.get("statement").getAsString(), action.getAsString(),
                        granted.replace(Plan.KNOWN_AFTER_DEPLOY, "*"),
                        resolved.replace(Plan.KNOWN_AFTER_DEPLOY, SAMPLE_ID),
                        condition, context, denyIn,
                        entry.has("replicaChange") && entry.get("replicaChange").getAsBoolean(),
                        entry.has("denyResource") ? variables.resolve(entry.get("denyResource").getAsString()) : null,
                        entry.get("source").getAsString(),
                        entry.has("why") ? entry.get("why").getAsString() : null));
            }
        }
        return requirements;
    }

    /** A template of the stack's own variables ({region}, {account}, {stack}, {project}), resolved for the plan. */
    static String resolve(Plan plan, String template) {
        return new Variables(plan, Map.of(), Map.of(), "(stack)", plan.stack()).resolve(template);
    }

    /** The template variables of one entry for one resource (and one element of its `each` list). */
    private record Variables(Plan plan, Map<String, Object> inputs, Map<String, Object> each, String type,
                             String name) {

        String resolve(String template) {
            Matcher matcher = VARIABLE.matcher(template);
            var out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1), matcher.group(2))));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private String value(String variable, String path) {
            Object value = switch (variable) {
                case "region" -> plan.region();
                case "account" -> plan.accountId();
                case "stack" -> plan.stack();
                case "project" -> Stacks.projectName();
                case "generated" -> Plan.KNOWN_AFTER_DEPLOY;
                case "in" -> lookup(inputs, path);
                case "each" -> lookup(each, path);
                default -> throw new IllegalStateException(DATA + ": unknown template variable {" + variable + "}");
            };
            if (value == null) {
                throw new IllegalStateException(String.format("%s: {%s:%s} is not set on %s '%s'; give the entry"
                        + " a `when` if it applies only when set.", DATA, variable, path, type, name));
            }
            return String.valueOf(value);
        }
    }

    /** The value at a dotted path of nested maps, or null. */
    static Object lookup(Map<String, Object> inputs, String path) {
        Object value = inputs;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static JsonObject read(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
