package com.bbws.dynamodb.catalogue;

/** What a string attribute holds beyond being a string; the names are JSON Schema's formats. */
public enum Format {
    UUID("uuid"), EMAIL("email"), DATE_TIME("date-time"), DATE("date"), URI("uri");

    private final String keyword;

    Format(String keyword) {
        this.keyword = keyword;
    }

    /** The value of JSON Schema's {@code format} keyword. */
    public String keyword() {
        return keyword;
    }
}
