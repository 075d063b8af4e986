package com.bbws.dynamodb.plan;

import com.pulumi.test.Mocks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the AWS provider: records what the program registers and answers with the
 * state AWS would return, predicting what can be predicted (a table's ARN comes from account,
 * region and name) and marking the rest ({@link Plan#KNOWN_AFTER_DEPLOY}).
 */
final class PredictingMocks implements Mocks {

    static final String TABLE = "aws:dynamodb/table:Table";

    private final String region;
    private final String accountId;
    private final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();

    PredictingMocks(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    List<ResourceArgs> registered() {
        return List.copyOf(registered);
    }

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(args);
        if (!TABLE.equals(args.type)) {
            return CompletableFuture.failedFuture(new PlanException(
                    "The offline plan cannot predict resources of type " + args.type + " yet."));
        }
        var state = new LinkedHashMap<String, Object>(args.inputs);
        String name = String.valueOf(args.inputs.get("name"));
        String arn = String.format("arn:aws:dynamodb:%s:%s:table/%s", region, accountId, name);
        state.put("arn", arn);
        if (Boolean.TRUE.equals(args.inputs.get("streamEnabled"))) {
            state.put("streamArn", arn + "/stream/" + Plan.KNOWN_AFTER_DEPLOY);
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(name), Map.copyOf(state)));
    }
}
