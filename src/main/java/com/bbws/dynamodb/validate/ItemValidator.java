package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.KeyAttribute;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@code validate --items}: reads up to a limit of items of each table with a paginated Scan, at a bounded
 * read rate ({@link ReadPace}), and checks each against its table's item schema ({@link ItemConformance}).
 * It makes no other call on the tables: its IAM policy allows dynamodb:Scan alone
 * (deploy/iam/&lt;env&gt;/item-check-permissions.json).
 */
public final class ItemValidator {

    /** Items read per table unless the user asks for more. */
    public static final int DEFAULT_LIMIT = 100;
    /** The most items per table one run reads. */
    public static final int MAX_LIMIT = 10_000;
    /** Items asked for per Scan page (DynamoDB also ends a page at 1 MB). */
    static final int PAGE_SIZE = 100;

    private final DynamoDbClient dynamo;
    private final String target;
    private final ReadPace pace;

    /**
     * @param target where the tables are, for messages (an endpoint URL or the AWS account and region)
     */
    public ItemValidator(DynamoDbClient dynamo, String target, ReadPace pace) {
        this.dynamo = dynamo;
        this.target = target;
        this.pace = pace;
    }

    /** Against AWS: the account first (STS needs no permission), then the items of every table. */
    public static ItemReport againstAws(StsClient sts, DynamoDbClient dynamo, Catalogue catalogue,
                                        StackSettings settings, int limit) throws CannotCheckException {
        AccountCheck.requireStackAccount(sts, settings);
        String target = "AWS account " + settings.accountId() + " in " + settings.region();
        return new ItemValidator(dynamo, target, ReadPace.standard()).validate(catalogue, settings, limit);
    }

    /**
     * Up to {@code limit} items of every table of the stack, in catalogue order.
     *
     * @throws CannotCheckException a table is missing, access denied, throttled, no answer in time
     */
    public ItemReport validate(Catalogue catalogue, StackSettings settings, int limit) throws CannotCheckException {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT + ", was " + limit);
        }
        var tables = new ArrayList<ItemReport.TableItems>();
        for (TableDefinition table : catalogue.tables()) {
            tables.add(validate(table, table.physicalName(settings.environment()), limit));
        }
        return new ItemReport(settings.stack(), target, limit, tables);
    }

    private ItemReport.TableItems validate(TableDefinition table, String name, int limit) throws CannotCheckException {
        ItemConformance conformance = ItemConformance.of(table);
        var nonConforming = new ArrayList<ItemReport.NonConforming>();
        int read = 0;
        Map<String, AttributeValue> start = null;
        do {
            var request = ScanRequest.builder().tableName(name).limit(Math.min(PAGE_SIZE, limit - read))
                    .exclusiveStartKey(start).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            ScanResponse page = scan(name, request);
            for (Map<String, AttributeValue> item : page.items()) {
                read++;
                var problems = conformance.problems(item);
                if (!problems.isEmpty()) {
                    nonConforming.add(new ItemReport.NonConforming(key(table, item), problems));
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            if (start != null && read < limit) {
                pause(page);
            }
        } while (start != null && read < limit);
        return new ItemReport.TableItems(name, read, start != null, nonConforming);
    }

    /** Waits before the next page as the read budget requires. */
    private void pause(ScanResponse page) throws CannotCheckException {
        // an engine that does not report what a page consumed: a unit per item, more than items under 8 KB cost
        double units = page.consumedCapacity() != null && page.consumedCapacity().capacityUnits() != null
                ? page.consumedCapacity().capacityUnits() : page.count();
        try {
            pace.afterPage(units);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotCheckException("Interrupted while pacing the reads of " + target + ".");
        }
    }

    private ScanResponse scan(String name, ScanRequest request) throws CannotCheckException {
        String what = "Scan " + name;
        try {
            return dynamo.scan(request);
        } catch (ResourceNotFoundException e) {
            throw new CannotCheckException(String.format("Table %s not found at %s: it has no items to check"
                    + " (validate without --items checks the tables).", name, target));
        } catch (DynamoDbException e) {
            throw CallFailures.refused(e, target, what);
        } catch (SdkClientException e) {
            throw new CannotCheckException(CallFailures.describe(e, target, what, dynamo));
        }
    }

    /** The item's key attributes, partition key first: the one thing of an item a report may show. */
    private static Map<String, String> key(TableDefinition table, Map<String, AttributeValue> item) {
        var key = new LinkedHashMap<String, String>();
        for (KeyAttribute attribute : table.keys().attributes()) {
            AttributeValue value = item.get(attribute.name());
            key.put(attribute.name(), value == null ? "(missing)" : value.s() != null ? value.s()
                    : value.n() != null ? value.n()
                    : value.b() != null ? Base64.getEncoder().encodeToString(value.b().asByteArray()) : "(not a key type)");
        }
        return key;
    }
}
