package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.validate.Check.Outcome;
import com.bbws.dynamodb.settings.Echo;
import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks of one validation run, rendered one line per check, then a summary. */
public record ValidationReport(String stack, String target, List<Check> checks) {

    /** Every check held (or could not be made on this engine). */
    public static final int ALL_HOLD = 0;
    /** At least one check failed: the live tables differ from the definitions. */
    public static final int DIFFERS = 1;
    /** Nothing could be checked; see the message. */
    public static final int COULD_NOT_CHECK = 2;

    public ValidationReport {
        checks = List.copyOf(checks);
    }

    public long count(Outcome outcome) {
        return checks.stream().filter(check -> check.outcome() == outcome).count();
    }

    public int exitCode() {
        return count(Outcome.FAIL) == 0 ? ALL_HOLD : DIFFERS;
    }

    /**
     * The report for a person. A check's detail quotes what AWS (or whatever answers at the endpoint) returned:
     * tag values, policy documents, names, error messages. Its control and other unprintable characters are
     * escaped ({@link Echo#visible}), as are the table and check names, so an answer cannot forge report lines or
     * send the terminal an escape sequence. {@link #json()} holds them as they are, JSON-escaped.
     */
    public String text() {
        var out = new StringBuilder();
        List<List<String>> rows = checks.stream().map(check -> List.of(label(check.outcome()),
                Echo.visible(check.table()), Echo.visible(check.name()), Echo.visible(check.detail()))).toList();
        int tableWidth = rows.stream().mapToInt(row -> row.get(1).length()).max().orElse(5);
        int checkWidth = rows.stream().mapToInt(row -> row.get(2).length()).max().orElse(5);
        String line = "%-13s %-" + tableWidth + "s  %-" + checkWidth + "s  %s%n";
        for (List<String> row : rows) {
            out.append(String.format(line, row.toArray()));
        }
        out.append(String.format("%nStack '%s' at %s: %d passed, %d failed, %d not checkable here.%n",
                stack, target, count(Outcome.PASS), count(Outcome.FAIL), count(Outcome.NOT_CHECKABLE)));
        return out.toString();
    }

    public String json() {
        var document = new LinkedHashMap<String, Object>();
        document.put("stack", stack);
        document.put("target", target);
        document.put("checks", checks);
        document.put("summary", Map.of("passed", count(Outcome.PASS), "failed", count(Outcome.FAIL),
                "notCheckable", count(Outcome.NOT_CHECKABLE)));
        document.put("exitCode", exitCode());
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(document);
    }

    private static String label(Outcome outcome) {
        return switch (outcome) {
            case PASS -> "PASS";
            case FAIL -> "FAIL";
            case NOT_CHECKABLE -> "NOT CHECKABLE";
        };
    }
}
