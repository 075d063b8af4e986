package com.bbws.dynamodb.plan;

import com.bbws.dynamodb.settings.ConfigSource;
import com.pulumi.Context;

/**
 * A Pulumi program that reads its stack's settings from a config source: the engine's config under
 * {@code pulumi}, a stack file in the offline plan. The plan and the commands take it as a value.
 */
@FunctionalInterface
public interface Program {

    /** Declares the stack's resources and outputs. */
    void run(Context ctx, ConfigSource config);
}
