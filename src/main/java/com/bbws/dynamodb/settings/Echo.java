package com.bbws.dynamodb.settings;

/** A user's value, quoted in a message: shortened when long, control characters made visible. */
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
        String visible = value.codePoints()
                .mapToObj(c -> Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce(new StringBuilder(), StringBuilder::append, StringBuilder::append).toString();
        if (value.length() <= MAX_SHOWN) {
            return "'" + visible + "'";
        }
        String start = visible.substring(0, visible.offsetByCodePoints(0, Math.min(MAX_SHOWN,
                visible.codePointCount(0, visible.length()))));
        return String.format("'%s...' (%d characters)", start, value.length());
    }

    /** A JSON or YAML fragment, shortened the same way but not quoted. */
    public static String fragment(String value) {
        String quoted = quote(value);
        return quoted.startsWith("'") && quoted.endsWith("'") ? quoted.substring(1, quoted.length() - 1) : quoted;
    }
}
