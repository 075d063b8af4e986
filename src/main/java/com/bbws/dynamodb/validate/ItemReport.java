package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.settings.Echo;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code validate --items} found: per table how many items it read, whether the limit stopped it, and
 * each item that breaks its schema, by its key and the rules it breaks. It holds no other attribute value.
 */
public record ItemReport(String stack, String target, int limit, List<TableItems> tables) {

    /** One rule an item breaks: the attribute (a list element as {@code features[1]}) and the rule. */
    public record Problem(String attribute, String rule) {
        @Override
        public String toString() {
            return attribute + ": " + rule;
        }
    }

    /** One item that does not conform: its key attributes' values (in key order) and the rules it breaks. */
    public record NonConforming(Map<String, String> key, List<Problem> problems) {
        public NonConforming {
            key = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(key));
            problems = List.copyOf(problems);
        }

        /** The key for the text report, each value's control and other unprintable characters escaped. */
        String keyText() {
            return key.entrySet().stream().map(e -> e.getKey() + "=" + Echo.visible(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * @param read         items read
     * @param limitReached the limit stopped the reading while the table may hold more
     */
    public record TableItems(String table, int read, boolean limitReached, List<NonConforming> nonConforming) {
        public TableItems {
            nonConforming = List.copyOf(nonConforming);
        }
    }

    public ItemReport {
        tables = List.copyOf(tables);
    }

    public long itemsRead() {
        return tables.stream().mapToLong(TableItems::read).sum();
    }

    public long nonConforming() {
        return tables.stream().mapToLong(table -> table.nonConforming().size()).sum();
    }

    /** {@link ValidationReport#ALL_HOLD} when every item read conforms, else {@link ValidationReport#DIFFERS}. */
    public int exitCode() {
        return nonConforming() == 0 ? ValidationReport.ALL_HOLD : ValidationReport.DIFFERS;
    }

    /**
     * The report for a person: item keys (and map keys in attribute paths) are written with their control and
     * other unprintable characters escaped ({@link Echo#visible}), so a stored key cannot forge report lines or
     * send the terminal an escape sequence. {@link #json()} holds them as they are, JSON-escaped.
     */
    public String text() {
        var out = new StringBuilder();
        for (TableItems table : tables) {
            out.append(String.format("%s: %s read (%s), %s%n", table.table(), items(table.read()), extent(table),
                    table.nonConforming().isEmpty() ? "all conform" : doNotConform(table.nonConforming().size())));
            for (NonConforming item : table.nonConforming()) {
                out.append(String.format("  FAIL  %s%n", item.keyText()));
                // a list or map element's path may hold a map key the item chose
                item.problems().forEach(problem -> out.append(String.format("          %s%n", Echo.visible(problem.toString()))));
            }
        }
        out.append(String.format("%nStack '%s' at %s: %s read in %d tables (at most %d each), %s.%n", stack, target,
                items(itemsRead()), tables.size(), limit, doNotConform(nonConforming())));
        return out.toString();
    }

    private static String items(long count) {
        return count + (count == 1 ? " item" : " items");
    }

    private static String doNotConform(long count) {
        return count + (count == 1 ? " does not conform" : " do not conform");
    }

    private String extent(TableItems table) {
        return table.limitReached() ? "stopped at the limit of " + limit + "; the table may hold more"
                : "the whole table";
    }

    public String json() {
        var document = new LinkedHashMap<String, Object>();
        document.put("stack", stack);
        document.put("target", target);
        document.put("limit", limit);
        document.put("tables", tables.stream().map(table -> {
            var json = new LinkedHashMap<String, Object>();
            json.put("table", table.table());
            json.put("itemsRead", table.read());
            json.put("limitReached", table.limitReached());
            json.put("nonConforming", table.nonConforming().stream().map(item -> {
                var nonConforming = new LinkedHashMap<String, Object>();
                nonConforming.put("key", item.key());
                nonConforming.put("problems", item.problems().stream().map(problem -> {
                    var rule = new LinkedHashMap<String, String>();
                    rule.put("attribute", problem.attribute());
                    rule.put("rule", problem.rule());
                    return rule;
                }).toList());
                return nonConforming;
            }).toList());
            return json;
        }).toList());
        var summary = new LinkedHashMap<String, Object>();
        summary.put("itemsRead", itemsRead());
        summary.put("nonConforming", nonConforming());
        document.put("summary", summary);
        document.put("exitCode", exitCode());
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document);
    }
}
