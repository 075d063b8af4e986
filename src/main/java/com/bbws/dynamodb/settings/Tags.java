package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.Environment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The platform's tagging rules: which tags every table carries and which a stack may change. */
public final class Tags {

    /** Tags the program sets from facts it owns; a stack cannot override them. */
    public static final Set<String> OWNED_BY_PROGRAM = Set.of("Project", "Environment", "ManagedBy", "Name");

    /** Tags a stack may override but never remove or empty (the old validation script required them). */
    public static final Set<String> OVERRIDABLE_REQUIRED = Set.of("Owner", "CostCenter", "Component", "Application");

    /** AWS's limits for tags on one resource. */
    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;

    /** The characters AWS allows in tag keys and values. */
    static final Pattern ALLOWED_CHARACTERS = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    private Tags() {
    }

    /** Every tag a table gets before stack overrides, except {@code Name}, which is per table. */
    public static Map<String, String> defaults(Environment environment) {
        var tags = new LinkedHashMap<String, String>();
        tags.put("Project", "bbws");
        tags.put("Environment", environment.id());
        tags.put("ManagedBy", "Pulumi");
        tags.put("Component", "DynamoDB");
        tags.put("Application", "BBWS");
        tags.put("Owner", "Platform Team");
        tags.put("CostCenter", "Engineering");
        return tags;
    }
}
