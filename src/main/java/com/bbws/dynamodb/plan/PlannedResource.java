package com.bbws.dynamodb.plan;

import java.util.Map;

/**
 * One resource as the program registered it with the engine.
 *
 * @param type    the Pulumi type token, e.g. {@code aws:dynamodb/table:Table}
 * @param name    the logical name
 * @param inputs  the inputs as registered (maps and lists)
 * @param protect Pulumi's {@code protect} option
 */
public record PlannedResource(String type, String name, Map<String, Object> inputs, boolean protect) {
}
