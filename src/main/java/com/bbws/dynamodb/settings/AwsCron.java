package com.bbws.dynamodb.settings;

import java.util.regex.Pattern;

/**
 * AWS's six-field cron expressions ({@code cron(minutes hours day-of-month month day-of-week year)}),
 * as AWS Backup takes them: checked field by field, and how often they fire.
 */
final class AwsCron {

    /** How often a schedule fires, at the most, in days (hourly and several times a day count as 1). */
    enum Frequency {
        SEVERAL_A_DAY(1, "several times a day"), DAILY(1, "daily"), WEEKLY(7, "weekly"),
        MONTHLY(31, "monthly"), YEARLY(366, "yearly");

        final int days;
        final String words;

        Frequency(int days, String words) {
            this.days = days;
            this.words = words;
        }
    }

    private static final Pattern EXPRESSION = Pattern.compile("cron\\((.*)\\)");
    private static final String[] NAMES = {"minutes", "hours", "day-of-month", "month", "day-of-week", "year"};
    private static final String NUMBER_LIST = "(\\*|%1$s)(/\\d+)?|%1$s(-%1$s)?(/\\d+)?(,%1$s(-%1$s)?)*";
    private static final Pattern[] FIELDS = {
        Pattern.compile("[1-5]?\\d"),
        Pattern.compile(String.format(NUMBER_LIST, "(1?\\d|2[0-3])")),
        Pattern.compile("\\?|L|LW|(0?[1-9]|[12]\\d|3[01])W|" + String.format(NUMBER_LIST, "(0?[1-9]|[12]\\d|3[01])")),
        Pattern.compile(String.format(NUMBER_LIST, "(0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)")),
        Pattern.compile("\\?|[1-7]L|[1-7]#[1-5]|" + String.format(NUMBER_LIST, "([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)")),
        Pattern.compile(String.format(NUMBER_LIST, "(19[7-9]\\d|2[01]\\d\\d)")),
    };

    private AwsCron() {
    }

    /** @return what is wrong with the expression, or null when AWS Backup would take it */
    static String problem(String expression) {
        var matcher = EXPRESSION.matcher(expression);
        if (!matcher.matches()) {
            return String.format("'%s' is not an AWS cron expression; write cron(minutes hours day-of-month month"
                    + " day-of-week year), e.g. cron(0 3 * * ? *) for 03:00 UTC daily.", expression);
        }
        String[] fields = matcher.group(1).trim().split("\\s+");
        if (fields.length != FIELDS.length) {
            return String.format("'%s' has %d fields; AWS cron expressions have 6: minutes hours day-of-month month"
                    + " day-of-week year.", expression, fields.length);
        }
        for (int i = 0; i < FIELDS.length; i++) {
            if (!FIELDS[i].matcher(fields[i]).matches()) {
                return String.format("'%s': %s field '%s' is not valid%s.", expression, NAMES[i], fields[i],
                        i == 0 ? " (AWS Backup runs at most hourly: give the minute as one number)" : "");
            }
        }
        if (fields[2].equals("?") == fields[4].equals("?")) {
            return String.format("'%s': exactly one of day-of-month and day-of-week must be '?'.", expression);
        }
        return null;
    }

    /** How often a valid expression fires. */
    static Frequency frequency(String expression) {
        var matcher = EXPRESSION.matcher(expression);
        matcher.matches();
        String[] fields = matcher.group(1).trim().split("\\s+");
        boolean everyDay = (fields[2].equals("*") || fields[2].equals("?")) && (fields[4].equals("*") || fields[4].equals("?"));
        if (fields[1].matches(".*[*/,-].*") && everyDay) {
            return Frequency.SEVERAL_A_DAY;
        }
        if (everyDay) {
            return Frequency.DAILY;
        }
        if (!fields[4].equals("?")) {
            return Frequency.WEEKLY;
        }
        return fields[3].equals("*") ? Frequency.MONTHLY : Frequency.YEARLY;
    }
}
