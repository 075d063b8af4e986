package com.bbws.dynamodb.catalogue;

import static com.bbws.dynamodb.catalogue.KeyAttribute.number;
import static com.bbws.dynamodb.catalogue.KeyAttribute.string;

import com.bbws.dynamodb.catalogue.Stream.ViewType;
import java.util.List;

/**
 * The BBWS platform's DynamoDB tables: the one place they are declared. The Pulumi program,
 * the offline plan and every other command read them from here.
 *
 * <p>Every table has the single-table keys {@code PK}/{@code SK} (strings). {@code active} is a
 * number (1/0) wherever it is a key: DynamoDB keys cannot be booleans.
 */
public final class BbwsTables {

    private static final KeyAttribute PK = string("PK");
    private static final KeyAttribute SK = string("SK");
    private static final KeyAttribute ACTIVE = number("active");

    public static final TableDefinition TENANTS = new TableDefinition(
            "tenants",
            TableName.fixed("tenants"),
            KeySchema.of(PK, SK),
            List.of(
                    GlobalSecondaryIndex.of("EmailIndex", string("email")),
                    GlobalSecondaryIndex.of("TenantStatusIndex", string("status"), SK),
                    GlobalSecondaryIndex.of("ActiveIndex", ACTIVE, SK)),
            Stream.enabled(ViewType.NEW_AND_OLD_IMAGES));

    /** The only table whose name carries the environment: by design, from the old setup. */
    public static final TableDefinition PRODUCTS = new TableDefinition(
            "products",
            TableName.withEnvironmentSuffix("products"),
            KeySchema.of(PK, SK),
            List.of(GlobalSecondaryIndex.of("ActiveProductsIndex", ACTIVE, SK)),
            Stream.disabled());

    public static final TableDefinition CAMPAIGNS = new TableDefinition(
            "campaigns",
            TableName.fixed("campaigns"),
            KeySchema.of(PK, SK),
            List.of(
                    GlobalSecondaryIndex.of("CampaignActiveIndex", string("campaignId"), ACTIVE),
                    GlobalSecondaryIndex.of("CampaignProductIndex", string("productId"), SK),
                    GlobalSecondaryIndex.of("ActiveIndex", ACTIVE, SK)),
            Stream.enabled(ViewType.NEW_AND_OLD_IMAGES));

    public static final Catalogue CATALOGUE = Catalogue.of(TENANTS, PRODUCTS, CAMPAIGNS);

    private BbwsTables() {
    }
}
