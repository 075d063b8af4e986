package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.delivery.IamSimulator.AssumeRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may assume each role, decided by the IAM evaluator on the committed trust policies with the claims
 * GitHub's tokens carry under the repository's subject template (deploy/github/oidc-subject-template.json:
 * repo, context, job_workflow_ref) and the keys AWS sends for people (aws:MultiFactorAuthPresent).
 */
class RoleTrustTest {

    private static final String REPO = DeployPolicies.REPOSITORY;
    private static final String WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
    private static final String ALLOWED = IamSimulator.ALLOWED;

    /** The subject of a job's token: "repo:R:environment:E:job_workflow_ref:R/.github/workflows/F@REF" (GitHub's docs). */
    private static String subject(String environment, String workflowRef) {
        return "repo:" + REPO + ":environment:" + environment + ":job_workflow_ref:" + workflowRef;
    }

    private static String workflow(String file, String ref) {
        return REPO + "/.github/workflows/" + file + "@" + ref;
    }

    private static String decide(String stack, String role, String subject) {
        return decide(stack, role, subject, "sts.amazonaws.com");
    }

    private static String decide(String stack, String role, String subject, String audience) {
        String account = Stacks.plan(stack).accountId();
        var claims = new LinkedHashMap<String, String>();
        claims.put(DeployPolicies.OIDC_PROVIDER + ":sub", subject);
        claims.put(DeployPolicies.OIDC_PROVIDER + ":aud", audience);
        var request = new AssumeRequest("arn:aws:iam::" + account + ":oidc-provider/" + DeployPolicies.OIDC_PROVIDER,
                WEB_IDENTITY, claims, null);
        return IamSimulator.evaluateTrust(trust(stack, role), roleArn(stack, role), List.of(request)).get(0);
    }

    private static JsonObject trust(String stack, String role) {
        return RequiredPermissions.read(DeployPolicies.IAM.resolve(stack).resolve(role + "-trust.json"));
    }

    private static String roleArn(String stack, String role) {
        return "arn:aws:iam::" + Stacks.plan(stack).accountId() + ":role/bbws-dynamodb-" + stack + "-" + role;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sit", "prod"})
    void the_deploy_role_admits_the_reusable_deploy_workflow_on_main_in_its_environment_and_nothing_else(String stack) {
        String onMain = workflow("deploy.yml", "refs/heads/main");

        assertThat(decide(stack, "deploy", subject(stack, onMain))).isEqualTo(ALLOWED);
        var denied = new LinkedHashMap<String, String>();
        denied.put("another workflow of this repository naming the environment",
                subject(stack, workflow("release.yml", "refs/heads/main")));
        denied.put("the deploy workflow on another branch", subject(stack, workflow("deploy.yml", "refs/heads/feature")));
        denied.put("the deploy workflow of a pull request", subject(stack, workflow("deploy.yml", "refs/pull/7/merge")));
        denied.put("a pull request's job without an environment", "repo:" + REPO + ":pull_request");
        denied.put("the default subject template (environment only)", "repo:" + REPO + ":environment:" + stack);
        denied.put("another environment", subject("preview-" + stack, onMain));
        denied.put("a reusable workflow of another repository",
                "repo:" + REPO + ":environment:" + stack + ":job_workflow_ref:evil/repo/.github/workflows/deploy.yml@refs/heads/main");
        denied.put("another repository", "repo:evil/repo:environment:" + stack + ":job_workflow_ref:" + onMain);
        denied.forEach((what, subject) -> assertThat(decide(stack, "deploy", subject)).as(what).isNotEqualTo(ALLOWED));
        assertThat(decide(stack, "deploy", subject(stack, onMain), "https://github.com/OWNER")).as("another audience")
                .isNotEqualTo(ALLOWED);
    }

    @Test
    void pull_requests_preview_dev_and_sit_with_their_preview_roles_but_never_prod() {
        String pullRequest = workflow("pull-request.yml", "refs/pull/42/merge");

        assertThat(decide("dev", "preview", subject("preview-dev", pullRequest))).isEqualTo(ALLOWED);
        assertThat(decide("sit", "preview", subject("preview-sit", pullRequest))).isEqualTo(ALLOWED);
        assertThat(decide("prod", "preview", subject("preview-prod", pullRequest)))
                .as("unreviewed code with prod's preview role").isNotEqualTo(ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sit", "prod"})
    void the_deploy_workflow_on_main_previews_sit_and_prod_with_their_preview_roles(String stack) {
        assertThat(decide(stack, "preview", subject("preview-" + stack, workflow("deploy.yml", "refs/heads/main"))))
                .isEqualTo(ALLOWED);
        assertThat(decide(stack, "preview", subject("preview-" + stack, workflow("deploy.yml", "refs/heads/feature"))))
                .isNotEqualTo(ALLOWED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "sit", "prod"})
    void the_preview_role_admits_no_other_workflow_and_no_other_environment(String stack) {
        String pullRequest = workflow("pull-request.yml", "refs/pull/42/merge");

        assertThat(decide(stack, "preview", subject("preview-" + stack, workflow("other.yml", "refs/pull/42/merge"))))
                .isNotEqualTo(ALLOWED);
        assertThat(decide(stack, "preview", subject("preview-" + stack, workflow("pull-request.yml", "refs/heads/x"))))
                .isNotEqualTo(ALLOWED);
        assertThat(decide(stack, "preview", subject(stack, pullRequest))).isNotEqualTo(ALLOWED);
        assertThat(decide(stack, "preview", "repo:" + REPO + ":environment:preview-" + stack)).isNotEqualTo(ALLOWED);
    }

    @Test
    void the_dev_deploy_role_admits_people_of_the_dev_account_signed_in_with_mfa_only() {
        String account = Stacks.plan("dev").accountId();
        JsonObject mayAssume = JsonParser.parseString("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",\
                "Resource":"arn:aws:iam::%s:role/bbws-dynamodb-dev-deploy"}]}""".formatted(account)).getAsJsonObject();
        String person = "arn:aws:iam::" + account + ":user/alice";
        var requests = List.of(
                new AssumeRequest(person, "sts:AssumeRole", Map.of("aws:MultiFactorAuthPresent", "true"), mayAssume),
                new AssumeRequest(person, "sts:AssumeRole", Map.of("aws:MultiFactorAuthPresent", "false"), mayAssume),
                // long-term access keys: AWS sends no aws:MultiFactorAuthPresent at all
                new AssumeRequest(person, "sts:AssumeRole", Map.of(), mayAssume),
                // a person of another account, however its own policy reads
                new AssumeRequest("arn:aws:iam::815856636111:user/mallory", "sts:AssumeRole",
                        Map.of("aws:MultiFactorAuthPresent", "true"), mayAssume),
                // GitHub: no workflow deploys dev
                new AssumeRequest("arn:aws:iam::" + account + ":oidc-provider/" + DeployPolicies.OIDC_PROVIDER, WEB_IDENTITY,
                        Map.of(DeployPolicies.OIDC_PROVIDER + ":sub", subject("dev", workflow("deploy.yml", "refs/heads/main")),
                                DeployPolicies.OIDC_PROVIDER + ":aud", "sts.amazonaws.com"), null));

        assertThat(IamSimulator.evaluateTrust(trust("dev", "deploy"), roleArn("dev", "deploy"), requests))
                .containsExactly(ALLOWED, "ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied", "ImplicitlyDenied");
    }

    @Test
    void the_trust_subjects_follow_the_repositorys_subject_template() {
        JsonObject template = RequiredPermissions.read(DeployPolicies.OIDC_SUBJECT_TEMPLATE);

        assertThat(template.get("use_default").getAsBoolean()).isFalse();
        assertThat(template.getAsJsonArray("include_claim_keys")).extracting(e -> e.getAsString())
                .containsExactly("repo", "context", "job_workflow_ref");
    }
}
