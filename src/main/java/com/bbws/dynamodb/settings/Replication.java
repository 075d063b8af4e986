package com.bbws.dynamodb.settings;

import com.google.gson.JsonObject;
import com.pulumi.aws.enums.Region;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Global-table replicas (DR): {@code replicaRegions} and, per replica region, its customer managed
 * key ({@code replicaKmsKeyArns}), required when the tables use one.
 *
 * @param regions     the replica regions, in the order given
 * @param kmsKeyArns  per replica region, the key there
 */
record Replication(List<String> regions, Map<String, String> kmsKeyArns) {

    /** The regions the AWS provider knows (pulumi-aws's own list), so a made-up region is refused. */
    static final Set<String> AWS_REGIONS = Arrays.stream(Region.values()).map(Region::getValue)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * @param homeRegion     the environment's own region (so a wrong aws:region is not reported twice)
     * @param tablesUseCmk   whether the tables use a customer managed key: then every replica needs one
     */
    static Replication read(ConfigReader reader, String homeRegion, String accountId, boolean tablesUseCmk) {
        List<String> regions = regions(reader, homeRegion);
        return new Replication(regions, keys(reader, regions, accountId, tablesUseCmk));
    }

    private static List<String> regions(ConfigReader reader, String homeRegion) {
        Optional<String> value = reader.text(Setting.REPLICA_REGIONS);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> given = ConfigReader.stringList(value.get());
        if (given == null) {
            reader.problem(Setting.REPLICA_REGIONS, String.format("must be a list of AWS regions, was %s.",
                    Echo.quote(value.get())));
            return List.of();
        }
        var valid = new ArrayList<String>();
        for (String replica : given) {
            if (!AWS_REGIONS.contains(replica)) {
                reader.problem(Setting.REPLICA_REGIONS, String.format("%s is not an AWS region.", Echo.quote(replica)));
            } else if (homeRegion != null && !partition(replica).equals(partition(homeRegion))) {
                reader.problem(Setting.REPLICA_REGIONS, String.format("'%s' is in the %s partition, the tables in %s;"
                        + " a global table cannot cross AWS partitions.", replica, partition(replica), partition(homeRegion)));
            } else if (replica.equals(homeRegion)) {
                reader.problem(Setting.REPLICA_REGIONS, String.format(
                        "'%s' is the stack's own region; a replica must be in another region.", replica));
            } else if (valid.contains(replica)) {
                reader.problem(Setting.REPLICA_REGIONS, String.format("'%s' is listed twice.", replica));
            } else {
                valid.add(replica);
            }
        }
        return valid;
    }

    /** The AWS partition of a region: aws, aws-cn, aws-us-gov, or an isolated one. */
    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-iso")) {
            return "aws-iso";
        }
        return "aws";
    }

    private static Map<String, String> keys(ConfigReader reader, List<String> regions, String accountId,
                                            boolean tablesUseCmk) {
        var keys = new LinkedHashMap<String, String>();
        JsonObject given = reader.map(Setting.REPLICA_KMS_KEY_ARNS, "a map of replica regions to KMS key ARNs");
        if (given != null) {
            for (String replica : given.keySet()) {
                String key = reader.text(Setting.REPLICA_KMS_KEY_ARNS, given, replica, null);
                if (!regions.contains(replica)) {
                    reader.problem(Setting.REPLICA_KMS_KEY_ARNS, String.format(
                            "%s is not one of replicaRegions (%s).", Echo.quote(replica), String.join(", ", regions)));
                } else if (key != null && KmsKeyArn.check(reader, Setting.REPLICA_KMS_KEY_ARNS, replica + ": ", key,
                        replica, accountId)) {
                    keys.put(replica, key);
                }
            }
        }
        if (given != null && !given.keySet().isEmpty() && !tablesUseCmk && !reader.isSet(Setting.KMS_KEY_ARN)) {
            // a global table's replicas use the kind of key the table uses: beside the AWS managed key,
            // a replica key is a mistake
            reader.problem(Setting.REPLICA_KMS_KEY_ARNS, "replica keys need a customer managed key on the tables;"
                    + " set bbws-dynamodb:kmsKeyArn or bbws-dynamodb:createKmsKey: true, or remove replicaKmsKeyArns"
                    + " (the replicas then use the AWS managed key, as the tables do).");
        }
        if (tablesUseCmk) {
            regions.stream().filter(replica -> !keys.containsKey(replica)).forEach(replica ->
                    reader.problem(Setting.REPLICA_KMS_KEY_ARNS, String.format("no key for %s: the tables use a"
                            + " customer managed key, so each replica needs one in its own region.", replica)));
        }
        return keys;
    }
}
