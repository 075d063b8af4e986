package com.bbws.dynamodb;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.infra.Backups;
import com.bbws.dynamodb.infra.CustomerManagedKey;
import com.bbws.dynamodb.infra.DynamoDbTables;
import com.bbws.dynamodb.infra.StackOutputs;
import com.bbws.dynamodb.infra.TableAlarms;
import com.bbws.dynamodb.infra.TableParameters;
import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.StackSettingsReader;
import com.pulumi.Context;

/**
 * The Pulumi program that owns the BBWS platform's DynamoDB tables: {@link #stack(Context)} is what
 * {@code pulumi up} runs ({@link Main} starts it).
 */
public final class App {

    private App() {
    }

    /** The whole program, with the config the engine gave it. */
    public static void stack(Context ctx) {
        stack(ctx, ConfigSource.of(ctx));
    }

    /** The whole program for the platform's tables. */
    public static void stack(Context ctx, ConfigSource config) {
        stack(ctx, config, BbwsTables.CATALOGUE);
    }

    /**
     * The whole program, for any catalogue (tests change one to see what a change would do): read the
     * stack's settings (every mistake refused before any resource), then declare the key, the tables,
     * their alarms, backups and SSM parameters, and export the contract.
     */
    public static void stack(Context ctx, ConfigSource config, Catalogue catalogue) {
        var settings = StackSettingsReader.read(ctx.stackName(), config, catalogue);
        var key = CustomerManagedKey.declare(settings);
        var tables = DynamoDbTables.declare(catalogue, settings, key);
        TableAlarms.declare(settings, tables.keySet());
        Backups.declare(settings, tables);
        TableParameters.declare(settings, tables);
        StackOutputs.export(ctx, settings, tables);
    }
}
