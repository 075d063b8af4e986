package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeyAttribute;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TablePolicy;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.DescribeContinuousBackupsRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/**
 * Compares live tables with the catalogue and the stack's settings through the DynamoDB API.
 * What the engine cannot report (DynamoDB Local has no PITR or tagging API and no SSE
 * description) is reported as not checkable, never as passed.
 */
public final class TableValidator {

    private final DynamoDbClient dynamo;
    private final String target;
    private final boolean awsItself;
    /** Each table as the last validation described it, by physical name: the SSM check compares with it. */
    private final Map<String, TableDescription> described = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param target    where the tables are, for messages (an endpoint URL or "AWS")
     * @param awsItself true against AWS, where every feature can be checked; false against a
     *                  local engine, where a missing SSE description means "not reported"
     */
    public TableValidator(DynamoDbClient dynamo, String target, boolean awsItself) {
        this.dynamo = dynamo;
        this.target = target;
        this.awsItself = awsItself;
    }

    /** Every check of every table, in catalogue order. */
    public List<Check> validate(Catalogue catalogue, StackSettings settings) throws CannotCheckException {
        var checks = new ArrayList<Check>();
        for (TableDefinition table : catalogue.tables()) {
            checks.addAll(validate(table, settings));
        }
        return checks;
    }

    /** A table as {@link #validate} last described it, or null when it was not found (or not validated). */
    public TableDescription described(String physicalName) {
        return described.get(physicalName);
    }

    /** Every check of one table; a missing table is one failed check. */
    public List<Check> validate(TableDefinition definition, StackSettings settings) throws CannotCheckException {
        String name = definition.physicalName(settings.environment());
        TableDescription table = describe(name);
        if (table == null) {
            described.remove(name);
            return List.of(Check.fail(name, "exists", "table not found at " + target));
        }
        described.put(name, table);
        var checks = new ArrayList<Check>(structure(definition, settings, table));
        checks.add(replicas(name, settings.replicaRegionsOf(definition), table.replicas()));
        checks.add(pointInTimeRecovery(name, "point-in-time recovery"));
        checks.add(encryption(name, "encryption", settings.customerManagedKey(), settings.createKmsKey(),
                table.sseDescription()));
        checks.add(tags(name, settings, table.tableArn()));
        return checks;
    }

    /**
     * A replica's own settings, asked of DynamoDB in the replica's region (where this validator's client
     * must be): point-in-time recovery, and encryption with the stack's key for that region.
     */
    public List<Check> replica(TableDefinition definition, StackSettings settings, String region)
            throws CannotCheckException {
        String name = definition.physicalName(settings.environment());
        String pitr = replicaCheck(region, "point-in-time recovery");
        String encryption = replicaCheck(region, "encryption");
        TableDescription replica = describe(name);
        if (replica == null) {
            return List.of(Check.fail(name, pitr, "replica not found at " + target),
                    Check.fail(name, encryption, "replica not found at " + target));
        }
        return List.of(pointInTimeRecovery(name, pitr), encryption(name, encryption,
                Optional.ofNullable(settings.replicaKmsKeyArns().get(region)), false, replica.sseDescription()));
    }

    /** Where the replicas' regions cannot be asked (an endpoint such as DynamoDB Local): each check, not checkable. */
    public static List<Check> replicasNotCheckable(Catalogue catalogue, StackSettings settings, String why) {
        var checks = new ArrayList<Check>();
        for (TableDefinition table : catalogue.tables()) {
            for (String region : settings.replicaRegionsOf(table)) {
                String name = table.physicalName(settings.environment());
                checks.add(Check.notCheckable(name, replicaCheck(region, "point-in-time recovery"), why));
                checks.add(Check.notCheckable(name, replicaCheck(region, "encryption"), why));
            }
        }
        return checks;
    }

    private static String replicaCheck(String region, String check) {
        return "replica " + region + " " + check;
    }

    /**
     * The checks that decide whether an existing table is the one the catalogue defines: status,
     * keys, attributes, indexes, billing, stream and deletion protection.
     */
    public static List<Check> structure(TableDefinition definition, StackSettings settings, TableDescription table) {
        String name = table.tableName();
        var checks = new ArrayList<Check>();
        checks.add(Check.of(name, "exists", "ACTIVE".equals(table.tableStatusAsString()),
                "status " + table.tableStatusAsString(), "ACTIVE"));
        checks.add(Check.of(name, "key schema", keys(table.keySchema()).equals(keys(definition.keys())),
                keys(table.keySchema()), keys(definition.keys())));
        checks.add(attributeTypes(name, definition, table.attributeDefinitions()));
        checks.addAll(indexes(name, definition, table.globalSecondaryIndexes()));
        String billing = table.billingModeSummary() == null ? "PROVISIONED (no billing mode summary)"
                : table.billingModeSummary().billingModeAsString();
        checks.add(Check.of(name, "billing mode", TablePolicy.BILLING_MODE.equals(billing),
                billing, TablePolicy.BILLING_MODE));
        String stream = stream(table.streamSpecification());
        checks.add(Check.of(name, "stream", stream.equals(definition.stream().toString()),
                stream, definition.stream().toString()));
        boolean protection = Boolean.TRUE.equals(table.deletionProtectionEnabled());
        checks.add(Check.of(name, "deletion protection", protection == settings.deletionProtection(),
                onOff(protection), onOff(settings.deletionProtection())));
        return checks;
    }

    /**
     * Every attribute both sides define has the catalogue's type. A missing or extra attribute
     * comes with a missing or extra key or index, which those checks report.
     */
    private static Check attributeTypes(String name, TableDefinition definition, List<AttributeDefinition> live) {
        Map<String, String> found = new TreeMap<>();
        live.forEach(attribute -> found.put(attribute.attributeName(), attribute.attributeTypeAsString()));
        var problems = new ArrayList<String>();
        for (KeyAttribute expected : definition.attributeDefinitions()) {
            String type = found.get(expected.name());
            if (type != null && !type.equals(expected.type().name())) {
                problems.add(String.format("%s is %s, expected %s", expected.name(), type, expected.type()));
            }
        }
        return problems.isEmpty() ? Check.pass(name, "attribute types", found.toString())
                : Check.fail(name, "attribute types", String.join("; ", problems));
    }

    private static List<Check> indexes(String name, TableDefinition definition,
                                       List<GlobalSecondaryIndexDescription> live) {
        var checks = new ArrayList<Check>();
        var liveByName = live.stream().collect(Collectors.toMap(
                GlobalSecondaryIndexDescription::indexName, index -> index, (a, b) -> a, TreeMap::new));
        for (GlobalSecondaryIndex index : definition.indexes()) {
            String check = "gsi " + index.name();
            GlobalSecondaryIndexDescription found = liveByName.get(index.name());
            if (found == null) {
                checks.add(Check.fail(name, check, "missing"));
                continue;
            }
            String described = String.format("%s, projection %s, %s", keys(found.keySchema()),
                    found.projection() == null ? "none" : found.projection().projectionTypeAsString(),
                    found.indexStatusAsString());
            String expected = String.format("%s, projection %s, ACTIVE", keys(index.keys()),
                    GlobalSecondaryIndex.PROJECTION);
            checks.add(Check.of(name, check, described.equals(expected), described, expected));
        }
        var extra = new ArrayList<>(liveByName.keySet());
        extra.removeAll(definition.indexes().stream().map(GlobalSecondaryIndex::name).toList());
        checks.add(Check.of(name, "no extra GSIs", extra.isEmpty(),
                extra.isEmpty() ? "none" : "extra " + String.join(", ", extra), "none"));
        return checks;
    }

    private Check pointInTimeRecovery(String name, String check) throws CannotCheckException {
        try {
            var description = call("DescribeContinuousBackups " + name,
                    () -> dynamo.describeContinuousBackups(
                            DescribeContinuousBackupsRequest.builder().tableName(name).build())
                            .continuousBackupsDescription());
            var pitr = description == null ? null : description.pointInTimeRecoveryDescription();
            String status = pitr == null ? "no PITR description" : pitr.pointInTimeRecoveryStatusAsString();
            return Check.of(name, check, "ENABLED".equals(status) == TablePolicy.POINT_IN_TIME_RECOVERY,
                    status, TablePolicy.POINT_IN_TIME_RECOVERY ? "ENABLED" : "DISABLED");
        } catch (UnsupportedHereException e) {
            return Check.notCheckable(name, check, "this engine has no continuous backups API (" + e.getMessage() + ")");
        }
    }

    private Check replicas(String name, List<String> expected, List<ReplicaDescription> live) {
        String wanted = expected.isEmpty() ? "none" : expected.stream().sorted().map(r -> r + " ACTIVE")
                .collect(Collectors.joining(", "));
        String found = live.isEmpty() ? "none" : live.stream()
                .map(r -> r.regionName() + " " + r.replicaStatusAsString()).sorted().collect(Collectors.joining(", "));
        if (!awsItself && !expected.isEmpty() && live.isEmpty()) {
            return Check.notCheckable(name, "replicas", "this engine has no global tables (expected " + wanted + ")");
        }
        return Check.of(name, "replicas", found.equals(wanted), found, wanted);
    }

    /**
     * @param key        the customer managed key the stack names, if any
     * @param createdKey whether the stack creates the key (then {@code key} is empty: AWS gives it its id)
     */
    private Check encryption(String name, String check, Optional<String> key, boolean createdKey, SSEDescription sse) {
        String expected = key.map(arn -> "ENABLED, KMS, key " + arn)
                .orElse(createdKey ? "ENABLED, KMS, the stack's own key" : "ENABLED, KMS, the AWS managed key");
        if (sse == null) {
            return awsItself
                    ? Check.fail(name, check, "encrypted with an AWS owned key; expected " + expected)
                    : Check.notCheckable(name, check, "this engine does not describe server-side encryption");
        }
        String found = String.format("%s, %s, key %s", sse.statusAsString(), sse.sseTypeAsString(),
                sse.kmsMasterKeyArn());
        boolean holds = "ENABLED".equals(sse.statusAsString()) && "KMS".equals(sse.sseTypeAsString())
                && key.map(arn -> arn.equals(sse.kmsMasterKeyArn()))
                        .orElse(sse.kmsMasterKeyArn() != null);
        return Check.of(name, check, holds, found, expected);
    }

    private Check tags(String name, StackSettings settings, String arn) throws CannotCheckException {
        String check = "tags";
        List<Tag> live;
        try {
            live = listTags(arn);
        } catch (UnsupportedHereException e) {
            return Check.notCheckable(name, check, e.getMessage());
        }
        var found = live.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a));
        var problems = new ArrayList<String>();
        settings.tagsFor(name).forEach((key, value) -> {
            if (!found.containsKey(key)) {
                problems.add(key + " missing");
            } else if (!Objects.equals(found.get(key), value)) {
                problems.add(String.format("%s is '%s', expected '%s'", key, found.get(key), value));
            }
        });
        return problems.isEmpty()
                ? Check.pass(name, check, "all " + settings.tagsFor(name).size() + " required tags present")
                : Check.fail(name, check, String.join("; ", problems));
    }

    private List<Tag> listTags(String arn) throws CannotCheckException, UnsupportedHereException {
        var tags = new ArrayList<Tag>();
        String next = null;
        do {
            String token = next;
            var page = call("ListTagsOfResource " + arn,
                    () -> dynamo.listTagsOfResource(
                            ListTagsOfResourceRequest.builder().resourceArn(arn).nextToken(token).build()));
            tags.addAll(page.tags());
            next = page.nextToken();
        } while (next != null);
        return tags;
    }

    private TableDescription describe(String name) throws CannotCheckException {
        try {
            return call("DescribeTable " + name, () -> dynamo.describeTable(
                    DescribeTableRequest.builder().tableName(name).build()).table());
        } catch (ResourceNotFoundException e) {
            return null;
        } catch (UnsupportedHereException e) {
            throw new CannotCheckException(target + " does not support DescribeTable: " + e.getMessage());
        }
    }

    /** One DynamoDB call, its failures sorted into: not supported here, cannot check, or a real answer. */
    private <T> T call(String what, Supplier<T> call) throws CannotCheckException, UnsupportedHereException {
        try {
            return call.get();
        } catch (ResourceNotFoundException e) {
            throw e;
        } catch (DynamoDbException e) {
            if ("UnknownOperationException".equals(CallFailures.errorCode(e))) {
                throw new UnsupportedHereException(CallFailures.errorMessage(e));
            }
            throw CallFailures.refused(e, target, what);
        } catch (SdkClientException e) {
            throw new CannotCheckException(CallFailures.describe(e, target, what, dynamo));
        }
    }

    private static String keys(KeySchema schema) {
        return schema.sortKeyIfAny().map(sort -> schema.partitionKey().name() + " HASH, " + sort.name() + " RANGE")
                .orElse(schema.partitionKey().name() + " HASH");
    }

    private static String keys(List<KeySchemaElement> schema) {
        // HASH first, as in the catalogue's rendering
        return schema.stream().sorted(Comparator.comparing(key -> key.keyType() != KeyType.HASH))
                .map(key -> key.attributeName() + " " + key.keyTypeAsString())
                .collect(Collectors.joining(", "));
    }

    private static String stream(StreamSpecification stream) {
        return stream == null || !Boolean.TRUE.equals(stream.streamEnabled())
                ? "disabled" : stream.streamViewTypeAsString();
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** The engine answered that it has no such operation (DynamoDB Local's PITR and tagging). */
    private static final class UnsupportedHereException extends Exception {
        UnsupportedHereException(String message) {
            super(message);
        }
    }
}
