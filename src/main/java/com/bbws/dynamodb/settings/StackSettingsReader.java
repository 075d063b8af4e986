package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a stack's config into {@link StackSettings}. Every problem is collected, so a user
 * sees all of them at once, each naming the key and what is wrong.
 */
public final class StackSettingsReader {

    private static final Pattern KMS_KEY_ARN = Pattern.compile(
            "arn:aws(?:-cn|-us-gov)?:kms:([a-z0-9-]+):(\\d{12}):key/"
                    + "(?:mrk-[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final String ENVIRONMENT_CHOICES = Arrays.stream(Environment.values())
            .map(Environment::id).collect(Collectors.joining(", "));

    private final String stack;
    private final ConfigSource config;
    private final Catalogue catalogue;
    private final List<String> problems = new ArrayList<>();

    private StackSettingsReader(String stack, ConfigSource config, Catalogue catalogue) {
        this.stack = stack;
        this.config = config;
        this.catalogue = catalogue;
    }

    /** @throws StackConfigException listing every problem found */
    public static StackSettings read(String stack, ConfigSource config) {
        return read(stack, config, BbwsTables.CATALOGUE);
    }

    /** Reads settings for a catalogue's tables (which tables can be adopted depends on it). */
    public static StackSettings read(String stack, ConfigSource config, Catalogue catalogue) {
        return new StackSettingsReader(stack, config, catalogue).read();
    }

    private StackSettings read() {
        Optional<Environment> environment = readEnvironment();
        String region = readRegion(environment);
        String accountId = readAccountId(environment);
        boolean deletionProtection = readDeletionProtection(environment);
        String kmsKeyArn = readKmsKeyArn(region);
        Map<String, String> tags = readTags(environment);
        Set<String> adoptedTables = readAdoptedTables();
        if (!problems.isEmpty()) {
            throw new StackConfigException(stack, problems);
        }
        return new StackSettings(stack, environment.orElseThrow(), region, accountId,
                deletionProtection, kmsKeyArn, tags, adoptedTables);
    }

    private Optional<Environment> readEnvironment() {
        Optional<String> value = Setting.ENVIRONMENT.read(config);
        if (value.isEmpty()) {
            problem(Setting.ENVIRONMENT, "required; set it to one of " + ENVIRONMENT_CHOICES + ".");
            return Optional.empty();
        }
        Optional<Environment> environment = Environment.byId(value.get());
        if (environment.isEmpty()) {
            problem(Setting.ENVIRONMENT, String.format(
                    "'%s' is not an environment; use one of %s.", value.get(), ENVIRONMENT_CHOICES));
        }
        return environment;
    }

    private String readRegion(Optional<Environment> environment) {
        Optional<String> region = Setting.REGION.read(config);
        if (region.isEmpty()) {
            problem(Setting.REGION, "required" + environment
                    .map(e -> String.format("; %s's tables live in %s.", e, e.region())).orElse("."));
            return null;
        }
        environment.filter(e -> !e.region().equals(region.get())).ifPresent(e -> problem(Setting.REGION,
                String.format("'%s' is not the region of %s; its tables live in %s.", region.get(), e, e.region())));
        return region.get();
    }

    private String readAccountId(Optional<Environment> environment) {
        String expected = environment.map(e -> String.format("[\"%s\"], the account of %s", e.accountId(), e))
                .orElse("one 12-digit AWS account ID");
        Optional<String> value = Setting.ALLOWED_ACCOUNT_IDS.read(config);
        if (value.isEmpty()) {
            problem(Setting.ALLOWED_ACCOUNT_IDS,
                    "required, so the AWS provider refuses any other account; set it to " + expected + ".");
            return null;
        }
        List<String> ids = stringList(value.get());
        boolean valid = ids != null && ids.size() == 1 && ids.get(0).matches("\\d{12}")
                && environment.map(e -> e.accountId().equals(ids.get(0))).orElse(true);
        if (!valid) {
            problem(Setting.ALLOWED_ACCOUNT_IDS, String.format("%s must be exactly %s.", value.get(), expected));
            return null;
        }
        return ids.get(0);
    }

    private boolean readDeletionProtection(Optional<Environment> environment) {
        boolean byDefault = environment.map(e -> e == Environment.PROD).orElse(false);
        Optional<String> value = Setting.DELETION_PROTECTION.read(config);
        if (value.isEmpty()) {
            return byDefault;
        }
        if (!value.get().equals("true") && !value.get().equals("false")) {
            problem(Setting.DELETION_PROTECTION,
                    String.format("'%s' is not a boolean; use true or false.", value.get()));
            return byDefault;
        }
        boolean on = Boolean.parseBoolean(value.get());
        if (!on && environment.equals(Optional.of(Environment.PROD))) {
            // Data is sacred: removing a prod table is a documented manual step, never a config flip.
            problem(Setting.DELETION_PROTECTION, "cannot be false in prod, whose tables hold customer data;"
                    + " see 'Removing a prod table' in the README for the deliberate, manual procedure.");
        }
        return on;
    }

    private String readKmsKeyArn(String region) {
        Optional<String> value = Setting.KMS_KEY_ARN.read(config);
        if (value.isEmpty()) {
            return null;
        }
        Matcher arn = KMS_KEY_ARN.matcher(value.get());
        if (!arn.matches()) {
            problem(Setting.KMS_KEY_ARN, String.format("'%s' is not a KMS key ARN; expected"
                    + " arn:aws:kms:<region>:<account>:key/<key-id> (DynamoDB does not take aliases).", value.get()));
            return null;
        }
        if (region != null && !arn.group(1).equals(region)) {
            problem(Setting.KMS_KEY_ARN, String.format(
                    "the key is in %s but the tables are in %s; DynamoDB needs a key in the table's region.",
                    arn.group(1), region));
        }
        return value.get();
    }

    private Map<String, String> readTags(Optional<Environment> environment) {
        var tags = new LinkedHashMap<>(Tags.defaults(environment.orElse(Environment.DEV)));
        Optional<String> value = Setting.TAGS.read(config);
        if (value.isEmpty()) {
            return tags;
        }
        JsonElement json = parse(value.get());
        if (json == null || !json.isJsonObject()) {
            problem(Setting.TAGS, String.format("must be a map of tag names to values, was '%s'.", value.get()));
            return tags;
        }
        for (Map.Entry<String, JsonElement> tag : json.getAsJsonObject().entrySet()) {
            String key = tag.getKey();
            JsonElement tagValue = tag.getValue();
            if (!tagValue.isJsonPrimitive() || !tagValue.getAsJsonPrimitive().isString()) {
                problem(Setting.TAGS, String.format(
                        "tag '%s' must have a text value, was %s; quote it in the YAML.", key, tagValue));
            } else if (validTag(key, tagValue.getAsString())) {
                tags.put(key, tagValue.getAsString());
            }
        }
        // Name is added per table, so it counts against the limit too.
        if (tags.size() + 1 > Tags.MAX_TAGS) {
            problem(Setting.TAGS, String.format("the tables would carry %d tags; AWS allows at most %d.",
                    tags.size() + 1, Tags.MAX_TAGS));
        }
        return tags;
    }

    private Set<String> readAdoptedTables() {
        Optional<String> value = Setting.ADOPT_TABLES.read(config);
        if (value.isEmpty()) {
            return Set.of();
        }
        List<String> ids = stringList(value.get());
        List<String> known = catalogue.tables().stream().map(TableDefinition::id).toList();
        if (ids == null) {
            problem(Setting.ADOPT_TABLES, String.format("must be a list of table ids (%s), was '%s'.",
                    String.join(", ", known), value.get()));
            return Set.of();
        }
        var adopted = new LinkedHashSet<String>();
        for (String id : ids) {
            if (!known.contains(id)) {
                problem(Setting.ADOPT_TABLES, String.format("'%s' is not a table; the tables are %s.",
                        id, String.join(", ", known)));
            } else if (!adopted.add(id)) {
                problem(Setting.ADOPT_TABLES, String.format("'%s' is listed twice.", id));
            }
        }
        return adopted;
    }

    private boolean validTag(String key, String value) {
        String problem = null;
        if (Tags.OWNED_BY_PROGRAM.contains(key)) {
            problem = String.format("tag '%s' is set by the program and cannot be overridden.", key);
        } else if (Tags.OVERRIDABLE_REQUIRED.contains(key) && value.isBlank()) {
            problem = String.format("tag '%s' is required; it may be given a new value but not removed.", key);
        } else if (key.isEmpty() || key.length() > Tags.MAX_KEY_LENGTH) {
            problem = String.format("tag key '%s' must be 1 to %d characters.", key, Tags.MAX_KEY_LENGTH);
        } else if (key.toLowerCase().startsWith("aws:")) {
            problem = String.format("tag key '%s' uses the prefix 'aws:', which AWS reserves.", key);
        } else if (!Tags.ALLOWED_CHARACTERS.matcher(key).matches()) {
            problem = String.format("tag key '%s' may only contain letters, digits, spaces and _ . : / = + - @.", key);
        } else if (value.length() > Tags.MAX_VALUE_LENGTH) {
            problem = String.format("tag '%s' has a value of %d characters; at most %d are allowed.",
                    key, value.length(), Tags.MAX_VALUE_LENGTH);
        } else if (!Tags.ALLOWED_CHARACTERS.matcher(value).matches()) {
            problem = String.format("tag '%s' has value '%s'; values may only contain letters, digits,"
                    + " spaces and _ . : / = + - @.", key, value);
        }
        if (problem != null) {
            problem(Setting.TAGS, problem);
        }
        return problem == null;
    }

    private static List<String> stringList(String json) {
        JsonElement parsed = parse(json);
        if (parsed == null || !parsed.isJsonArray()) {
            return null;
        }
        var list = new ArrayList<String>();
        for (JsonElement element : parsed.getAsJsonArray()) {
            if (!element.isJsonPrimitive()) {
                return null;
            }
            list.add(element.getAsString());
        }
        return list;
    }

    private static JsonElement parse(String json) {
        try {
            return JsonParser.parseString(json);
        } catch (JsonParseException e) {
            return null;
        }
    }

    private void problem(Setting setting, String what) {
        problems.add(setting.fullKey() + ": " + what);
    }
}
