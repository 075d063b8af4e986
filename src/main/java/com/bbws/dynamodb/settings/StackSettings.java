package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.TableDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a stack varies, read once from its config and validated
 * ({@link StackSettingsReader}) before any resource is declared.
 *
 * @param stack              the Pulumi stack name, for messages
 * @param environment        dev, sit or prod
 * @param region             the AWS region of the tables (config {@code aws:region})
 * @param accountId          the only AWS account the stack may touch (config {@code aws:allowedAccountIds})
 * @param deletionProtection DynamoDB deletion protection on every table
 * @param kmsKeyArn          an existing customer managed KMS key for encryption, or null
 * @param createKmsKey       whether the stack creates its own customer managed key (then kmsKeyArn is null);
 *                           with neither, the tables use the AWS managed key
 * @param tags               the stack's tag set, every table's tags but {@code Name}
 * @param adoptedTables      ids of tables that already exist and are imported, not created
 * @param backup             AWS Backup of the tables
 * @param alarms             CloudWatch alarms, or {@link AlarmSettings#NONE}
 * @param replicaRegions     regions holding a global-table replica of every table with a stream
 * @param replicaKmsKeyArns  per replica region, the customer managed key there (none: AWS managed keys)
 * @param secrets            the settings the stack set as secrets ({@code secure:}; under the engine, the keys of
 *                           {@code PULUMI_CONFIG_SECRET_KEYS}): every resource input taken from one is registered
 *                           as a secret, so that it is encrypted in the state and hidden in diffs
 */
public record StackSettings(
        String stack,
        Environment environment,
        String region,
        String accountId,
        boolean deletionProtection,
        String kmsKeyArn,
        boolean createKmsKey,
        Map<String, String> tags,
        Set<String> adoptedTables,
        BackupSettings backup,
        AlarmSettings alarms,
        List<String> replicaRegions,
        Map<String, String> replicaKmsKeyArns,
        Set<Setting> secrets) {

    public StackSettings {
        tags = Map.copyOf(tags);
        adoptedTables = Set.copyOf(adoptedTables);
        replicaRegions = List.copyOf(replicaRegions);
        replicaKmsKeyArns = Map.copyOf(replicaKmsKeyArns);
        secrets = Set.copyOf(secrets);
    }

    /** Whether the stack set the setting as a secret: then what is taken from it goes to the engine as one. */
    public boolean isSecret(Setting setting) {
        return secrets.contains(setting);
    }

    /**
     * The regions a table is replicated to. A global-table replica needs the table's stream
     * (NEW_AND_OLD_IMAGES), and the brief gives products none, so products is not replicated.
     */
    public List<String> replicaRegionsOf(TableDefinition table) {
        return table.stream().isEnabled() ? replicaRegions : List.of();
    }

    /**
     * Whether the table already exists (created by the old Terraform setup) and is adopted with
     * Pulumi's {@code import} option instead of being created: never recreated, no data lost.
     */
    public boolean adopts(TableDefinition table) {
        return adoptedTables.contains(table.id());
    }

    /**
     * Whether the tables carry Pulumi's {@code protect} option: in prod, so that no
     * {@code pulumi up} or {@code destroy} can delete or replace a table holding customer data.
     */
    public boolean protect() {
        return environment == Environment.PROD;
    }

    /** The name of the stack's own resources (backup vault, plan, key): {@code bbws-dynamodb-<env>}. */
    public String resourceName() {
        return Setting.PROJECT + "-" + environment.id();
    }

    public Optional<String> customerManagedKey() {
        return Optional.ofNullable(kmsKeyArn);
    }

    /** A table's full tag set, in a stable order: the stack's tags by name, then {@code Name}. */
    public Map<String, String> tagsFor(String tableName) {
        var all = new LinkedHashMap<String, String>();
        tags.keySet().stream().sorted().forEach(key -> all.put(key, tags.get(key)));
        all.put("Name", tableName);
        return all;
    }
}
