package com.bbws.dynamodb.delivery;

import com.bbws.dynamodb.delivery.RequiredPermissions.Requirement;
import com.bbws.dynamodb.plan.Plan;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The IAM policies of each environment's two CI roles, generated from the permissions data and the
 * stack's offline plan; deploy/iam/<env>/ holds them as committed files.
 * <ul>
 *   <li>deploy role: every request of every operation, except what prod denies explicitly;</li>
 *   <li>preview role: the read requests only, state read-only.</li>
 * </ul>
 * Beside them, the policy of a person who checks items ({@link #ITEM_CHECK}), which no CI role gets.
 * Regenerate after changing the data, a stack file or the program: {@code ./mvnw -B -P regenerate -DskipTests package}
 * (com.bbws.dynamodb.Regenerate).
 */
public final class DeployPolicies {


    static final Path IAM = Path.of("deploy", "iam");
    /** The GitHub repository whose workflows may assume the roles: set it once, then regenerate. */
    static final String REPOSITORY = "OWNER/REPO";
    static final String OIDC_PROVIDER = "token.actions.githubusercontent.com";
    static final String REGENERATE = com.bbws.dynamodb.Regenerate.COMMAND;

    /** The four files of every environment, by name. */
    static final List<String> FILES = List.of("deploy-permissions.json", "deploy-trust.json",
            "preview-permissions.json", "preview-trust.json");
    /** The backup role's permissions boundary, for a stack with backups (docs/ci-cd.md). */
    static final String BACKUP_ROLE_BOUNDARY = "backup-role-boundary.json";
    /** The deploy role's policy while a replica is added, for a stack with replicas (docs/ci-cd.md). */
    static final String ADD_REPLICA = "add-replica-permissions.json";
    /** The policy of a person who runs `validate --items`, for every stack (docs/operations.md); no CI role's. */
    static final String ITEM_CHECK = "item-check-permissions.json";

    private DeployPolicies() {
    }

    /** Every file of deploy/iam/, with its content, as the data and each stack's plan require. */
    public static Map<Path, String> generated() {
        var data = RequiredPermissions.load();
        var files = new LinkedHashMap<Path, String>();
        for (String stack : Stacks.REAL) {
            Plan plan = Stacks.plan(stack);
            files(plan, data, data.of(plan)).forEach((name, policy) -> files.put(IAM.resolve(stack).resolve(name), json(policy)));
        }
        return files;
    }

    /**
     * The generated files of one stack, keyed as {@link #FILES}, {@link #ADD_REPLICA} when it has replicas,
     * {@link #BACKUP_ROLE_BOUNDARY} when it has backups, and {@link #ITEM_CHECK}.
     */
    static Map<String, JsonObject> files(Plan plan, RequiredPermissions data, List<Requirement> requirements) {
        var files = new LinkedHashMap<String, JsonObject>();
        files.put("deploy-permissions.json", deployPermissions(plan.stack(), data, requirements));
        files.put("deploy-trust.json", deployTrust(plan.stack(), plan.accountId()));
        files.put("preview-permissions.json", previewPermissions(requirements));
        files.put("preview-trust.json", previewTrust(plan.stack(), plan.accountId()));
        if (requirements.stream().anyMatch(Requirement::replicaChange)) {
            files.put(ADD_REPLICA, addReplicaPermissions(plan.stack(), requirements));
        }
        backedUpTables(plan).ifPresent(tables -> files.put(BACKUP_ROLE_BOUNDARY, backupRoleBoundary(plan, data, tables)));
        files.put(ITEM_CHECK, itemCheckPermissions(plan, data));
        return files;
    }

    /** The names of the tables the plan declares, in its order. */
    static List<String> tableNames(Plan plan) {
        return plan.resources().stream().filter(r -> r.type().equals("aws:dynamodb/table:Table"))
                .map(table -> String.valueOf(table.inputs().get("name"))).toList();
    }

    /** `validate --items`: the data's itemCheck actions on each table of the stack, in its Region and account. */
    static JsonObject itemCheckPermissions(Plan plan, RequiredPermissions data) {
        JsonObject itemCheck = data.data().getAsJsonObject("itemCheck");
        String template = itemCheck.get("resource").getAsString();
        var resources = new LinkedHashSet<String>();
        tableNames(plan).forEach(table -> resources.add(RequiredPermissions.resolve(plan, template.replace("{table}", table))));
        var actions = new TreeSet<String>();
        itemCheck.getAsJsonArray("actions").forEach(action -> actions.add(action.getAsString()));
        var statement = new JsonObject();
        statement.add("Sid", itemCheck.get("statement"));
        statement.addProperty("Effect", "Allow");
        statement.add("Action", array(actions));
        statement.add("Resource", array(resources));
        return policy(List.of(statement));
    }

    /** The table ARNs the stack's backup selection names, when it has one. */
    static java.util.Optional<List<String>> backedUpTables(Plan plan) {
        return plan.resources().stream().filter(r -> r.type().equals("aws:backup/selection:Selection")).findFirst()
                .map(selection -> ((List<?>) selection.inputs().get("resources")).stream().map(String::valueOf).toList());
    }

    /** The backup role's permissions boundary: the data's statements, for this stack's tables and vault. */
    static JsonObject backupRoleBoundary(Plan plan, RequiredPermissions data, List<String> tables) {
        var statements = new java.util.ArrayList<JsonObject>();
        for (JsonElement element : data.data().getAsJsonObject("backupRoleBoundary").getAsJsonArray("statements")) {
            JsonObject statement = element.getAsJsonObject().deepCopy();
            String template = statement.get("Resource").getAsString();
            var resources = new LinkedHashSet<String>();
            if (template.contains("{table}")) {
                tables.forEach(table -> resources.add(RequiredPermissions.resolve(plan, template.replace("{table}", table))));
            } else {
                resources.add(RequiredPermissions.resolve(plan, template));
            }
            var ordered = new JsonObject();
            ordered.add("Sid", statement.get("Sid"));
            ordered.addProperty("Effect", "Allow");
            ordered.add("Action", statement.get("Action"));
            ordered.add("Resource", array(resources));
            if (statement.has("Condition")) {
                ordered.add("Condition", statement.get("Condition"));
            }
            statements.add(ordered);
        }
        return policy(statements);
    }

    /**
     * Everything the stack's everyday requests need, each statement as the data names it; then what the
     * stack denies: its deletes, and (prod) every item-level action on any table.
     */
    static JsonObject deployPermissions(String stack, RequiredPermissions data, List<Requirement> requirements) {
        JsonObject policy = policy(statements(requirements, r -> !r.deniedIn(stack) && !r.replicaChange(), "Allow", ""));
        statements(requirements, r -> r.deniedIn(stack) && !r.replicaChange(), "Deny", "NeverDeleteProd")
                .forEach(policy.getAsJsonArray("Statement")::add);
        RequiredPermissions.ItemAccess items = data.itemAccess();
        if (items.denyIn().contains(stack)) {
            var deny = new JsonObject();
            deny.addProperty("Sid", "NeverTouchProdItems");
            deny.addProperty("Effect", "Deny");
            deny.add("Action", array(new TreeSet<>(items.actions())));
            deny.add("Resource", array(Set.of(items.resource())));
            policy.getAsJsonArray("Statement").add(deny);
        }
        return policy;
    }

    /**
     * The deploy role's policy for the change that adds a replica, in place of the everyday one: every
     * request of the stack, including the item actions DynamoDB needs in the replica's Region while it
     * creates the replica; the deletes the stack denies stay denied.
     */
    static JsonObject addReplicaPermissions(String stack, List<Requirement> requirements) {
        JsonObject policy = policy(statements(requirements, r -> !r.deniedIn(stack) || r.replicaChange(), "Allow", ""));
        statements(requirements, r -> r.deniedIn(stack) && !r.replicaChange(), "Deny", "NeverDeleteProd")
                .forEach(policy.getAsJsonArray("Statement")::add);
        return policy;
    }

    /** The read requests only: preview, refresh and validate, and the state read-only. */
    static JsonObject previewPermissions(List<Requirement> requirements) {
        return policy(statements(requirements, Requirement::isRead, "Allow", ""));
    }

    /**
     * The repository's OIDC subject template (GitHub: PUT /repos/{owner}/{repo}/actions/oidc/customization/sub,
     * docs/ci-cd.md): each token's subject names the job's repository, its environment and the workflow file
     * and ref it runs, so that a trust policy can admit one workflow on one ref, not any job naming the environment.
     */
    static final Path OIDC_SUBJECT_TEMPLATE = Path.of("deploy", "github", "oidc-subject-template.json");

    /** A job GitHub issues tokens to: its environment, the workflow file it runs, and the ref (a StringLike pattern). */
    record Job(String environment, String workflow, String ref) {
    }

    /**
     * The jobs each role serves. sit and prod deploy only through the reusable deploy workflow on main; their
     * preview roles serve that workflow's preview job too. Pull requests preview dev and sit (their merge ref,
     * refs/pull/N/merge); prod is previewed only after merge (docs/ci-cd.md).
     */
    static List<Job> jobs(String stack, String role) {
        Job deployWorkflow = new Job(role.equals("deploy") ? stack : "preview-" + stack, "deploy.yml", "refs/heads/main");
        Job pullRequest = new Job("preview-" + stack, "pull-request.yml", "refs/pull/*/merge");
        return switch (role + " " + stack) {
            case "deploy sit", "deploy prod", "preview prod" -> List.of(deployWorkflow);
            case "preview sit" -> List.of(pullRequest, deployWorkflow);
            case "preview dev" -> List.of(pullRequest);
            default -> throw new IllegalArgumentException("no GitHub job assumes the " + role + " role of " + stack);
        };
    }

    /** The subject of a job's token under the repository's template: its claims in the template's order. */
    static String subject(Job job) {
        var parts = new java.util.ArrayList<String>();
        for (JsonElement key : RequiredPermissions.read(OIDC_SUBJECT_TEMPLATE).getAsJsonArray("include_claim_keys")) {
            parts.add(switch (key.getAsString()) {
                case "repo" -> "repo:" + REPOSITORY;
                case "context" -> "environment:" + job.environment();
                case "job_workflow_ref" -> "job_workflow_ref:" + REPOSITORY + "/.github/workflows/" + job.workflow()
                        + "@" + job.ref();
                default -> throw new IllegalStateException(OIDC_SUBJECT_TEMPLATE + ": no subject part for claim " + key);
            });
        }
        return String.join(":", parts);
    }

    /**
     * sit and prod: only the GitHub Actions jobs of {@link #jobs}. dev is deployed by a person: a principal of
     * the dev account whose own IAM policy allows it to assume the role, signed in with MFA
     * (docs/ci-cd.md, "Deploy and preview roles").
     */
    static JsonObject deployTrust(String stack, String accountId) {
        if (!stack.equals("dev")) {
            return githubTrust(accountId, jobs(stack, "deploy"));
        }
        var statement = new JsonObject();
        statement.addProperty("Sid", "PeopleTheDevAccountAllowsWithMfa");
        statement.addProperty("Effect", "Allow");
        var principal = new JsonObject();
        principal.addProperty("AWS", "arn:aws:iam::" + accountId + ":root");
        statement.add("Principal", principal);
        statement.addProperty("Action", "sts:AssumeRole");
        // absent (long-term access keys) or false both fail a Bool condition: only an MFA session assumes it
        statement.add("Condition", condition("Bool", "aws:MultiFactorAuthPresent", "true"));
        return policy(List.of(statement));
    }

    static JsonObject previewTrust(String stack, String accountId) {
        return githubTrust(accountId, jobs(stack, "preview"));
    }

    static JsonObject githubTrust(String accountId, List<Job> jobs) {
        var statement = new JsonObject();
        statement.addProperty("Sid", "GitHubActionsOfThisRepositoryInTheseWorkflows");
        statement.addProperty("Effect", "Allow");
        var principal = new JsonObject();
        principal.addProperty("Federated", "arn:aws:iam::" + accountId + ":oidc-provider/" + OIDC_PROVIDER);
        statement.add("Principal", principal);
        statement.addProperty("Action", "sts:AssumeRoleWithWebIdentity");
        JsonObject condition = condition("StringEquals", OIDC_PROVIDER + ":aud", "sts.amazonaws.com");
        var subjects = new JsonArray();
        jobs.forEach(job -> subjects.add(subject(job)));
        var like = new JsonObject();
        like.add(OIDC_PROVIDER + ":sub", subjects);
        condition.add("StringLike", like);
        statement.add("Condition", condition);
        return policy(List.of(statement));
    }

    /** One statement per statement name of the data, in the data's order; actions sorted, resources as first seen. */
    private static List<JsonObject> statements(List<Requirement> requirements, Predicate<Requirement> which,
                                               String effect, String sidPrefix) {
        record Grant(Set<String> actions, Set<String> resources, Map<String, Map<String, String>> condition) {
        }
        var grants = new LinkedHashMap<String, Grant>();
        for (Requirement requirement : requirements) {
            if (!which.test(requirement)) {
                continue;
            }
            // a deny holds whatever the condition: it is never narrowed by one
            var condition = effect.equals("Deny") ? Map.<String, Map<String, String>>of() : requirement.condition();
            Grant grant = grants.computeIfAbsent(requirement.statement(),
                    sid -> new Grant(new TreeSet<>(), new LinkedHashSet<>(), condition));
            if (!Objects.equals(grant.condition(), condition)) {
                throw new IllegalStateException(String.format("%s: statement %s has entries with different conditions"
                        + " (%s and %s); give them statements of their own.", RequiredPermissions.DATA,
                        requirement.statement(), grant.condition(), condition));
            }
            grant.actions().add(requirement.action());
            grant.resources().add(effect.equals("Deny") && requirement.denyResource() != null
                    ? requirement.denyResource() : requirement.policyResource());
        }
        return grants.entrySet().stream().map(entry -> {
            var statement = new JsonObject();
            statement.addProperty("Sid", sidPrefix + entry.getKey());
            statement.addProperty("Effect", effect);
            statement.add("Action", array(entry.getValue().actions()));
            statement.add("Resource", array(entry.getValue().resources()));
            if (!entry.getValue().condition().isEmpty()) {
                var condition = new JsonObject();
                entry.getValue().condition().forEach((operator, values) -> {
                    var keys = new JsonObject();
                    values.forEach(keys::addProperty);
                    condition.add(operator, keys);
                });
                statement.add("Condition", condition);
            }
            return statement;
        }).toList();
    }

    private static JsonObject policy(List<JsonObject> statements) {
        var policy = new JsonObject();
        policy.addProperty("Version", "2012-10-17");
        var array = new JsonArray();
        statements.forEach(array::add);
        policy.add("Statement", array);
        return policy;
    }

    private static JsonObject condition(String operator, String key, String value) {
        var values = new JsonObject();
        values.addProperty(key, value);
        var condition = new JsonObject();
        condition.add(operator, values);
        return condition;
    }

    private static JsonArray array(Set<String> values) {
        var array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    static String json(JsonObject value) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(value) + "\n";
    }
}
