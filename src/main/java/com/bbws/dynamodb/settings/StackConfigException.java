package com.bbws.dynamodb.settings;

import com.pulumi.exceptions.RunException;
import java.util.List;

/**
 * A stack's config is wrong. A {@link RunException}, so the Pulumi engine shows the message
 * without a stack trace, and it is raised before any resource is registered.
 */
public final class StackConfigException extends RunException {

    /** Problems listed in the message; the rest are counted, so a broken file cannot flood the terminal. */
    static final int MAX_SHOWN = 25;

    private final String stack;
    private final List<String> problems;

    public StackConfigException(String stack, List<String> problems) {
        super(format(stack, problems));
        this.stack = stack;
        this.problems = List.copyOf(problems);
    }

    public String stack() {
        return stack;
    }

    /** Each problem as "key: what is wrong". */
    public List<String> problems() {
        return problems;
    }

    private static String format(String stack, List<String> problems) {
        if (problems.size() == 1) {
            return String.format("Stack '%s': %s", stack, problems.get(0));
        }
        var message = new StringBuilder(String.format(
                "Stack '%s' has %d config errors:", stack, problems.size()));
        problems.stream().limit(MAX_SHOWN).forEach(problem -> message.append("\n  - ").append(problem));
        if (problems.size() > MAX_SHOWN) {
            message.append(String.format("\n  - ... and %d more.", problems.size() - MAX_SHOWN));
        }
        return message.toString();
    }
}
