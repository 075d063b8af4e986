package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
        problems.addAll(Setting.unknownKeyProblems(config.keys()));
        Optional<Environment> environment = readEnvironment();
        String region = readRegion(environment);
        String accountId = readAccountId(environment);
        boolean deletionProtection = readDeletionProtection(environment);
        String kmsKeyArn = readKmsKeyArn(region);
        boolean createKmsKey = readCreateKmsKey(kmsKeyArn != null);
        Map<String, String> tags = readTags(environment);
        Set<String> adoptedTables = readAdoptedTables();
        BackupSettings backup = readBackup(environment.orElse(Environment.DEV), region);
        AlarmSettings alarms = readAlarms();
        // the environment's own region, so that a wrong aws:region is reported once, not again here
        List<String> replicaRegions = readReplicaRegions(environment.map(Environment::region).orElse(region));
        Map<String, String> replicaKeys = readReplicaKmsKeyArns(replicaRegions, kmsKeyArn != null || createKmsKey);
        if (!problems.isEmpty()) {
            throw new StackConfigException(stack, problems);
        }
        return new StackSettings(stack, environment.orElseThrow(), region, accountId,
                deletionProtection, kmsKeyArn, createKmsKey, tags, adoptedTables, backup, alarms, replicaRegions, replicaKeys);
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
        Optional<Boolean> value = readBoolean(Setting.DELETION_PROTECTION);
        boolean on = value.orElse(environment.map(e -> e == Environment.PROD).orElse(false));
        if (value.isPresent() && !on && environment.equals(Optional.of(Environment.PROD))) {
            // Data is sacred: removing a prod table is a documented manual step, never a config flip.
            problem(Setting.DELETION_PROTECTION, "cannot be false in prod, whose tables hold customer data;"
                    + " see 'Removing a prod table' in the README for the deliberate, manual procedure.");
        }
        return on;
    }

    /** A true/false setting; empty when it is not set, or not a boolean (then a problem is reported). */
    private Optional<Boolean> readBoolean(Setting setting) {
        Optional<String> value = setting.read(config);
        if (value.isPresent() && !value.get().equals("true") && !value.get().equals("false")) {
            problem(setting, String.format("'%s' is not a boolean; use true or false.", value.get()));
            return Optional.empty();
        }
        return value.map(Boolean::parseBoolean);
    }

    private String readKmsKeyArn(String region) {
        Optional<String> value = Setting.KMS_KEY_ARN.read(config);
        if (value.isEmpty()) {
            return null;
        }
        return checkKmsKeyArn(Setting.KMS_KEY_ARN, "", value.get(), region) ? value.get() : null;
    }

    /** @param what the key inside an object setting, with a trailing space, or "" */
    private boolean checkKmsKeyArn(Setting setting, String what, String value, String region) {
        Matcher arn = KMS_KEY_ARN.matcher(value);
        if (!arn.matches()) {
            problem(setting, String.format("%s'%s' is not a KMS key ARN; expected"
                    + " arn:aws:kms:<region>:<account>:key/<key-id> (aliases are not accepted).", what, value));
            return false;
        }
        if (region != null && !arn.group(1).equals(region)) {
            problem(setting, String.format(
                    "%sthe key is in %s but the tables are in %s; it must be in the tables' region.",
                    what, arn.group(1), region));
        }
        return true;
    }

    private boolean readCreateKmsKey(boolean keyGiven) {
        boolean create = readBoolean(Setting.CREATE_KMS_KEY).orElse(false);
        if (create && keyGiven) {
            problem(Setting.CREATE_KMS_KEY, "true together with bbws-dynamodb:kmsKeyArn; use one or the other.");
        }
        return create;
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

    private BackupSettings readBackup(Environment environment, String region) {
        BackupSettings defaults = BackupSettings.defaults(environment);
        JsonObject object = object(Setting.BACKUP, Set.of("enabled", "schedule", "retentionDays", "vaultKmsKeyArn"));
        if (object == null) {
            return defaults;
        }
        boolean enabled = bool(Setting.BACKUP, object, "enabled", defaults.enabled());
        String schedule = text(Setting.BACKUP, object, "schedule", defaults.schedule());
        int retentionDays = whole(Setting.BACKUP, object, "retentionDays", defaults.retentionDays(), 1);
        String vaultKey = text(Setting.BACKUP, object, "vaultKmsKeyArn", null);
        String cronProblem = AwsCron.problem(schedule);
        if (cronProblem != null) {
            problem(Setting.BACKUP, "schedule " + cronProblem);
        } else if (retentionDays < AwsCron.frequency(schedule).days) {
            AwsCron.Frequency frequency = AwsCron.frequency(schedule);
            problem(Setting.BACKUP, String.format("retentionDays %d is shorter than the time between two %s backups"
                    + " (%s); keep them at least %d days.", retentionDays, frequency.words, schedule, frequency.days));
        }
        if (vaultKey != null) {
            checkKmsKeyArn(Setting.BACKUP, "vaultKmsKeyArn ", vaultKey, region);
        }
        return new BackupSettings(enabled, schedule, retentionDays, vaultKey);
    }

    private AlarmSettings readAlarms() {
        JsonObject object = object(Setting.ALARMS,
                Set.of("topicArn", "throttleThreshold", "errorThreshold", "periodSeconds", "evaluationPeriods"));
        if (object == null) {
            return AlarmSettings.NONE;
        }
        AlarmSettings defaults = AlarmSettings.NONE;
        String topic = text(Setting.ALARMS, object, "topicArn", null);
        if (topic == null) {
            problem(Setting.ALARMS, "topicArn is required: the SNS topic the alarms notify.");
        } else if (!topic.matches("arn:aws(-cn|-us-gov)?:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?")) {
            problem(Setting.ALARMS, String.format("topicArn '%s' is not an SNS topic ARN"
                    + " (arn:aws:sns:<region>:<account>:<topic>).", topic));
        }
        int period = whole(Setting.ALARMS, object, "periodSeconds", defaults.periodSeconds(), 10);
        if (period != 10 && period != 30 && period % 60 != 0) {
            problem(Setting.ALARMS, String.format("periodSeconds %d is not a CloudWatch period; use 10, 30 or a"
                    + " multiple of 60.", period));
        }
        return new AlarmSettings(topic,
                whole(Setting.ALARMS, object, "throttleThreshold", defaults.throttleThreshold(), 1),
                whole(Setting.ALARMS, object, "errorThreshold", defaults.errorThreshold(), 1),
                period,
                whole(Setting.ALARMS, object, "evaluationPeriods", defaults.evaluationPeriods(), 1));
    }

    private List<String> readReplicaRegions(String region) {
        Optional<String> value = Setting.REPLICA_REGIONS.read(config);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> regions = stringList(value.get());
        if (regions == null) {
            problem(Setting.REPLICA_REGIONS, String.format("must be a list of AWS regions, was '%s'.", value.get()));
            return List.of();
        }
        var valid = new ArrayList<String>();
        for (String replica : regions) {
            if (!replica.matches("[a-z]{2}(-gov)?-[a-z]+-\\d")) {
                problem(Setting.REPLICA_REGIONS, String.format("'%s' is not an AWS region.", replica));
            } else if (replica.equals(region)) {
                problem(Setting.REPLICA_REGIONS, String.format(
                        "'%s' is the stack's own region; a replica must be in another region.", replica));
            } else if (valid.contains(replica)) {
                problem(Setting.REPLICA_REGIONS, String.format("'%s' is listed twice.", replica));
            } else {
                valid.add(replica);
            }
        }
        return valid;
    }

    private Map<String, String> readReplicaKmsKeyArns(List<String> replicaRegions, boolean tablesUseCmk) {
        var keys = new LinkedHashMap<String, String>();
        Optional<String> value = Setting.REPLICA_KMS_KEY_ARNS.read(config);
        if (value.isPresent()) {
            JsonElement json = parse(value.get());
            if (json == null || !json.isJsonObject()) {
                problem(Setting.REPLICA_KMS_KEY_ARNS, String.format(
                        "must be a map of replica regions to KMS key ARNs, was '%s'.", value.get()));
                return keys;
            }
            for (String replica : json.getAsJsonObject().keySet()) {
                String key = text(Setting.REPLICA_KMS_KEY_ARNS, json.getAsJsonObject(), replica, null);
                if (!replicaRegions.contains(replica)) {
                    problem(Setting.REPLICA_KMS_KEY_ARNS, String.format(
                            "'%s' is not one of replicaRegions (%s).", replica, String.join(", ", replicaRegions)));
                } else if (key != null && checkKmsKeyArn(Setting.REPLICA_KMS_KEY_ARNS, replica + ": ", key, replica)) {
                    keys.put(replica, key);
                }
            }
        }
        if (tablesUseCmk) {
            replicaRegions.stream().filter(replica -> !keys.containsKey(replica)).forEach(replica ->
                    problem(Setting.REPLICA_KMS_KEY_ARNS, String.format("no key for %s: the tables use a customer"
                            + " managed key, so each replica needs one in its own region.", replica)));
        }
        return keys;
    }

    /** A config object, with its keys checked; null when the setting is absent or not an object. */
    private JsonObject object(Setting setting, Set<String> keys) {
        Optional<String> value = setting.read(config);
        if (value.isEmpty()) {
            return null;
        }
        JsonElement json = parse(value.get());
        if (json == null || !json.isJsonObject()) {
            problem(setting, String.format("must be a map with the keys %s, was '%s'.",
                    keys.stream().sorted().collect(Collectors.joining(", ")), value.get()));
            return null;
        }
        json.getAsJsonObject().keySet().stream().filter(key -> !keys.contains(key)).sorted().forEach(key ->
                problem(setting, String.format("unknown key '%s'; the keys are %s.", key,
                        keys.stream().sorted().collect(Collectors.joining(", ")))));
        return json.getAsJsonObject();
    }

    private boolean bool(Setting setting, JsonObject object, String key, boolean fallback) {
        JsonElement value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        problem(setting, String.format("%s must be true or false, was %s.", key, value));
        return fallback;
    }

    private String text(Setting setting, JsonObject object, String key, String fallback) {
        JsonElement value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        problem(setting, String.format("%s must be text, was %s.", key, value));
        return fallback;
    }

    private int whole(Setting setting, JsonObject object, String key, int fallback, int minimum) {
        JsonElement value = object.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()
                && value.getAsBigDecimal().stripTrailingZeros().scale() <= 0
                && value.getAsBigDecimal().compareTo(java.math.BigDecimal.valueOf(minimum)) >= 0
                && value.getAsBigDecimal().compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return value.getAsInt();
        }
        problem(setting, String.format("%s must be a whole number of at least %d, was %s.", key, minimum, value));
        return fallback;
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
