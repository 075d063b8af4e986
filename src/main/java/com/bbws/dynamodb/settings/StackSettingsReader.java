package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Environment;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a stack's config into {@link StackSettings}: each setting by the value it produces
 * ({@link AwsTarget}, {@link Encryption}, {@link Tags}, {@link BackupSettings}, ...), every problem
 * collected by one {@link ConfigReader}, so a user sees all of them at once, each naming the key.
 */
public final class StackSettingsReader {

    private static final String ENVIRONMENT_CHOICES = Arrays.stream(Environment.values())
            .map(Environment::id).collect(Collectors.joining(", "));

    private StackSettingsReader() {
    }

    /** @throws StackConfigException listing every problem found */
    public static StackSettings read(String stack, ConfigSource config) {
        return read(stack, config, BbwsTables.CATALOGUE);
    }

    /** Reads settings for a catalogue's tables (which tables can be adopted depends on it). */
    public static StackSettings read(String stack, ConfigSource config, Catalogue catalogue) {
        var reader = new ConfigReader(config);
        Optional<Environment> environment = environment(reader, stack);
        AwsTarget target = AwsTarget.read(reader, environment);
        // the environment's own region and account: a wrong aws:region is reported once, and does not
        // hide (or invent) a mistake in a key or topic checked against it
        AwsTarget expected = environment.map(e -> new AwsTarget(e.region(), e.accountId())).orElse(target);
        boolean deletionProtection = deletionProtection(reader, environment);
        Encryption encryption = Encryption.read(reader, expected);
        Environment tagged = environment.orElse(Environment.DEV);
        var tags = Tags.read(reader, tagged);
        var adoptedTables = AdoptedTables.read(reader, catalogue);
        BackupSettings backup = BackupSettings.read(reader, tagged, expected);
        AlarmSettings alarms = AlarmSettings.read(reader, expected);
        Replication replication = Replication.read(reader, expected.region(), expected.accountId(),
                encryption.customerManaged());
        if (!reader.problems().isEmpty()) {
            throw new StackConfigException(stack, reader.problems());
        }
        return new StackSettings(stack, environment.orElseThrow(), target.region(), target.accountId(),
                deletionProtection, encryption.kmsKeyArn(), encryption.createKmsKey(), tags, adoptedTables, backup,
                alarms, replication.regions(), replication.kmsKeyArns(), secrets(reader));
    }

    /** The settings set as secrets; a secret where none is allowed was refused above, so these may be. */
    private static Set<Setting> secrets(ConfigReader reader) {
        return Arrays.stream(Setting.values()).filter(reader::isSecret)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Setting.class)));
    }

    /**
     * A stack is its environment: physical table names are fixed per account, so a stack named other
     * than dev, sit or prod, or one whose environment is another's, would adopt that environment's tables.
     */
    private static Optional<Environment> environment(ConfigReader reader, String stack) {
        Optional<Environment> named = Environment.byId(stack);
        stackNameProblem(stack).ifPresent(reader::problem);
        Optional<String> value = reader.text(Setting.ENVIRONMENT);
        if (value.isEmpty()) {
            if (!reader.isSet(Setting.ENVIRONMENT)) {
                reader.problem(Setting.ENVIRONMENT, "required; set it to " + named.map(Environment::id)
                        .orElse("one of " + ENVIRONMENT_CHOICES) + ".");
            }
            return Optional.empty();
        }
        Optional<Environment> environment = Environment.byId(value.get());
        if (environment.isEmpty()) {
            reader.problem(Setting.ENVIRONMENT, String.format(
                    "%s is not an environment; use one of %s.", Echo.quote(value.get()), ENVIRONMENT_CHOICES));
        } else if (named.isPresent() && !named.equals(environment)) {
            reader.problem(Setting.ENVIRONMENT, String.format("'%s' is not the environment of stack '%s': a stack is"
                    + " its environment, so set it to %s (or use the stack %s).", value.get(), stack, stack, value.get()));
            return Optional.empty();
        }
        return environment;
    }

    /** Why the stack's name cannot be a stack of this project, if it cannot. */
    public static Optional<String> stackNameProblem(String stack) {
        if (Environment.byId(stack).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(String.format("a stack is named after its environment, one of %s; %s is not one"
                + " (table names are fixed per account, so a stack of another name would take over"
                + " an environment's tables).", ENVIRONMENT_CHOICES, Echo.quote(stack)));
    }

    private static boolean deletionProtection(ConfigReader reader, Optional<Environment> environment) {
        Optional<Boolean> value = reader.bool(Setting.DELETION_PROTECTION);
        boolean on = value.orElse(environment.map(e -> e == Environment.PROD).orElse(false));
        if (value.isPresent() && !on && environment.equals(Optional.of(Environment.PROD))) {
            // Data is sacred: removing a prod table is a documented manual step, never a config flip.
            reader.problem(Setting.DELETION_PROTECTION, "cannot be false in prod, whose tables hold customer data;"
                    + " see 'Removing a prod table' in docs/operations.md for the deliberate, manual procedure.");
        }
        return on;
    }
}
