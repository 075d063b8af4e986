package com.bbws.dynamodb.catalogue;

/** What every platform table has, whatever its definition. */
public final class TablePolicy {

    /** On demand: traffic is spiky and per tenant, and nobody tunes capacity. */
    public static final String BILLING_MODE = "PAY_PER_REQUEST";

    /** Point-in-time recovery is on for every table in every environment. */
    public static final boolean POINT_IN_TIME_RECOVERY = true;

    private TablePolicy() {
    }
}
