package com.bbws.dynamodb.settings;

/**
 * A user's value, quoted in a message: shortened when long, control characters made visible. Also text others
 * control (item keys, what AWS answers) made safe to print on a terminal: {@link #visible}.
 */
public final class Echo {

    /** Longer values are cut to their first characters, with the length said. */
    static final int MAX_SHOWN = 100;

    private Echo() {
    }

    /** {@code 'value'}, or {@code 'first characters...' (12345 characters)}. */
    public static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String visible = visible(value);
        if (value.length() <= MAX_SHOWN) {
            return "'" + visible + "'";
        }
        String start = visible.substring(0, visible.offsetByCodePoints(0, Math.min(MAX_SHOWN,
                visible.codePointCount(0, visible.length()))));
        return String.format("'%s...' (%d characters)", start, value.length());
    }

    /**
     * The text with every character a terminal would not show as itself written as a visible escape: control
     * characters (line breaks, tabs, ESC, which starts a terminal escape sequence, ...) as {@code \n}, {@code \r},
     * {@code \t} or {@code \\u001b}; format characters (right-to-left overrides, zero-width spaces), line and
     * paragraph separators, unassigned, private-use and unpaired surrogate code points as {@code \\uXXXX} (each
     * UTF-16 unit). So a value cannot start a new line of a report or colour the terminal. Not shortened.
     */
    public static String visible(String value) {
        var out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c) || hidden(Character.getType(c))) {
                for (char unit : Character.toChars(c)) {
                    out.append(String.format("\\u%04x", (int) unit));
                }
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean hidden(int type) {
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    /** A JSON or YAML fragment, shortened the same way but not quoted. */
    public static String fragment(String value) {
        String quoted = quote(value);
        return quoted.startsWith("'") && quoted.endsWith("'") ? quoted.substring(1, quoted.length() - 1) : quoted;
    }
}
