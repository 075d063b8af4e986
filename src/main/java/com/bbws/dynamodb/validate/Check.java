package com.bbws.dynamodb.validate;

/**
 * The result of one check of one table.
 *
 * @param table   the physical table name
 * @param name    what was checked, e.g. {@code key schema} or {@code gsi EmailIndex}
 * @param outcome passed, failed, or not checkable on this engine
 * @param detail  what was found, and for a failure what was expected
 */
public record Check(String table, String name, Outcome outcome, String detail) {

    public enum Outcome { PASS, FAIL, NOT_CHECKABLE }

    static Check pass(String table, String name, String detail) {
        return new Check(table, name, Outcome.PASS, detail);
    }

    static Check fail(String table, String name, String detail) {
        return new Check(table, name, Outcome.FAIL, detail);
    }

    static Check notCheckable(String table, String name, String detail) {
        return new Check(table, name, Outcome.NOT_CHECKABLE, "not checkable here: " + detail);
    }

    static Check of(String table, String name, boolean holds, String found, String expected) {
        return holds ? pass(table, name, found) : fail(table, name, found + "; expected " + expected);
    }
}
