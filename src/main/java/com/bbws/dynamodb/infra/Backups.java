package com.bbws.dynamodb.infra;

import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.BackupSettings;
import com.bbws.dynamodb.settings.StackSettings;
import com.pulumi.aws.backup.Plan;
import com.pulumi.aws.backup.PlanArgs;
import com.pulumi.aws.backup.Selection;
import com.pulumi.aws.backup.SelectionArgs;
import com.pulumi.aws.backup.Vault;
import com.pulumi.aws.backup.VaultArgs;
import com.pulumi.aws.backup.inputs.PlanRuleArgs;
import com.pulumi.aws.backup.inputs.PlanRuleLifecycleArgs;
import com.pulumi.aws.dynamodb.Table;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import java.util.Map;

/** AWS Backup of the stack's tables: a vault, a plan, and a selection of every table. */
public final class Backups {

    /** AWS's managed policy that lets AWS Backup back DynamoDB tables up. */
    public static final String SERVICE_POLICY = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";

    /** Only AWS Backup may assume the backup role. */
    public static final String ASSUME_ROLE_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";

    private Backups() {
    }

    /**
     * The permissions boundary of the backup role: a managed policy an administrator creates once per
     * account from deploy/iam/<env>/backup-role-boundary.json (docs/ci-cd.md). Whatever the role's trust or
     * attached policy later say, it can do no more than AWS Backup's work on this stack's tables; the
     * deploy role may create and change the role only with this boundary.
     */
    public static String roleBoundaryArn(StackSettings settings) {
        return "arn:aws:iam::" + settings.accountId() + ":policy/" + settings.resourceName() + "-backup-boundary";
    }

    /** The backup role's name: {@code bbws-dynamodb-<env>-backup}. */
    public static String roleName(StackSettings settings) {
        return settings.resourceName() + "-backup";
    }

    public static void declare(StackSettings settings, Map<TableDefinition, Table> tables) {
        BackupSettings backup = settings.backup();
        if (!backup.enabled()) {
            return;
        }
        String name = settings.resourceName();
        var vaultArgs = VaultArgs.builder().name(name).tags(settings.tagsFor(name));
        if (backup.vaultKmsKeyArn() != null) {
            vaultArgs.kmsKeyArn(backup.vaultKmsKeyArn());
        }
        // the vault holds the recovery points: protected in prod like the tables
        var vault = new Vault("backup-vault", vaultArgs.build(),
                CustomResourceOptions.builder().protect(settings.protect()).build());
        var plan = new Plan("backup-plan", PlanArgs.builder()
                .name(name)
                .rules(PlanRuleArgs.builder()
                        .ruleName(name)
                        .targetVaultName(vault.name())
                        .schedule(backup.schedule())
                        .lifecycle(PlanRuleLifecycleArgs.builder().deleteAfter(backup.retentionDays()).build())
                        .build())
                .tags(settings.tagsFor(name))
                .build());
        var role = new Role("backup-role", RoleArgs.builder()
                .name(roleName(settings))
                .assumeRolePolicy(ASSUME_ROLE_POLICY)
                .permissionsBoundary(roleBoundaryArn(settings))
                .tags(settings.tagsFor(roleName(settings)))
                .build());
        new RolePolicyAttachment("backup-role-policy", RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(SERVICE_POLICY)
                .build());
        new Selection("backup-selection", SelectionArgs.builder()
                .name(name)
                .planId(plan.id())
                .iamRoleArn(role.arn())
                .resources(Output.all(tables.values().stream().map(Table::arn).toList()))
                .build());
    }
}
