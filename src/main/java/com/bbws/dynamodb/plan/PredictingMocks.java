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
    static final String BACKUP_PLAN = "aws:backup/plan:Plan";
    static final String METRIC_ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final String PARAMETER = "aws:ssm/parameter:Parameter";

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
        var state = new LinkedHashMap<String, Object>(args.inputs);
        String name = String.valueOf(args.inputs.get("name"));
        String id = name;
        switch (args.type) {
            case TABLE -> {
                String arn = tableArn(region, name);
                state.put("arn", arn);
                if (Boolean.TRUE.equals(args.inputs.get("streamEnabled"))) {
                    state.put("streamArn", arn + "/stream/" + Plan.KNOWN_AFTER_DEPLOY);
                }
                state.put("replicas", PlanRenderer.maps(args.inputs.get("replicas")).stream().map(replica -> {
                    var predicted = new LinkedHashMap<String, Object>(replica);
                    String replicaArn = tableArn(String.valueOf(replica.get("regionName")), name);
                    predicted.put("arn", replicaArn);
                    predicted.put("streamArn", replicaArn + "/stream/" + Plan.KNOWN_AFTER_DEPLOY);
                    return predicted;
                }).toList());
            }
            case "aws:backup/vault:Vault" ->
                    state.put("arn", String.format("arn:aws:backup:%s:%s:backup-vault:%s", region, accountId, name));
            case BACKUP_PLAN, "aws:backup/selection:Selection" -> id = Plan.KNOWN_AFTER_DEPLOY;
            case "aws:kms/key:Key" -> {
                id = Plan.KNOWN_AFTER_DEPLOY;
                state.put("arn", String.format("arn:aws:kms:%s:%s:key/%s", region, accountId, Plan.KNOWN_AFTER_DEPLOY));
            }
            case "aws:iam/role:Role" -> state.put("arn", String.format("arn:aws:iam::%s:role/%s", accountId, name));
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment" -> id = args.name;
            // a parameter's ARN is its name without the leading slash after "parameter/"
            case PARAMETER -> state.put("arn", String.format("arn:aws:ssm:%s:%s:parameter/%s", region, accountId,
                    name.startsWith("/") ? name.substring(1) : name));
            case METRIC_ALARM ->
                    state.put("arn", String.format("arn:aws:cloudwatch:%s:%s:alarm:%s", region, accountId, name));
            default -> {
                return CompletableFuture.failedFuture(new PlanException(
                        "The offline plan cannot predict resources of type " + args.type + " yet."));
            }
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(id), Map.copyOf(state)));
    }

    private String tableArn(String tableRegion, String name) {
        return String.format("arn:aws:dynamodb:%s:%s:table/%s", tableRegion, accountId, name);
    }
}
