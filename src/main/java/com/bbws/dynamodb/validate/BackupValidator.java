package com.bbws.dynamodb.validate;

import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.infra.Backups;
import com.bbws.dynamodb.settings.BackupSettings;
import com.bbws.dynamodb.settings.StackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupPlansListMember;
import software.amazon.awssdk.services.backup.model.BackupRule;
import software.amazon.awssdk.services.backup.model.BackupSelection;
import software.amazon.awssdk.services.backup.model.BackupSelectionsListMember;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The stack's AWS Backup resources (infra/Backups) as AWS has them: the vault and its key, the plan's
 * rule (schedule, retention, vault), and the selection (exactly the stack's tables, backed up as the
 * backup role). A missing or changed one is drift, like a table that differs.
 */
public final class BackupValidator {

    /** The alias of AWS Backup's managed key, which encrypts a vault created without a key of its own. */
    static final String BACKUP_MANAGED_KEY = "alias/aws/backup";

    static final String VAULT = "backup vault";
    static final String PLAN = "backup plan";
    static final String SELECTION = "backup selection";

    private final BackupClient backup;
    private final KmsClient kms;
    private final AwsCalls backupCalls;
    private final AwsCalls kmsCalls;

    /** @param kms KMS in the stack's region: it names AWS Backup's managed key there */
    public BackupValidator(BackupClient backup, KmsClient kms, String target) {
        this.backup = backup;
        this.kms = kms;
        this.backupCalls = new AwsCalls("AWS Backup", target, backup);
        this.kmsCalls = new AwsCalls("AWS KMS", target, kms);
    }

    /**
     * One check each for the vault, the plan and the selection; none when the stack has no backups.
     *
     * @param live each table's live description by physical name (its ARN), or null when it was not found
     */
    public List<Check> validate(Catalogue catalogue, StackSettings settings, Function<String, TableDescription> live)
            throws CannotCheckException {
        if (!settings.backup().enabled()) {
            return List.of();
        }
        String name = settings.resourceName();
        var checks = new ArrayList<Check>();
        checks.add(vault(name, settings.backup()));
        Optional<BackupPlansListMember> plan = plan(name);
        checks.add(plan.isEmpty() ? Check.fail(name, PLAN, "missing; expected " + expectedRule(name, settings.backup()))
                : rules(name, plan.get().backupPlanId(), settings.backup()));
        checks.add(plan.isEmpty() ? Check.fail(name, SELECTION, "missing with its plan; expected "
                        + expectedSelection(catalogue, settings, live))
                : selection(name, plan.get().backupPlanId(), catalogue, settings, live));
        return checks;
    }

    /** Where AWS Backup cannot be asked (an endpoint such as DynamoDB Local): each check, said to be not checkable. */
    public static List<Check> notCheckable(StackSettings settings, String why) {
        if (!settings.backup().enabled()) {
            return List.of();
        }
        String name = settings.resourceName();
        return List.of(Check.notCheckable(name, VAULT, why), Check.notCheckable(name, PLAN, why),
                Check.notCheckable(name, SELECTION, why));
    }

    private Check vault(String name, BackupSettings settings) throws CannotCheckException {
        var vault = backupCalls.find("DescribeBackupVault " + name,
                () -> backup.describeBackupVault(request -> request.backupVaultName(name)));
        String expectedKey = settings.vaultKmsKeyArn() != null ? settings.vaultKmsKeyArn() : backupManagedKey();
        String expected = "encrypted with " + expectedKey
                + (settings.vaultKmsKeyArn() != null ? "" : " (" + BACKUP_MANAGED_KEY + ")");
        if (vault.isEmpty()) {
            return Check.fail(name, VAULT, "missing; expected a vault " + expected);
        }
        String key = vault.get().encryptionKeyArn();
        return Check.of(name, VAULT, expectedKey.equals(key), "encrypted with " + key, expected);
    }

    private String backupManagedKey() throws CannotCheckException {
        return kmsCalls.find("DescribeKey " + BACKUP_MANAGED_KEY,
                        () -> kms.describeKey(request -> request.keyId(BACKUP_MANAGED_KEY)).keyMetadata().arn())
                .orElse(BACKUP_MANAGED_KEY + ", which does not exist in the account");
    }

    private Optional<BackupPlansListMember> plan(String name) throws CannotCheckException {
        String next = null;
        do {
            String token = next;
            var page = backupCalls.call("ListBackupPlans",
                    () -> backup.listBackupPlans(request -> request.nextToken(token)));
            var found = page.backupPlansList().stream().filter(plan -> name.equals(plan.backupPlanName())).findFirst();
            if (found.isPresent()) {
                return found;
            }
            next = page.nextToken();
        } while (next != null);
        return Optional.empty();
    }

    private Check rules(String name, String planId, BackupSettings settings) throws CannotCheckException {
        var plan = backupCalls.call("GetBackupPlan " + name,
                () -> backup.getBackupPlan(request -> request.backupPlanId(planId)).backupPlan());
        String found = plan.rules().isEmpty() ? "no rules" : plan.rules().stream().map(BackupValidator::rule)
                .collect(Collectors.joining("; "));
        String expected = expectedRule(name, settings);
        return Check.of(name, PLAN, found.equals(expected), found, expected);
    }

    private static String rule(BackupRule rule) {
        String kept = rule.lifecycle() == null || rule.lifecycle().deleteAfterDays() == null ? "kept until deleted"
                : "kept " + rule.lifecycle().deleteAfterDays() + " days";
        return rule(rule.ruleName(), rule.scheduleExpression(), kept, rule.targetBackupVaultName());
    }

    private static String expectedRule(String name, BackupSettings settings) {
        return rule(name, settings.schedule(), "kept " + settings.retentionDays() + " days", name);
    }

    private static String rule(String name, String schedule, String kept, String vault) {
        return String.format("rule %s: %s, %s, into vault %s", name, schedule, kept, vault);
    }

    private Check selection(String name, String planId, Catalogue catalogue, StackSettings settings,
                            Function<String, TableDescription> live) throws CannotCheckException {
        String expected = expectedSelection(catalogue, settings, live);
        Optional<BackupSelectionsListMember> listed = Optional.empty();
        String next = null;
        do {
            String token = next;
            var page = backupCalls.call("ListBackupSelections " + name,
                    () -> backup.listBackupSelections(request -> request.backupPlanId(planId).nextToken(token)));
            listed = page.backupSelectionsList().stream().filter(s -> name.equals(s.selectionName())).findFirst();
            next = listed.isPresent() ? null : page.nextToken();
        } while (next != null);
        if (listed.isEmpty()) {
            return Check.fail(name, SELECTION, "missing; expected " + expected);
        }
        String selectionId = listed.get().selectionId();
        BackupSelection selection = backupCalls.call("GetBackupSelection " + name,
                () -> backup.getBackupSelection(request -> request.backupPlanId(planId).selectionId(selectionId))
                        .backupSelection());
        String found = selection(selection.iamRoleArn(), selection.resources());
        var narrowed = new ArrayList<String>();
        if (!selection.notResources().isEmpty()) {
            narrowed.add("not resources " + selection.notResources());
        }
        if (!selection.listOfTags().isEmpty()) {
            narrowed.add(selection.listOfTags().size() + " tag conditions");
        }
        if (selection.conditions() != null && (!selection.conditions().stringEquals().isEmpty()
                || !selection.conditions().stringLike().isEmpty() || !selection.conditions().stringNotEquals().isEmpty()
                || !selection.conditions().stringNotLike().isEmpty())) {
            narrowed.add("resource conditions");
        }
        if (!narrowed.isEmpty()) {
            found += "; " + String.join(", ", narrowed);
        }
        return Check.of(name, SELECTION, found.equals(expected), found, expected);
    }

    private static String expectedSelection(Catalogue catalogue, StackSettings settings,
                                            Function<String, TableDescription> live) {
        List<String> tables = catalogue.tables().stream().map(table -> table.physicalName(settings.environment()))
                .map(table -> Optional.ofNullable(live.apply(table)).map(TableDescription::tableArn)
                        .orElse(String.format("arn:aws:dynamodb:%s:%s:table/%s", settings.region(),
                                settings.accountId(), table)))
                .toList();
        return selection(String.format("arn:aws:iam::%s:role/%s", settings.accountId(), Backups.roleName(settings)),
                tables);
    }

    private static String selection(String role, List<String> resources) {
        return "as role " + role + ", resources " + resources.stream().sorted().collect(Collectors.joining(", "));
    }
}
