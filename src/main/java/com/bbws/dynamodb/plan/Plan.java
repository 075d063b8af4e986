package com.bbws.dynamodb.plan;

import java.util.List;
import java.util.Map;

/**
 * What the program would ask the engine for, for one stack: its resources in declaration order
 * and its stack outputs. Values only AWS can know contain {@link #KNOWN_AFTER_DEPLOY}; what the plan
 * could not check (a secret's value) is said in {@code notCheckedOffline}.
 */
public record Plan(String stack, String region, String accountId,
                   List<PlannedResource> resources, Map<String, Object> outputs, List<String> notCheckedOffline) {

    /** Stands in for the part of a value that AWS assigns at deploy time (a stream's label). */
    public static final String KNOWN_AFTER_DEPLOY = "<known after deploy>";

    public Plan {
        resources = List.copyOf(resources);
        outputs = Map.copyOf(outputs);
        notCheckedOffline = List.copyOf(notCheckedOffline);
    }

    public List<PlannedResource> resourcesOfType(String type) {
        return resources.stream().filter(resource -> resource.type().equals(type)).toList();
    }
}
