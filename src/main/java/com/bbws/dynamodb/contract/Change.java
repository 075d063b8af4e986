package com.bbws.dynamodb.contract;

/**
 * One difference between two versions of a stack's contract, classified by what it does to consumers.
 *
 * @param severity    compatible, disruptive or destructive
 * @param text        what changed, e.g. {@code table tenants: type of key PK changed from S to N}; a
 *                    destructive change is acknowledged by this exact text
 * @param consequence what it does to the data or to consumers, for the reviewer
 */
public record Change(Severity severity, String text, String consequence) {

    /** What a change does to the services that use the tables. */
    public enum Severity {
        /** Nothing a consumer uses changes: a new table, GSI, output or parameter. */
        COMPATIBLE,
        /** Consumers break until they adapt: a GSI rebuilt or removed, a new stream ARN, an output removed. */
        DISRUPTIVE,
        /** A table is replaced or deleted: its data is lost without a migration. */
        DESTRUCTIVE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static Change compatible(String text, String consequence) {
        return new Change(Severity.COMPATIBLE, text, consequence);
    }

    static Change disruptive(String text, String consequence) {
        return new Change(Severity.DISRUPTIVE, text, consequence);
    }

    static Change destructive(String text, String consequence) {
        return new Change(Severity.DESTRUCTIVE, text, consequence);
    }
}
