package com.bbws.dynamodb.catalogue;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;
import static com.bbws.dynamodb.catalogue.ItemAttribute.list;
import static com.bbws.dynamodb.catalogue.ItemAttribute.n;
import static com.bbws.dynamodb.catalogue.ItemAttribute.s;

import com.bbws.dynamodb.catalogue.Stream.ViewType;
import java.util.List;

/**
 * The BBWS platform's DynamoDB tables: the one place they are declared. The Pulumi program,
 * the offline plan and every other command read them from here.
 *
 * <p>Every table has the single-table keys {@code PK}/{@code SK} (strings). {@code active} is a
 * number (1/0) wherever it is a key: DynamoDB keys cannot be booleans, and in items too: DynamoDB refuses
 * a write whose index key has another type.
 */
public final class BbwsTables {

    private static final KeyAttribute PK = string("PK");
    private static final KeyAttribute SK = string("SK");
    private static final KeyAttribute ACTIVE = number("active");

    /** The sort key of every item: each table holds one kind of item, its metadata. */
    private static final ItemAttribute METADATA = s("SK").asRequired().withKeyPattern("METADATA");
    private static final ItemAttribute ID = s("id").asRequired().withFormat(Format.UUID);
    private static final ItemAttribute ACTIVE_FLAG = n("active").asRequired().oneOf("1", "0");
    private static final ItemAttribute DATE_CREATED = s("dateCreated").asRequired().withFormat(Format.DATE_TIME);
    private static final ItemAttribute DATE_LAST_UPDATED =
            s("dateLastUpdated").asRequired().withFormat(Format.DATE_TIME);
    private static final ItemAttribute LAST_UPDATED_BY = s("lastUpdatedBy").asRequired().withFormat(Format.EMAIL);

    public static final TableDefinition TENANTS = new TableDefinition(
            "tenants",
            TableName.fixed("tenants"),
            KeySchema.of(PK, SK),
            List.of(
                    GlobalSecondaryIndex.of("EmailIndex", string("email")),
                    GlobalSecondaryIndex.of("TenantStatusIndex", string("status"), SK),
                    GlobalSecondaryIndex.of("ActiveIndex", ACTIVE, SK)),
            Stream.enabled(ViewType.NEW_AND_OLD_IMAGES),
            ItemSchema.of(
                    s("PK").asRequired().withKeyPattern("TENANT#{id}"),
                    METADATA,
                    ID,
                    s("email").asRequired().withFormat(Format.EMAIL),
                    s("status").asRequired().oneOf("UNVALIDATED", "VALIDATED", "REGISTERED", "SUSPENDED"),
                    s("organizationName"),
                    s("destinationEmail"),
                    ACTIVE_FLAG,
                    DATE_CREATED,
                    DATE_LAST_UPDATED,
                    LAST_UPDATED_BY));

    /** The only table whose name carries the environment: by design, from the old setup. */
    public static final TableDefinition PRODUCTS = new TableDefinition(
            "products",
            TableName.withEnvironmentSuffix("products"),
            KeySchema.of(PK, SK),
            List.of(GlobalSecondaryIndex.of("ActiveProductsIndex", ACTIVE, SK)),
            Stream.disabled(),
            ItemSchema.of(
                    s("PK").asRequired().withKeyPattern("PRODUCT#{id}"),
                    METADATA,
                    ID,
                    s("name").asRequired(),
                    s("description").asRequired(),
                    n("price").asRequired(),
                    list("features", ItemType.S),
                    s("billingCycle").asRequired().oneOf("monthly", "yearly"),
                    ACTIVE_FLAG,
                    DATE_CREATED,
                    DATE_LAST_UPDATED,
                    LAST_UPDATED_BY));

    public static final TableDefinition CAMPAIGNS = new TableDefinition(
            "campaigns",
            TableName.fixed("campaigns"),
            KeySchema.of(PK, SK),
            List.of(
                    GlobalSecondaryIndex.of("CampaignActiveIndex", string("campaignId"), ACTIVE),
                    GlobalSecondaryIndex.of("CampaignProductIndex", string("productId"), SK),
                    GlobalSecondaryIndex.of("ActiveIndex", ACTIVE, SK)),
            Stream.enabled(ViewType.NEW_AND_OLD_IMAGES),
            ItemSchema.of(
                    s("PK").asRequired().withKeyPattern("CAMPAIGN#{code}"),
                    METADATA,
                    ID,
                    // the campaign's id again: CampaignActiveIndex is keyed on it
                    s("campaignId").asRequired().withFormat(Format.UUID).withKeyPattern("{id}"),
                    s("code").asRequired(),
                    s("description").asRequired(),
                    n("discountPercentage").asRequired().between(0, 100),
                    s("productId").asRequired().withFormat(Format.UUID),
                    s("termsConditionsLink").asRequired().withFormat(Format.URI),
                    s("fromDate").asRequired().withFormat(Format.DATE),
                    s("toDate").asRequired().withFormat(Format.DATE),
                    ACTIVE_FLAG,
                    DATE_CREATED,
                    DATE_LAST_UPDATED,
                    LAST_UPDATED_BY));

    public static final Catalogue CATALOGUE = Catalogue.of(TENANTS, PRODUCTS, CAMPAIGNS);

    private BbwsTables() {
    }
}
