package com.bbws.dynamodb.contract;

import com.bbws.dynamodb.contract.Contract.Attribute;
import com.bbws.dynamodb.contract.Contract.Index;
import com.bbws.dynamodb.contract.Contract.Keys;
import com.bbws.dynamodb.contract.Contract.Parameter;
import com.bbws.dynamodb.contract.Contract.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Every change from one version of a contract to another, classified as {@code buf breaking} and
 * japicmp classify API changes: compatible, disruptive (consumers break until they adapt) or
 * destructive (a table is replaced or deleted).
 */
public final class ContractDiff {

    static final String REPLACED = "DynamoDB cannot change this in place: the table is replaced by a new, empty one;"
            + " its data is lost without a migration";
    static final String INDEX_REBUILT = "the index is deleted and built again: queries on it fail until it is ACTIVE";
    static final String NEW_STREAM_ARN = "the table gets a new stream ARN: every event source mapping and stream consumer"
            + " must be recreated with it";

    private ContractDiff() {
    }

    /** The changes from {@code base} to {@code current}, destructive first, then disruptive, then compatible. */
    public static List<Change> between(Contract base, Contract current) {
        var changes = new ArrayList<Change>();
        tables(base.tables(), current.tables(), changes);
        outputs(base.outputs(), current.outputs(), changes);
        parameters(base.parameters(), current.parameters(), changes);
        changes.sort(Comparator.comparing((Change change) -> change.severity()).reversed());
        return changes;
    }

    private static void tables(Map<String, Table> base, Map<String, Table> current, List<Change> changes) {
        base.forEach((id, before) -> {
            Table after = current.get(id);
            if (after == null) {
                changes.add(Change.destructive(String.format("table %s (%s) removed", id, before.name()),
                        "Pulumi deletes the table and its data"));
            } else {
                table(id, before, after, changes);
            }
        });
        current.forEach((id, after) -> {
            if (!base.containsKey(id)) {
                changes.add(Change.compatible(String.format("table %s (%s) added", id, after.name()),
                        "a new table; nothing existing changes"));
            }
        });
    }

    private static void table(String id, Table before, Table after, List<Change> changes) {
        if (!before.name().equals(after.name())) {
            changes.add(Change.destructive(String.format("table %s: physical name changed from %s to %s", id,
                    before.name(), after.name()), REPLACED + ", and every consumer of the old name breaks"));
        }
        keys(id, before.keys(), after.keys(), changes);
        before.indexes().forEach((name, index) -> {
            Index now = after.indexes().get(name);
            if (now == null) {
                changes.add(Change.disruptive(String.format("table %s: GSI %s removed", id, name),
                        "queries on the index fail from the deploy on"));
            } else if (!index.keys().equals(now.keys())) {
                changes.add(Change.disruptive(String.format("table %s: GSI %s keys changed from %s to %s", id, name,
                        index.keys(), now.keys()), INDEX_REBUILT));
            } else if (!index.projection().equals(now.projection())) {
                changes.add(Change.disruptive(String.format("table %s: GSI %s projection changed from %s to %s", id,
                        name, index.projection(), now.projection()), INDEX_REBUILT));
            }
        });
        after.indexes().forEach((name, index) -> {
            if (!before.indexes().containsKey(name)) {
                changes.add(Change.compatible(String.format("table %s: GSI %s added (%s, projection %s)", id, name,
                        index.keys(), index.projection()), "queries can use it once it is ACTIVE"));
            }
        });
        if (before.items() == null && after.items() != null) {
            changes.add(Change.compatible(String.format("table %s: item schema published (%d attributes)", id,
                    after.items().size()), "the contract now describes the items; nothing on the table changes"));
        } else if (before.items() != null && after.items() != null) {
            items(id, before.items(), after.items(), keyAttributes(after), changes);
        }
        if (!before.stream().equals(after.stream())) {
            if (!after.stream().enabled()) {
                changes.add(Change.disruptive(String.format("table %s: stream turned off (was %s)", id, before.stream()),
                        "the stream and its ARN are gone: every event source mapping on it breaks"));
            } else if (!before.stream().enabled()) {
                changes.add(Change.disruptive(String.format("table %s: stream turned on (%s)", id, after.stream()),
                        NEW_STREAM_ARN));
            } else {
                changes.add(Change.disruptive(String.format("table %s: stream view type changed from %s to %s", id,
                        before.stream(), after.stream()), "the stream is turned off and on: " + NEW_STREAM_ARN));
            }
        }
    }

    /** The attributes that key the table or one of its indexes: their type changes are the keys' own changes. */
    private static java.util.Set<String> keyAttributes(Table table) {
        var names = new java.util.HashSet<String>();
        var keys = new ArrayList<Keys>(List.of(table.keys()));
        table.indexes().values().forEach(index -> keys.add(index.keys()));
        for (Keys k : keys) {
            names.add(k.partitionKey().name());
            if (k.sortKey() != null) {
                names.add(k.sortKey().name());
            }
        }
        return names;
    }

    /**
     * Item schema changes, for the services that write and read the items: what a writer may no longer write
     * or must now write, and what a reader may no longer find, is disruptive; what only allows more is not.
     */
    private static void items(String id, Map<String, Attribute> before, Map<String, Attribute> after,
                              java.util.Set<String> keyAttributes, List<Change> changes) {
        before.forEach((name, was) -> {
            Attribute now = after.get(name);
            String attribute = String.format("table %s: item attribute %s", id, name);
            if (now == null) {
                changes.add(Change.disruptive(attribute + " removed", "services that read it find it no longer"
                        + " described, and items may stop carrying it; a rename is a removal and an addition"));
                return;
            }
            if (!was.fullType().equals(now.fullType()) && !keyAttributes.contains(name)) {
                changes.add(Change.disruptive(String.format("%s type changed from %s to %s", attribute,
                        was.fullType(), now.fullType()), "items written before hold the old type: readers of either"
                        + " type break until the items are migrated"));
            }
            if (!was.required() && now.required()) {
                changes.add(Change.disruptive(attribute + " is now required", "every writer must set it, and"
                        + " items written before without it no longer conform"));
            } else if (was.required() && !now.required()) {
                changes.add(Change.disruptive(attribute + " is no longer required",
                        "readers must handle items without it"));
            }
            allowedValues(attribute, was.allowedValues(), now.allowedValues(), changes);
            if (!Objects.equals(was.format(), now.format())) {
                changes.add(Change.disruptive(String.format("%s format changed from %s to %s", attribute,
                        orAny(was.format()), orAny(now.format())), now.format() == null
                        ? "readers can no longer rely on the format" : "writers must write the new format, and"
                        + " items written before may not conform"));
            }
            bounds(attribute, was, now, changes);
            if (!Objects.equals(was.keyPattern(), now.keyPattern())) {
                changes.add(Change.disruptive(String.format("%s key pattern changed from %s to %s", attribute,
                        orAny(was.keyPattern()), orAny(now.keyPattern())), "items written with the old pattern are"
                        + " not found under the new one: their keys must be rewritten (a migration)"));
            }
        });
        after.forEach((name, now) -> {
            if (!before.containsKey(name)) {
                String text = String.format("table %s: item attribute %s (%s) added%s", id, name, now.fullType(),
                        now.required() ? ", required" : "");
                changes.add(now.required()
                        ? Change.disruptive(text, "every writer must set it, and items written before without it"
                                + " no longer conform")
                        : Change.compatible(text, "an optional attribute; existing items and writers still conform"));
            }
        });
    }

    /** Fewer allowed values is disruptive (writers of a removed value break); more is compatible. */
    private static void allowedValues(String attribute, List<String> was, List<String> now, List<Change> changes) {
        if (Objects.equals(was, now)) {
            return;
        }
        String text = String.format("%s allowed values changed from %s to %s", attribute, valuesText(was),
                valuesText(now));
        boolean widened = now == null || (was != null && now.containsAll(was));
        changes.add(widened ? Change.compatible(text, "every value allowed before is still allowed")
                : Change.disruptive(text, "writers of a value no longer allowed break, and items holding it no"
                        + " longer conform"));
    }

    /** A narrower range is disruptive; a wider one compatible. */
    private static void bounds(String attribute, Attribute was, Attribute now, List<Change> changes) {
        if (Objects.equals(was.minimum(), now.minimum()) && Objects.equals(was.maximum(), now.maximum())) {
            return;
        }
        boolean widened = (now.minimum() == null || (was.minimum() != null && now.minimum().compareTo(was.minimum()) <= 0))
                && (now.maximum() == null || (was.maximum() != null && now.maximum().compareTo(was.maximum()) >= 0));
        String text = String.format("%s range changed from %s to %s", attribute, range(was), range(now));
        changes.add(widened ? Change.compatible(text, "every value allowed before is still allowed")
                : Change.disruptive(text, "writers of a value outside the new range break, and items holding one"
                        + " no longer conform"));
    }

    private static String range(Attribute attribute) {
        return (attribute.minimum() == null ? "any" : attribute.minimum().toPlainString()) + ".."
                + (attribute.maximum() == null ? "any" : attribute.maximum().toPlainString());
    }

    private static String valuesText(List<String> values) {
        return values == null ? "any value" : String.join(", ", values);
    }

    private static String orAny(String value) {
        return value == null ? "none" : value;
    }

    /** Keys: a changed type of the same attribute is named as such; any other change as the whole schema. */
    private static void keys(String id, Keys before, Keys after, List<Change> changes) {
        if (before.equals(after)) {
            return;
        }
        boolean sameNames = before.partitionKey().name().equals(after.partitionKey().name())
                && Objects.equals(name(before.sortKey()), name(after.sortKey()));
        if (!sameNames) {
            changes.add(Change.destructive(String.format("table %s: key schema changed from %s to %s", id, before,
                    after), REPLACED));
            return;
        }
        for (Contract.Key[] pair : new Contract.Key[][] {{before.partitionKey(), after.partitionKey()},
                {before.sortKey(), after.sortKey()}}) {
            if (pair[0] != null && !pair[0].type().equals(pair[1].type())) {
                changes.add(Change.destructive(String.format("table %s: type of key %s changed from %s to %s", id,
                        pair[0].name(), pair[0].type(), pair[1].type()), REPLACED));
            }
        }
    }

    private static String name(Contract.Key key) {
        return key == null ? null : key.name();
    }

    private static void outputs(Map<String, Object> base, Map<String, Object> current, List<Change> changes) {
        base.forEach((name, shape) -> {
            if (!current.containsKey(name)) {
                changes.add(Change.disruptive(String.format("output %s removed", name), "consumers that read it"
                        + " (a StackReference, `pulumi stack output`) break; a rename is a removal and an addition"));
                return;
            }
            var before = flatten(name, shape);
            var after = flatten(name, current.get(name));
            var removed = new ArrayList<String>();
            var added = new ArrayList<String>();
            before.forEach((path, type) -> {
                if (!after.containsKey(path)) {
                    removed.add(path);
                } else if (!after.get(path).equals(type)) {
                    removed.add(path + " as " + type);
                    added.add(path + " as " + after.get(path));
                }
            });
            after.keySet().stream().filter(path -> !before.containsKey(path)).forEach(added::add);
            if (!removed.isEmpty()) {
                changes.add(Change.disruptive(String.format("output %s changed shape: no longer has %s%s", name,
                        String.join(", ", removed), added.isEmpty() ? "" : "; now has " + String.join(", ", added)),
                        "consumers that read the fields it no longer has break"));
            } else if (!added.isEmpty()) {
                changes.add(Change.compatible(String.format("output %s gained %s", name, String.join(", ", added)),
                        "existing fields are unchanged"));
            }
        });
        current.keySet().stream().filter(name -> !base.containsKey(name)).forEach(name -> changes.add(
                Change.compatible(String.format("output %s added", name), "a new output; nothing existing changes")));
    }

    /** Each leaf of a shape by its dotted path ("tables.tenants.streamArn" to "string"). */
    private static Map<String, String> flatten(String path, Object shape) {
        var leaves = new TreeMap<String, String>();
        if (shape instanceof Map<?, ?> map) {
            map.forEach((key, value) -> leaves.putAll(flatten(path + "." + key, value)));
        } else {
            leaves.put(path, String.valueOf(shape));
        }
        return leaves;
    }

    private static void parameters(Map<String, Parameter> base, Map<String, Parameter> current, List<Change> changes) {
        base.forEach((name, before) -> {
            Parameter after = current.get(name);
            if (after == null) {
                changes.add(Change.disruptive(String.format("SSM parameter %s removed", name),
                        "consumers that read it (Terraform data sources, services) fail"));
            } else if (!before.equals(after)) {
                changes.add(Change.disruptive(String.format("SSM parameter %s changed from %s %s to %s %s", name,
                        before.type(), before.value(), after.type(), after.value()),
                        "consumers keep the value they read until they read it again (a Terraform apply, a restart)"));
            }
        });
        current.forEach((name, after) -> {
            if (!base.containsKey(name)) {
                changes.add(Change.compatible(String.format("SSM parameter %s added", name),
                        "a new parameter; nothing existing changes"));
            }
        });
    }
}
