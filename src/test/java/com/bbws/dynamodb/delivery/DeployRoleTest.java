package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Catalogue;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeyAttribute;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.catalogue.TableName;
import com.bbws.dynamodb.delivery.IamSimulator.Request;
import com.bbws.dynamodb.delivery.RequiredPermissions.Requirement;
import com.bbws.dynamodb.plan.Plan;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deploy role of each environment, proven by the IAM evaluator: everything its stack's `pulumi up`
 * needs is Allowed, nothing reaches beyond the stack, and prod cannot delete its data.
 */
class DeployRoleTest {

    private static final RequiredPermissions DATA = RequiredPermissions.load();
    private static final String PARAMETER = "aws:ssm/parameter:Parameter";
    /** IAM's quota for a role's inline policies (non-whitespace characters); docs/ci-cd.md creates the roles with one. */
    private static final int INLINE_POLICY_QUOTA = 10_240;
    private static final int MANAGED_POLICY_QUOTA = 6_144;

    static Stream<String> everyFeature() {
        return Stacks.EVERY_FEATURE.stream();
    }

    private static JsonObject committed(String stack, String file) {
        return RequiredPermissions.read(DeployPolicies.IAM.resolve(stack).resolve(file));
    }

    private static List<Requirement> requirements(String stack) {
        return DATA.of(Stacks.plan(stack));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_committed_policies_are_the_ones_the_data_and_the_stack_file_require(String stack) throws IOException {
        Plan plan = Stacks.plan(stack);
        Map<String, JsonObject> generatedFiles = DeployPolicies.files(plan, DATA, DATA.of(plan));
        generatedFiles.forEach((file, generated) ->
                assertThat(committed(stack, file))
                        .as("%s differs from what %s and Pulumi.%s.yaml require; regenerate with %s",
                                DeployPolicies.IAM.resolve(stack).resolve(file), RequiredPermissions.DATA, stack,
                                DeployPolicies.REGENERATE)
                        .isEqualTo(generated));
        try (Stream<Path> files = Files.list(DeployPolicies.IAM.resolve(stack))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("files in %s; regenerate with %s",
                    DeployPolicies.IAM.resolve(stack), DeployPolicies.REGENERATE)
                    .containsExactlyInAnyOrderElementsOf(generatedFiles.keySet());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_request_of_the_stack_is_allowed_by_its_deploy_role_and_prod_deletes_are_explicitly_denied(String stack) {
        Plan plan = Stacks.plan(stack);

        assertThat(PolicyChecks.deployProblems(committed(stack, "deploy-permissions.json"), plan.stack(),
                plan.accountId(), requirements(stack))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("everyFeature")
    void with_every_optional_feature_on_the_generated_deploy_policy_allows_every_request(String stack) {
        Plan plan = Stacks.plan(stack);
        List<Requirement> requirements = DATA.of(plan);

        JsonObject policy = DeployPolicies.deployPermissions(plan.stack(), DATA, requirements);

        assertThat(PolicyChecks.deployProblems(policy, plan.stack(), plan.accountId(), requirements)).isEmpty();
        assertThat(nonWhitespace(policy)).isLessThanOrEqualTo(INLINE_POLICY_QUOTA);
    }

    /** 10 tables of 20 GSIs each, every one with a stream (so replicated), beside nothing of the platform's. */
    private static Catalogue tenTablesOfTwentyIndexes() {
        var tables = new java.util.ArrayList<TableDefinition>();
        for (int t = 0; t < 10; t++) {
            var indexes = new java.util.ArrayList<GlobalSecondaryIndex>();
            for (int i = 0; i < TableDefinition.MAX_GSI_COUNT; i++) {
                indexes.add(GlobalSecondaryIndex.of(String.format("Index%02d", i),
                        KeyAttribute.string(String.format("gsi%02d", i)), KeyAttribute.string("SK")));
            }
            tables.add(new TableDefinition("scale" + t, TableName.fixed("scale-table-" + t),
                    KeySchema.of(KeyAttribute.string("PK"), KeyAttribute.string("SK")), indexes,
                    com.bbws.dynamodb.catalogue.Stream.enabled(com.bbws.dynamodb.catalogue.Stream.ViewType.NEW_AND_OLD_IMAGES)));
        }
        return new Catalogue(tables);
    }

    @Test
    void with_10_tables_of_20_gsis_and_every_feature_each_policy_stays_within_iams_limits_and_denies_what_it_denies() {
        Catalogue catalogue = tenTablesOfTwentyIndexes();
        // the variant with the largest deploy policy (a_prod_stack_with_every_feature_needs_an_inline_policy...)
        Plan plan = Stacks.planOf(Stacks.EVERY_FEATURE_CREATED_KEY, (ctx, config) -> App.stack(ctx, config, catalogue));
        List<Requirement> requirements = DATA.of(plan);
        Map<String, JsonObject> files = DeployPolicies.files(plan, DATA, requirements);

        assertThat(plan.resources()).filteredOn(r -> r.type().equals("aws:cloudwatch/metricAlarm:MetricAlarm"))
                .hasSizeGreaterThan(10 * 20);
        // inline policies of a role: 10,240 in all; a managed policy (the boundary): 6,144; a trust policy: 2,048
        assertThat(nonWhitespace(files.get("deploy-permissions.json"))).isLessThanOrEqualTo(INLINE_POLICY_QUOTA);
        assertThat(nonWhitespace(files.get(DeployPolicies.ADD_REPLICA))).isLessThanOrEqualTo(INLINE_POLICY_QUOTA);
        assertThat(nonWhitespace(files.get("preview-permissions.json"))).isLessThanOrEqualTo(INLINE_POLICY_QUOTA);
        assertThat(nonWhitespace(files.get(DeployPolicies.BACKUP_ROLE_BOUNDARY))).isLessThanOrEqualTo(MANAGED_POLICY_QUOTA);
        assertThat(nonWhitespace(files.get("deploy-trust.json"))).isLessThanOrEqualTo(2_048);
        assertThat(PolicyChecks.deployProblems(files.get("deploy-permissions.json"), plan.stack(), plan.accountId(),
                requirements)).isEmpty();
        assertThat(IamSimulator.evaluate(files.get("deploy-permissions.json"), plan.accountId(), itemRequests(plan)))
                .allSatisfy(verdict -> assertThat(verdict.result()).as("%s", verdict.request())
                        .isEqualTo(IamSimulator.EXPLICITLY_DENIED));
    }

    @Test
    void a_prod_stack_with_every_feature_needs_an_inline_policy_a_managed_one_is_too_small() {
        Plan plan = Stacks.plan(Stacks.EVERY_FEATURE_CREATED_KEY);

        int size = nonWhitespace(DeployPolicies.deployPermissions(plan.stack(), DATA, DATA.of(plan)));

        // docs/ci-cd.md: "An inline policy (up to 10,240 characters ...) because ... outgrows a managed policy's 6,144"
        assertThat(size).isBetween(MANAGED_POLICY_QUOTA + 1, INLINE_POLICY_QUOTA);
    }

    @Test
    void the_ci_cd_docs_explain_every_statement_of_the_roles() throws IOException {
        String doc = Files.readString(Path.of("docs", "ci-cd.md"));
        String section = doc.substring(doc.indexOf("## Deploy and preview roles"));
        var statements = new java.util.TreeSet<String>();
        for (String stack : Stacks.REAL) {
            for (String file : DeployPolicies.files(Stacks.plan(stack), DATA, requirements(stack)).keySet().stream()
                    .filter(file -> file.endsWith("-permissions.json")).toList()) {
                committed(stack, file).getAsJsonArray("Statement")
                        .forEach(s -> statements.add(s.getAsJsonObject().get("Sid").getAsString()));
            }
        }
        Stacks.EVERY_FEATURE.forEach(stack -> DeployPolicies.deployPermissions("prod", DATA, DATA.of(Stacks.plan(stack)))
                .getAsJsonArray("Statement").forEach(s -> statements.add(s.getAsJsonObject().get("Sid").getAsString())));

        assertThat(statements).hasSizeGreaterThan(20)
                .allSatisfy(sid -> assertThat(section).as("docs/ci-cd.md row for %s", sid).contains("`" + sid + "`"));
    }

    @Test
    void removing_one_required_action_fails_naming_the_action_and_the_resource() {
        Plan sit = Stacks.plan("sit");
        JsonObject policy = committed("sit", "deploy-permissions.json");
        removeAction(policy, "BackupVault", "backup:CreateBackupVault");

        List<String> problems = PolicyChecks.deployProblems(policy, "sit", sit.accountId(), requirements("sit"));

        assertThat(problems).containsExactly("backup:CreateBackupVault on"
                + " arn:aws:backup:eu-west-1:815856636111:backup-vault:bbws-dynamodb-sit: ImplicitlyDenied, must be"
                + " Allowed (create aws:backup/vault:Vault 'backup-vault'; internal/service/backup/vault.go:"
                + " resourceVaultCreate (CreateBackupVault with BackupVaultTags, then resourceVaultRead))");
    }

    @Test
    void dropping_the_prod_deny_fails_because_a_prod_table_could_be_deleted() {
        Plan prod = Stacks.plan("prod");
        List<Requirement> requirements = requirements("prod");
        JsonObject policy = committed("prod", "deploy-permissions.json");
        JsonArray statements = policy.getAsJsonArray("Statement");
        statements.remove(statement(policy, "NeverDeleteProdTables"));
        statements.remove(statement(policy, "NeverDeleteProdTableReplicas")); // both deny table/* of the account
        // as a careless edit would: the delete granted like every other table action
        actions(statement(policy, "Tables")).add("dynamodb:DeleteTable");

        TableDefinition table = Expected.first();
        assertThat(PolicyChecks.deployProblems(policy, "prod", prod.accountId(), requirements))
                .contains("dynamodb:DeleteTable on arn:aws:dynamodb:af-south-1:093646564004:table/"
                        + table.physicalName(Environment.PROD) + ": Allowed, must be ExplicitlyDenied (delete"
                        + " aws:dynamodb/table:Table '" + table.id() + "'; internal/service/dynamodb/table.go:"
                        + " resourceTableDelete -> deleteTable)");
    }

    @Test
    void prod_tables_their_replicas_and_the_vault_cannot_be_deleted_by_the_prod_role() {
        JsonObject prod = committed("prod", "deploy-permissions.json");

        var requests = new java.util.ArrayList<Request>();
        for (TableDefinition table : Expected.tables()) {
            String name = table.physicalName(Environment.PROD);
            requests.add(new Request("dynamodb:DeleteTable", "arn:aws:dynamodb:af-south-1:093646564004:table/" + name,
                    Map.of()));
            if (table.stream().isEnabled()) { // replicated: the replica in eu-west-1
                String replica = "arn:aws:dynamodb:eu-west-1:093646564004:table/" + name;
                requests.add(new Request("dynamodb:DeleteTable", replica, Map.of()));
                requests.add(new Request("dynamodb:DeleteTableReplica", replica, Map.of()));
            }
        }
        requests.add(new Request("backup:DeleteBackupVault",
                "arn:aws:backup:af-south-1:093646564004:backup-vault:bbws-dynamodb-prod", Map.of()));

        assertThat(IamSimulator.evaluate(prod, "093646564004", requests))
                .allSatisfy(verdict -> assertThat(verdict.result()).as("%s", verdict.request())
                        .isEqualTo(IamSimulator.EXPLICITLY_DENIED));
    }

    @Test
    void the_deploy_role_reaches_nothing_beyond_its_stack() {
        JsonObject sit = committed("sit", "deploy-permissions.json");
        String account = "815856636111";
        String table = Expected.first().physicalName(Environment.SIT);

        var requests = List.of(
                // another table of the same account, and the same table in another account
                new Request("dynamodb:DeleteTable", "arn:aws:dynamodb:eu-west-1:815856636111:table/orders", Map.of()),
                new Request("dynamodb:UpdateTable", "arn:aws:dynamodb:eu-west-1:093646564004:table/" + table, Map.of()),
                // the backup role passed to anything but AWS Backup; another policy attached to it
                new Request("iam:PassRole", "arn:aws:iam::815856636111:role/bbws-dynamodb-sit-backup",
                        Map.of("iam:PassedToService", "ec2.amazonaws.com")),
                new Request("iam:AttachRolePolicy", "arn:aws:iam::815856636111:role/bbws-dynamodb-sit-backup",
                        Map.of("iam:PolicyARN", "arn:aws:iam::aws:policy/AdministratorAccess")),
                new Request("iam:CreateRole", "arn:aws:iam::815856636111:role/admin", Map.of()),
                // another stack's state, in this account's bucket and in prod's
                new Request("s3:PutObject",
                        "arn:aws:s3:::bbws-pulumi-state-815856636111/.pulumi/stacks/bbws-dynamodb/prod.json", Map.of()),
                new Request("s3:PutObject",
                        "arn:aws:s3:::bbws-pulumi-state-815856636111/.pulumi/stacks/other-project/sit.json", Map.of()),
                new Request("s3:GetObject",
                        "arn:aws:s3:::bbws-pulumi-state-093646564004/.pulumi/stacks/bbws-dynamodb/prod.json", Map.of()),
                // data-plane access: the provider never reads or writes items in the stack's own region
                new Request("dynamodb:Scan", "arn:aws:dynamodb:eu-west-1:815856636111:table/" + table, Map.of()));

        assertThat(IamSimulator.evaluate(sit, account, requests))
                .allSatisfy(verdict -> assertThat(verdict.allowed()).as("%s", verdict).isFalse());
        assertThat(IamSimulator.evaluate(sit, account, new Request("s3:PutObject",
                "arn:aws:s3:::bbws-pulumi-state-815856636111/.pulumi/stacks/bbws-dynamodb/sit.json", Map.of())).allowed())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_stacks_ssm_parameters_are_written_by_the_deploy_role_only_and_read_by_both_roles(String stack) {
        Plan plan = Stacks.plan(stack);
        List<String> parameters = Expected.parameterNames(Expected.environment(stack));
        String parameter = "arn:aws:ssm:" + plan.region() + ":" + plan.accountId() + ":parameter"
                + parameters.get(parameters.size() - 1);
        String other = "arn:aws:ssm:" + plan.region() + ":" + plan.accountId() + ":parameter/bbws/" + stack
                + "/other/secret";
        var requests = List.of(new Request("ssm:PutParameter", parameter, Map.of()),
                new Request("ssm:DeleteParameter", parameter, Map.of()),
                new Request("ssm:GetParameter", parameter, Map.of()),
                new Request("ssm:GetParameter", other, Map.of()),
                new Request("ssm:PutParameter", other, Map.of()));
        JsonObject preview = committed(stack, "preview-permissions.json");

        assertThat(IamSimulator.evaluate(committed(stack, "deploy-permissions.json"), plan.accountId(), requests))
                .extracting(IamSimulator.Verdict::allowed).containsExactly(true, true, true, false, false);
        assertThat(IamSimulator.evaluate(preview, plan.accountId(), requests))
                .extracting(IamSimulator.Verdict::allowed).containsExactly(false, false, true, false, false);
        // every parameter needs every action the data lists for a parameter
        int actionsPerParameter = 0;
        for (JsonElement entry : DATA.data().getAsJsonObject("resourceTypes").getAsJsonObject(PARAMETER)
                .getAsJsonArray("permissions")) {
            actionsPerParameter += entry.getAsJsonObject().getAsJsonArray("actions").size();
        }
        assertThat(requirements(stack)).filteredOn(r -> r.type().equals(PARAMETER))
                .hasSize(parameters.size() * actionsPerParameter)
                .extracting(Requirement::resourceName).containsOnlyElementsOf(plan.resources().stream()
                        .filter(r -> r.type().equals(PARAMETER)).map(r -> r.name()).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void wildcards_appear_only_where_aws_assigns_the_id_or_has_no_resource(String stack) throws IOException {
        for (String file : List.of("deploy-permissions.json", "preview-permissions.json")) {
            for (JsonElement statement : committed(stack, file).getAsJsonArray("Statement")) {
                if (statement.getAsJsonObject().get("Effect").getAsString().equals("Deny")) {
                    continue; // a deny may be as broad as it likes
                }
                for (JsonElement resource : statement.getAsJsonObject().getAsJsonArray("Resource")) {
                    String arn = resource.getAsString();
                    if (arn.contains("*")) {
                        assertThat(arn).as("%s %s", file, statement.getAsJsonObject().get("Sid")).matches(
                                "\\*|arn:aws:kms:[a-z0-9-]+:\\d{12}:key/\\*|arn:aws:backup:[a-z0-9-]+:\\d{12}:backup-plan:\\*"
                                        + "|arn:aws:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:bbws-dynamodb-" + stack + "-\\*"
                                        + "|arn:aws:ssm:[a-z0-9-]+:\\d{12}:parameter/bbws/" + stack + "/dynamodb/\\*"
                                        + "|arn:aws:s3:::bbws-pulumi-state-\\d{12}/\\.pulumi/[a-z/-]+/bbws-dynamodb/"
                                        + stack + "(\\.json\\*|/\\*)");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_backup_role_is_declared_inside_the_boundary_administrators_create_from_the_committed_file(String stack) {
        Plan plan = Stacks.plan(stack);

        assertThat(plan.resources()).filteredOn(r -> r.type().equals("aws:iam/role:Role"))
                .singleElement().extracting(r -> r.inputs().get("permissionsBoundary"))
                .isEqualTo("arn:aws:iam::" + plan.accountId() + ":policy/bbws-dynamodb-" + stack + "-backup-boundary");
        assertThat(DeployPolicies.IAM.resolve(stack).resolve(DeployPolicies.BACKUP_ROLE_BOUNDARY)).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_deploy_role_creates_and_changes_the_backup_role_only_inside_its_boundary(String stack) {
        Plan plan = Stacks.plan(stack);
        String role = "arn:aws:iam::" + plan.accountId() + ":role/bbws-dynamodb-" + stack + "-backup";
        String boundary = "arn:aws:iam::" + plan.accountId() + ":policy/bbws-dynamodb-" + stack + "-backup-boundary";
        Map<String, String> inside = Map.of("iam:PermissionsBoundary", boundary);
        Map<String, String> elsewhere = Map.of("iam:PermissionsBoundary",
                "arn:aws:iam::" + plan.accountId() + ":policy/AdministratorAccessBoundary");
        var requests = List.of(
                new Request("iam:CreateRole", role, inside),
                new Request("iam:UpdateAssumeRolePolicy", role, inside),
                new Request("iam:PutRolePermissionsBoundary", role, inside),
                new Request("iam:DeleteRole", role, inside),
                new Request("iam:CreateRole", role, Map.of()),
                new Request("iam:CreateRole", role, elsewhere),
                new Request("iam:UpdateAssumeRolePolicy", role, Map.of()),
                new Request("iam:PutRolePermissionsBoundary", role, elsewhere),
                new Request("iam:DeleteRolePermissionsBoundary", role, inside),
                new Request("iam:PutRolePolicy", role, inside),
                new Request("iam:AttachRolePolicy", role, Map.of("iam:PolicyARN", "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup")));

        assertThat(IamSimulator.evaluate(committed(stack, "deploy-permissions.json"), plan.accountId(), requests))
                .extracting(IamSimulator.Verdict::allowed)
                .containsExactly(true, true, true, true, false, false, false, false, false, false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void inside_its_boundary_the_backup_role_can_back_up_this_stacks_tables_and_nothing_else(String stack) {
        Plan plan = Stacks.plan(stack);
        JsonObject boundary = committed(stack, DeployPolicies.BACKUP_ROLE_BOUNDARY);
        String tables = "arn:aws:dynamodb:" + plan.region() + ":" + plan.accountId() + ":table/";
        String table = tables + Expected.first().physicalName(Expected.environment(stack));
        String vault = "arn:aws:backup:" + plan.region() + ":" + plan.accountId() + ":backup-vault:bbws-dynamodb-" + stack;
        var allowed = List.of(
                new Request("dynamodb:CreateBackup", table, Map.of()),
                new Request("dynamodb:StartAwsBackupJob", table, Map.of()),
                new Request("dynamodb:DescribeTable", table, Map.of()),
                new Request("dynamodb:DescribeBackup", table + "/backup/01700000000000-abcdef12", Map.of()),
                new Request("backup:CopyIntoBackupVault", vault, Map.of()));
        var denied = List.of(
                new Request("dynamodb:CreateBackup", tables + "orders", Map.of()),
                new Request("dynamodb:Scan", table, Map.of()),
                new Request("dynamodb:DeleteTable", table, Map.of()),
                new Request("dynamodb:UpdateTable", table, Map.of()),
                new Request("dynamodb:RestoreTableFromBackup", table + "/backup/01700000000000-abcdef12", Map.of()),
                new Request("backup:DeleteRecoveryPoint", vault, Map.of()),
                new Request("backup:CopyIntoBackupVault", vault.replace("-" + stack, "-other"), Map.of()),
                new Request("iam:CreateRole", "arn:aws:iam::" + plan.accountId() + ":role/admin", Map.of()),
                new Request("s3:GetObject", "arn:aws:s3:::bbws-pulumi-state-" + plan.accountId() + "/.pulumi/meta.yaml",
                        Map.of()),
                new Request("kms:Decrypt", "arn:aws:kms:" + plan.region() + ":" + plan.accountId() + ":key/"
                        + RequiredPermissions.SAMPLE_ID, Map.of()));

        assertThat(IamSimulator.evaluate(boundary, plan.accountId(), allowed))
                .allSatisfy(verdict -> assertThat(verdict.allowed()).as("%s", verdict.request()).isTrue());
        assertThat(IamSimulator.evaluate(boundary, plan.accountId(), denied))
                .allSatisfy(verdict -> assertThat(verdict.allowed()).as("%s", verdict.request()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void backup_plans_change_only_when_tagged_as_this_stacks(String stack) {
        Plan plan = Stacks.plan(stack);
        String plans = "arn:aws:backup:" + plan.region() + ":" + plan.accountId() + ":backup-plan:";
        String ours = plans + RequiredPermissions.SAMPLE_ID;
        String theirs = plans + "11111111-2222-4333-8444-555555555555";
        Map<String, String> ourTags = Map.of("aws:ResourceTag/Project", "bbws", "aws:ResourceTag/Environment", stack);
        Map<String, String> anotherStack = Map.of("aws:ResourceTag/Project", "bbws", "aws:ResourceTag/Environment",
                stack.equals("prod") ? "sit" : "prod");
        Map<String, String> anotherTeam = Map.of("aws:ResourceTag/Project", "payments", "aws:ResourceTag/Environment", stack);
        var changes = List.of("backup:UpdateBackupPlan", "backup:DeleteBackupPlan", "backup:CreateBackupSelection",
                "backup:DeleteBackupSelection");
        var requests = new java.util.ArrayList<Request>();
        changes.forEach(action -> requests.add(new Request(action, ours, ourTags)));
        for (Map<String, String> tags : List.of(anotherStack, anotherTeam, Map.<String, String>of())) {
            changes.forEach(action -> requests.add(new Request(action, theirs, tags)));
        }
        requests.add(new Request("backup:CreateBackupPlan", ours,
                Map.of("aws:RequestTag/Project", "bbws", "aws:RequestTag/Environment", stack)));
        requests.add(new Request("backup:CreateBackupPlan", ours, Map.of()));
        requests.add(new Request("backup:CreateBackupPlan", ours,
                Map.of("aws:RequestTag/Project", "payments", "aws:RequestTag/Environment", stack)));

        List<Boolean> allowed = IamSimulator.evaluate(committed(stack, "deploy-permissions.json"), plan.accountId(), requests)
                .stream().map(IamSimulator.Verdict::allowed).toList();

        assertThat(allowed.subList(0, 4)).as("this stack's plan").containsOnly(true);
        assertThat(allowed.subList(4, 16)).as("a plan of another stack, another team, or untagged").containsOnly(false);
        assertThat(allowed.subList(16, 19)).as("create: tagged as this stack's, untagged, another team's")
                .containsExactly(true, false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void no_role_may_read_or_write_items_of_a_table_index_stream_or_replica_and_prod_denies_it_explicitly(
            String stack) {
        Plan plan = Stacks.plan(stack);
        List<Request> items = itemRequests(plan);

        assertThat(IamSimulator.evaluate(committed(stack, "deploy-permissions.json"), plan.accountId(), items))
                .allSatisfy(verdict -> assertThat(verdict.result()).as("deploy role: %s", verdict.request())
                        .isEqualTo(stack.equals("prod") ? IamSimulator.EXPLICITLY_DENIED : "ImplicitlyDenied"));
        assertThat(IamSimulator.evaluate(committed(stack, "preview-permissions.json"), plan.accountId(), items))
                .allSatisfy(verdict -> assertThat(verdict.allowed()).as("preview role: %s", verdict.request()).isFalse());
    }

    @Test
    void dropping_the_prod_item_deny_fails_even_where_no_statement_grants_an_item_action() {
        Plan prod = Stacks.plan("prod");
        JsonObject policy = committed("prod", "deploy-permissions.json");
        policy.getAsJsonArray("Statement").remove(statement(policy, "NeverTouchProdItems"));

        TableDefinition replicated = Expected.withStream().get(0);
        assertThat(PolicyChecks.deployProblems(policy, "prod", prod.accountId(), requirements("prod")))
                .contains("dynamodb:DeleteItem on arn:aws:dynamodb:eu-west-1:093646564004:table/"
                        + replicated.physicalName(Environment.PROD) + ": ImplicitlyDenied, must be ExplicitlyDenied"
                        + " (create aws:dynamodb/table:Table '" + replicated.id() + "'; internal/service/dynamodb/"
                        + "table.go: resourceTableCreate and resourceTableUpdate -> createReplicas (UpdateTable with"
                        + " ReplicaUpdates.Create); the replica Region's item actions DynamoDB seeds a new replica with,"
                        + " Developer Guide 'Using IAM with global tables')");
    }

    @Test
    void while_a_replica_is_added_prod_may_use_items_of_its_replicas_only_and_still_deletes_nothing() {
        Plan prod = Stacks.plan("prod");
        JsonObject policy = committed("prod", DeployPolicies.ADD_REPLICA);

        assertThat(PolicyChecks.addReplicaProblems(policy, "prod", prod.accountId(), requirements("prod"))).isEmpty();
        List<Request> outsideReplicas = itemRequests(prod).stream()
                .filter(request -> !isReplicaTable(prod, request.resource())).toList();
        assertThat(outsideReplicas).isNotEmpty();
        assertThat(IamSimulator.evaluate(policy, prod.accountId(), outsideReplicas))
                .allSatisfy(verdict -> assertThat(verdict.allowed()).as("%s", verdict.request()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void a_stack_has_the_add_replica_policy_exactly_when_it_has_replicas(String stack) {
        boolean replicas = Stacks.plan(stack).resources().stream().anyMatch(r -> !tableReplicaRegions(r.inputs()).isEmpty());

        assertThat(Files.exists(DeployPolicies.IAM.resolve(stack).resolve(DeployPolicies.ADD_REPLICA))).isEqualTo(replicas);
    }

    /** The item-level actions IAM authorizes on each kind of DynamoDB resource (Service Authorization Reference). */
    private static final Map<String, List<String>> ITEM_ACTIONS = Map.of(
            "table", List.of("dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem",
                    "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert",
                    "dynamodb:PartiQLSelect", "dynamodb:PartiQLUpdate", "dynamodb:PutItem", "dynamodb:Query",
                    "dynamodb:Scan", "dynamodb:UpdateItem"),
            "index", List.of("dynamodb:PartiQLSelect", "dynamodb:Query", "dynamodb:Scan"),
            "stream", List.of("dynamodb:GetRecords"));

    /** Every item-level action on every table of the stack, an index and its stream, in every Region it lives in. */
    private static List<Request> itemRequests(Plan plan) {
        var requests = new java.util.ArrayList<Request>();
        for (var table : plan.resources()) {
            if (!table.type().equals("aws:dynamodb/table:Table")) {
                continue;
            }
            var regions = new java.util.ArrayList<>(List.of(plan.region()));
            regions.addAll(tableReplicaRegions(table.inputs()));
            for (String region : regions) {
                String arn = "arn:aws:dynamodb:" + region + ":" + plan.accountId() + ":table/" + table.inputs().get("name");
                ITEM_ACTIONS.get("table").forEach(action -> requests.add(new Request(action, arn, Map.of())));
                for (Object index : (List<?>) table.inputs().getOrDefault("globalSecondaryIndexes", List.of())) {
                    String name = String.valueOf(((Map<?, ?>) index).get("name"));
                    ITEM_ACTIONS.get("index").forEach(action -> requests.add(new Request(action, arn + "/index/" + name,
                            Map.of())));
                }
                ITEM_ACTIONS.get("stream").forEach(action -> requests.add(new Request(action,
                        arn + "/stream/2026-12-07T00:00:00.000", Map.of())));
            }
        }
        return requests;
    }

    private static List<String> tableReplicaRegions(Map<String, Object> inputs) {
        return inputs.get("replicas") instanceof List<?> replicas
                ? replicas.stream().map(r -> String.valueOf(((Map<?, ?>) r).get("regionName"))).toList() : List.of();
    }

    private static boolean isReplicaTable(Plan plan, String arn) {
        return !arn.startsWith("arn:aws:dynamodb:" + plan.region() + ":") && arn.split(":")[5].split("/").length == 2;
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void every_action_in_every_policy_is_a_real_aws_action(String stack) throws Exception {
        for (String file : DeployPolicies.files(Stacks.plan(stack), DATA, requirements(stack)).keySet()) {
            NodeChecker.Result check = NodeChecker.iamExpand(DeployPolicies.IAM.resolve(stack).resolve(file));
            assertThat(check.exitCode()).as("%s/%s: %s", stack, file, check.output()).isZero();
        }
    }

    @Test
    void a_misspelt_action_fails_the_check(@TempDir Path temp) throws Exception {
        Path policy = temp.resolve("policy.json");
        Files.writeString(policy, Files.readString(DeployPolicies.IAM.resolve("sit/deploy-permissions.json"))
                .replace("dynamodb:CreateTable", "dynamodb:CreatTable"));

        NodeChecker.Result check = NodeChecker.iamExpand(policy);

        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("Invalid action: dynamodb:CreatTable");
    }

    static JsonObject statement(JsonObject policy, String sid) {
        for (JsonElement statement : policy.getAsJsonArray("Statement")) {
            if (sid.equals(statement.getAsJsonObject().get("Sid").getAsString())) {
                return statement.getAsJsonObject();
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    static JsonArray actions(JsonObject statement) {
        return statement.getAsJsonArray("Action");
    }

    static void removeAction(JsonObject policy, String sid, String action) {
        JsonArray actions = actions(statement(policy, sid));
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).getAsString().equals(action)) {
                actions.remove(i);
                return;
            }
        }
        throw new AssertionError(sid + " has no " + action);
    }

    private static int nonWhitespace(JsonObject policy) {
        return policy.toString().replaceAll("\\s", "").length();
    }
}
