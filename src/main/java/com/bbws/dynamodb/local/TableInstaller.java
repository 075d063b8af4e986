package com.bbws.dynamodb.local;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.Check;
import com.bbws.dynamodb.validate.TableValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * Creates a stack's tables on a DynamoDB engine exactly as the catalogue defines them. A table
 * that already exists with the same definition is left alone; one that differs is reported as a
 * conflict and never touched, let alone dropped. Every table is looked at before any is created:
 * while one conflicts, none is created, so the engine is left as it was found.
 */
public final class TableInstaller {

    /** What happened to one table. */
    public enum Action { CREATED, UNCHANGED, CONFLICT, SKIPPED }

    /**
     * @param table       the physical name
     * @param unsupported what the engine could not take (e.g. PITR on DynamoDB Local), said plainly
     */
    public record Result(String table, Action action, String detail, List<String> unsupported) {
    }

    private final DynamoDbClient dynamo;
    private final EngineCalls engine;

    public TableInstaller(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        this.engine = new EngineCalls(dynamo);
    }

    public List<Result> install(Catalogue catalogue, StackSettings settings) throws LocalEngineException {
        var existing = new LinkedHashMap<TableDefinition, Result>();
        for (TableDefinition definition : catalogue.tables()) {
            Optional<TableDescription> table = describe(definition.physicalName(settings.environment()));
            if (table.isPresent()) {
                existing.put(definition, compare(definition, settings, table.get()));
            }
        }
        boolean conflict = existing.values().stream().anyMatch(result -> result.action() == Action.CONFLICT);
        var results = new ArrayList<Result>();
        for (TableDefinition definition : catalogue.tables()) {
            String name = definition.physicalName(settings.environment());
            if (existing.containsKey(definition)) {
                results.add(existing.get(definition));
            } else if (conflict) {
                results.add(new Result(name, Action.SKIPPED,
                        "missing, not created: nothing is created while a table conflicts", List.of()));
            } else {
                results.add(create(definition, settings));
            }
        }
        return results;
    }

    private static Result compare(TableDefinition definition, StackSettings settings, TableDescription existing) {
        String name = existing.tableName();
        List<Check> differences = TableValidator.structure(definition, settings, existing).stream()
                .filter(check -> check.outcome() == Check.Outcome.FAIL).toList();
        return differences.isEmpty()
                ? new Result(name, Action.UNCHANGED, "already exists with this definition", List.of())
                : new Result(name, Action.CONFLICT, "exists with another definition, left as it is: "
                        + differences.stream().map(c -> c.name() + ": " + c.detail())
                        .collect(Collectors.joining("; ")), List.of());
    }

    private Result create(TableDefinition definition, StackSettings settings) throws LocalEngineException {
        String name = definition.physicalName(settings.environment());
        TableDescription created = engine.call("CreateTable " + name, () -> {
            TableDescription table = dynamo.createTable(CreateTableRequests.of(definition, settings)).tableDescription();
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(name));
            return table;
        });
        return new Result(name, Action.CREATED, describeCreated(created), unsupported(name, created));
    }

    /** Turns on what CreateTable cannot carry and says what the engine does not support. */
    private List<String> unsupported(String name, TableDescription created) throws LocalEngineException {
        var unsupported = new ArrayList<String>();
        try {
            dynamo.updateContinuousBackups(b -> b.tableName(name)
                    .pointInTimeRecoverySpecification(p -> p.pointInTimeRecoveryEnabled(true)));
        } catch (DynamoDbException e) {
            unsupported.add("point-in-time recovery (the engine has no continuous backups API)");
        } catch (SdkClientException e) {
            throw engine.failed("UpdateContinuousBackups " + name, e);
        }
        try {
            dynamo.listTagsOfResource(b -> b.resourceArn(created.tableArn()));
        } catch (DynamoDbException e) {
            unsupported.add("tags (the engine has no tagging API; they were ignored)");
        } catch (SdkClientException e) {
            throw engine.failed("ListTagsOfResource " + name, e);
        }
        if (created.sseDescription() == null) {
            unsupported.add("encryption settings (accepted, but not reported by the engine)");
        }
        return unsupported;
    }

    private static String describeCreated(TableDescription table) {
        int indexes = table.globalSecondaryIndexes() == null ? 0 : table.globalSecondaryIndexes().size();
        String stream = table.streamSpecification() != null && Boolean.TRUE.equals(table.streamSpecification()
                .streamEnabled()) ? "stream " + table.streamSpecification().streamViewTypeAsString() : "no stream";
        return String.format("created: %d GSIs, %s, deletion protection %s", indexes, stream,
                Boolean.TRUE.equals(table.deletionProtectionEnabled()) ? "on" : "off");
    }

    private Optional<TableDescription> describe(String name) throws LocalEngineException {
        return Optional.ofNullable(engine.call("DescribeTable " + name, () -> {
            try {
                return dynamo.describeTable(b -> b.tableName(name)).table();
            } catch (ResourceNotFoundException e) {
                return null;
            }
        }));
    }
}
