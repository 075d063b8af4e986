package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TablePolicy;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.dynamodb.TableArgs;
import com.pulumi.aws.dynamodb.inputs.TableAttributeArgs;
import com.pulumi.aws.dynamodb.inputs.TableGlobalSecondaryIndexArgs;
import com.pulumi.aws.dynamodb.inputs.TablePointInTimeRecoveryArgs;
import com.pulumi.aws.dynamodb.inputs.TableReplicaArgs;
import com.pulumi.aws.dynamodb.inputs.TableServerSideEncryptionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the catalogue into one {@code aws:dynamodb/table:Table} per definition, encrypted with the
 * stack's key, replicated where the stack has replica regions.
 */
public final class DynamoDbTables {

    private DynamoDbTables() {
    }

    /**
     * Declares the catalogue's tables for a stack; the result is keyed by definition, in catalogue order.
     *
     * @param key the customer managed key's ARN ({@link CustomerManagedKey}), or empty for the AWS managed key
     */
    public static Map<TableDefinition, Table> declare(Catalogue catalogue, StackSettings settings,
                                                      Optional<Output<String>> key) {
        var tables = new LinkedHashMap<TableDefinition, Table>();
        for (TableDefinition definition : catalogue.tables()) {
            tables.put(definition, new Table(definition.id(), args(definition, settings, key),
                    options(definition, settings)));
        }
        return tables;
    }

    static TableArgs args(TableDefinition definition, StackSettings settings, Optional<Output<String>> key) {
        String name = definition.physicalName(settings.environment());
        var args = TableArgs.builder()
                .name(name)
                .billingMode(TablePolicy.BILLING_MODE)
                .hashKey(definition.keys().partitionKey().name())
                .attributes(definition.attributeDefinitions().stream()
                        .map(attribute -> TableAttributeArgs.builder()
                                .name(attribute.name()).type(attribute.type().name()).build())
                        .toList())
                .globalSecondaryIndexes(definition.indexes().stream().map(DynamoDbTables::index).toList())
                .pointInTimeRecovery(TablePointInTimeRecoveryArgs.builder()
                        .enabled(TablePolicy.POINT_IN_TIME_RECOVERY).build())
                .streamEnabled(definition.stream().isEnabled())
                .serverSideEncryption(encryption(key))
                .deletionProtectionEnabled(settings.deletionProtection())
                .tags(settings.tagsFor(name));
        definition.keys().sortKeyIfAny().ifPresent(sortKey -> args.rangeKey(sortKey.name()));
        definition.stream().viewType().ifPresent(viewType -> args.streamViewType(viewType.name()));
        List<String> replicaRegions = settings.replicaRegionsOf(definition);
        if (!replicaRegions.isEmpty()) {
            args.replicas(replicaRegions.stream().map(region -> {
                var replica = TableReplicaArgs.builder()
                        .regionName(region)
                        .pointInTimeRecovery(TablePolicy.POINT_IN_TIME_RECOVERY)
                        .propagateTags(true);
                Optional.ofNullable(settings.replicaKmsKeyArns().get(region)).ifPresent(replica::kmsKeyArn);
                return replica.build();
            }).toList());
        }
        return args.build();
    }

    private static TableGlobalSecondaryIndexArgs index(GlobalSecondaryIndex index) {
        var args = TableGlobalSecondaryIndexArgs.builder()
                .name(index.name())
                .hashKey(index.keys().partitionKey().name())
                .projectionType(GlobalSecondaryIndex.PROJECTION);
        index.keys().sortKeyIfAny().ifPresent(sortKey -> args.rangeKey(sortKey.name()));
        return args.build();
    }

    /** Encryption is always on: the AWS managed key, or the stack's customer managed key. */
    private static TableServerSideEncryptionArgs encryption(Optional<Output<String>> key) {
        var args = TableServerSideEncryptionArgs.builder().enabled(true);
        key.ifPresent(args::kmsKeyArn);
        return args.build();
    }

    private static CustomResourceOptions options(TableDefinition definition, StackSettings settings) {
        return CustomResourceOptions.builder()
                .protect(settings.protect())
                // adopting: Pulumi reads the existing table by its physical name instead of creating one
                .importId(settings.adopts(definition) ? definition.physicalName(settings.environment()) : null)
                .build();
    }
}
