package com.bbws.dynamodb.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items that follow their table's schema, as services store them; tests break one rule at a time. */
public final class ConformingItems {

    private ConformingItems() {
    }

    public static final String TENANT_ID = "3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f";
    public static final String PRODUCT_ID = "9b1c2d3e-4f5a-4b6c-8d7e-6f5a4b3c2d1e";
    public static final String CAMPAIGN_ID = "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b";

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    /** A tenant that follows its schema, as a service writes it. */
    public static Map<String, AttributeValue> tenant(String id) {
        var item = new HashMap<String, AttributeValue>();
        item.put("PK", s("TENANT#" + id));
        item.put("SK", s("METADATA"));
        item.put("id", s(id));
        item.put("email", s("owner@example.co.za"));
        item.put("status", s("VALIDATED"));
        item.put("organizationName", s("Example (Pty) Ltd"));
        item.put("active", n("1"));
        item.put("dateCreated", s("2025-06-01T08:30:00Z"));
        item.put("dateLastUpdated", s("2025-06-02T10:00:00+02:00"));
        item.put("lastUpdatedBy", s("admin@bbws.co.za"));
        return item;
    }

    public static Map<String, AttributeValue> product(String id) {
        var item = new HashMap<String, AttributeValue>();
        item.put("PK", s("PRODUCT#" + id));
        item.put("SK", s("METADATA"));
        item.put("id", s(id));
        item.put("name", s("Starter"));
        item.put("description", s("One site"));
        item.put("price", n("199.99"));
        item.put("features", AttributeValue.fromL(List.of(s("hosting"), s("email"))));
        item.put("billingCycle", s("monthly"));
        item.put("active", n("0"));
        item.put("dateCreated", s("2025-06-01T08:30:00Z"));
        item.put("dateLastUpdated", s("2025-06-01T08:30:00Z"));
        item.put("lastUpdatedBy", s("admin@bbws.co.za"));
        return item;
    }

    public static Map<String, AttributeValue> campaign(String code) {
        var item = new HashMap<String, AttributeValue>();
        item.put("PK", s("CAMPAIGN#" + code));
        item.put("SK", s("METADATA"));
        item.put("id", s(CAMPAIGN_ID));
        item.put("campaignId", s(CAMPAIGN_ID));
        item.put("code", s(code));
        item.put("description", s("Summer sale"));
        item.put("discountPercentage", n("20"));
        item.put("productId", s(PRODUCT_ID));
        item.put("termsConditionsLink", s("https://bbws.co.za/terms/summer2025"));
        item.put("fromDate", s("2025-12-01"));
        item.put("toDate", s("2026-01-31"));
        item.put("active", n("1"));
        item.put("dateCreated", s("2025-06-01T08:30:00Z"));
        item.put("dateLastUpdated", s("2025-06-01T08:30:00Z"));
        item.put("lastUpdatedBy", s("admin@bbws.co.za"));
        return item;
    }
}
