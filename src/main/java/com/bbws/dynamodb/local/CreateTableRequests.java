package com.bbws.dynamodb.local;

import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TablePolicy;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** A catalogue definition as a DynamoDB CreateTable request: what the local engine is given. */
public final class CreateTableRequests {

    private CreateTableRequests() {
    }

    public static CreateTableRequest of(TableDefinition definition, StackSettings settings) {
        String name = definition.physicalName(settings.environment());
        var sse = SSESpecification.builder().enabled(true).sseType(SSEType.KMS);
        settings.customerManagedKey().ifPresent(sse::kmsMasterKeyId);
        var request = CreateTableRequest.builder()
                .tableName(name)
                .billingMode(TablePolicy.BILLING_MODE)
                .keySchema(keySchema(definition.keys()))
                .attributeDefinitions(definition.attributeDefinitions().stream()
                        .map(a -> AttributeDefinition.builder().attributeName(a.name()).attributeType(a.type().name())
                                .build())
                        .toList())
                .streamSpecification(definition.stream().viewType()
                        .map(view -> StreamSpecification.builder().streamEnabled(true).streamViewType(view.name()))
                        .orElse(StreamSpecification.builder().streamEnabled(false)).build())
                .sseSpecification(sse.build())
                .deletionProtectionEnabled(settings.deletionProtection())
                .tags(settings.tagsFor(name).entrySet().stream()
                        .map(tag -> Tag.builder().key(tag.getKey()).value(tag.getValue()).build())
                        .toList());
        if (!definition.indexes().isEmpty()) {
            request.globalSecondaryIndexes(definition.indexes().stream().map(CreateTableRequests::index).toList());
        }
        return request.build();
    }

    private static software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex index(
            GlobalSecondaryIndex index) {
        return software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex.builder()
                .indexName(index.name())
                .keySchema(keySchema(index.keys()))
                .projection(Projection.builder().projectionType(GlobalSecondaryIndex.PROJECTION).build())
                .build();
    }

    private static List<KeySchemaElement> keySchema(KeySchema keys) {
        var elements = new ArrayList<KeySchemaElement>();
        elements.add(KeySchemaElement.builder().attributeName(keys.partitionKey().name()).keyType(KeyType.HASH).build());
        keys.sortKeyIfAny().ifPresent(sort ->
                elements.add(KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build()));
        return elements;
    }
}
