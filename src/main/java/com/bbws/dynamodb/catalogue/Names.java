package com.bbws.dynamodb.catalogue;

import java.util.regex.Pattern;

/** DynamoDB's rules for table and index names. */
final class Names {

    static final int MIN_LENGTH = 3;
    static final int MAX_LENGTH = 255;
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.-]+");

    private Names() {
    }

    /** @param what "Table name" or "Index name", the start of the error message */
    static void requireValid(String what, String name) {
        if (name == null || name.isEmpty()) {
            throw new CatalogueException(what + " is missing.");
        }
        if (name.length() < MIN_LENGTH || name.length() > MAX_LENGTH) {
            throw new CatalogueException(String.format(
                    "%s '%s' is %d characters long; it must be %d to %d characters.",
                    what, name, name.length(), MIN_LENGTH, MAX_LENGTH));
        }
        if (!ALLOWED.matcher(name).matches()) {
            throw new CatalogueException(String.format(
                    "%s '%s' may only contain letters, digits, '_', '.' and '-'.", what, name));
        }
    }
}
