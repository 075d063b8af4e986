package com.bbws.dynamodb.catalogue;

import java.util.Arrays;
import java.util.Optional;

/** The platform's environments, one Pulumi stack and one AWS account each. */
public enum Environment {
    DEV("dev", "536580886816", "eu-west-1"),
    SIT("sit", "815856636111", "eu-west-1"),
    PROD("prod", "093646564004", "af-south-1");

    private final String id;
    private final String accountId;
    private final String region;

    Environment(String id, String accountId, String region) {
        this.id = id;
        this.accountId = accountId;
        this.region = region;
    }

    /** The name used in config, tags and table names: dev, sit or prod. */
    public String id() {
        return id;
    }

    /** The AWS account that holds this environment's tables. */
    public String accountId() {
        return accountId;
    }

    /** The AWS region of this environment's tables. */
    public String region() {
        return region;
    }

    public static Optional<Environment> byId(String id) {
        return Arrays.stream(values()).filter(e -> e.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
