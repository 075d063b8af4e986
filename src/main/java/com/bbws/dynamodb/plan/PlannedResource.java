package com.bbws.dynamodb.plan;

import java.util.Map;

/**
 * One resource as the program registered it with the engine.
 *
 * @param type    the Pulumi type token, e.g. {@code aws:dynamodb/table:Table}
 * @param name    the logical name
 * @param inputs  the inputs as registered (maps and lists)
 * @param protect Pulumi's {@code protect} option
 * @param importId Pulumi's {@code import} option: the id of an existing resource to adopt, or null to create one
 */
public record PlannedResource(String type, String name, Map<String, Object> inputs, boolean protect,
                              String importId) {

    /** "adopt" when the resource already exists and is imported, "create" otherwise. */
    public String action() {
        return importId == null ? "create" : "adopt";
    }
}
