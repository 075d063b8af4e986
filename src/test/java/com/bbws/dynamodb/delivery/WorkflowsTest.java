package com.bbws.dynamodb.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.engine.LanguageHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The GitHub Actions workflows: linted by actionlint; no step can hide a failure; prod deploys from main
 * only; forks get the offline plan; no pull request reaches prod; cloud credentials only where pulumi runs,
 * never beside Maven; the program built once per run; every action at its current major, pinned by commit;
 * named secrets; a pinned Pulumi CLI and AWS provider plugin; a Maven wrapper that checks its download.
 */
class WorkflowsTest {

    private static final Path WORKFLOWS = Path.of(".github", "workflows");
    private static final Path SCRIPTS = Path.of(".github", "scripts");
    private static final String ON_MAIN = "github.ref == 'refs/heads/main'";
    private static final String SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";
    /** `uses: owner/repo@<40 hex> # v1.2.3`: a full commit SHA, its release in a comment. */
    private static final Pattern PINNED = Pattern.compile("uses: ([\\w.-]+/[\\w./-]+)@([0-9a-f]{40}) # (v\\d+\\.\\d+\\.\\d+)");
    private static final Pattern USES = Pattern.compile("^\\s*(?:-\\s*)?uses:\\s*(\\S+)(.*)$");
    /** A single | (not ||): a pipeline, whose exit status is its last command's unless pipefail is on. */
    private static final Pattern PIPE = Pattern.compile("(?<!\\|)\\|(?!\\|)");
    /** Ways to swallow a failure that no shell option can undo. */
    private static final Pattern SWALLOW = Pattern.compile("\\|\\|\\s*(true|:)\\b|set \\+e\\b|set \\+o pipefail|"
            + "\\bcontinue-on-error\\b");

    /** What the workflows give the program where Pulumi runs it (docs/performance.md says why these two). */
    private static final String PROGRAM_JVM_OPTIONS = LanguageHost.WORKFLOW_JVM_OPTIONS;
    /** A command line of a run: step that starts the program under Pulumi. */
    private static final Pattern PULUMI_RUNS_THE_PROGRAM = Pattern.compile("(?m)^\\s*pulumi (preview|up)\\b");
    private static final String[] JVM_OPTION_VARIABLES = {"JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS"};

    /** A command line of a run: step that runs Maven: a build or the tests. */
    private static final Pattern RUNS_MAVEN = Pattern.compile("(?m)^\\s*\\./mvnw\\b");
    /** A command line that packages the program. */
    private static final Pattern PACKAGES_THE_PROGRAM = Pattern.compile("(?m)^\\s*\\./mvnw\\b.*\\bpackage\\b");
    private static final Pattern RUNS_THE_JAR = Pattern.compile("\\bjava -jar target/bbws-dynamodb\\.jar\\b");
    private static final Pattern RUNS_VALIDATE = Pattern.compile("\\bjava -jar target/bbws-dynamodb\\.jar validate\\b");
    private static final String CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials@";
    /** The artifact a workflow's one build hands to the jobs that run the program. */
    private static final String PROGRAM_ARTIFACT = "program";
    /**
     * aws_dynamodb_table's default update timeout in terraform-provider-aws v5, which pulumi-aws 6.83 bridges:
     * internal/service/dynamodb/table.go (Timeouts.Update: updateTableTimeoutTotal) and wait.go
     * (updateTableTimeoutTotal = 60 * time.Minute); each wait for an index to become ACTIVE may take all of it.
     */
    private static final int PROVIDER_TABLE_UPDATE_TIMEOUT_MINUTES = 60;
    /** The deploy job's other work: set-up and installs, the resources after the tables, validate, outputs. */
    private static final int DEPLOY_MARGIN_MINUTES = 30;
    /**
     * Each action's current major, as its own repository's tags said when last checked (docs/ci-cd.md,
     * "Pinned"): all of them run on node24.
     */
    private static final Map<String, Integer> CURRENT_MAJORS = Map.of("actions/checkout", 7, "actions/setup-java", 5,
            "actions/setup-node", 7, "actions/upload-artifact", 7, "actions/download-artifact", 8,
            "aws-actions/configure-aws-credentials", 6);
    private static final Pattern POM_AWS_VERSION = Pattern.compile(
            "<groupId>com\\.pulumi</groupId>\\s*<artifactId>aws</artifactId>\\s*<version>([^<]+)</version>");
    /** An expression that reads a secret. */
    private static final Pattern SECRET = Pattern.compile("\\$\\{\\{\\s*secrets\\.");
    private static final String PLUGIN_INSTALL = "pulumi plugin install resource aws \"$PULUMI_AWS_VERSION\" --exact";

    @Test
    void actionlint_passes_on_the_workflows() throws Exception {
        NodeChecker.Result lint = NodeChecker.actionlint(Path.of("."));

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).contains("Checking 4 workflow file(s)...");
    }

    @Test
    void actionlint_fails_when_a_job_needs_a_job_that_does_not_exist(@TempDir Path copy) throws Exception {
        copyWorkflows(copy);
        Path pr = copy.resolve(WORKFLOWS.resolve("pull-request.yml"));
        Files.writeString(pr, Files.readString(pr).replace("needs: plan", "needs: plans"));

        NodeChecker.Result lint = NodeChecker.actionlint(copy);

        assertThat(lint.exitCode()).isEqualTo(1);
        assertThat(lint.output()).contains("job \"preview\" needs job \"plans\" which does not exist in this workflow");
    }

    @Test
    void every_workflow_runs_its_steps_under_bash_with_pipefail() throws IOException {
        for (Path file : workflowFiles()) {
            assertThat(map(map(load(file).get("defaults")).get("run"))).as("%s", file).containsEntry("shell", "bash");
        }
    }

    @Test
    void no_run_step_can_hide_a_failure() throws IOException {
        var problems = new ArrayList<String>();
        for (Path file : workflowFiles()) {
            problems.addAll(hiddenFailures(file.getFileName().toString(), load(file)));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void without_the_bash_default_the_validate_pipeline_is_reported(@TempDir Path copy) throws IOException {
        copyWorkflows(copy);
        Path deploy = copy.resolve(WORKFLOWS.resolve("deploy.yml"));
        String text = Files.readString(deploy);
        Files.writeString(deploy, text.substring(0, text.indexOf("defaults:")) + text.substring(text.indexOf("env:")));

        List<String> problems = hiddenFailures("deploy.yml", load(deploy));

        assertThat(problems).contains("deploy.yml, job deploy, step 'Validate the deployed tables against the"
                + " catalogue': a pipeline under GitHub's default `bash -e {0}` (no pipefail) passes when an earlier"
                + " command fails: set `defaults.run.shell: bash`");
    }

    @Test
    void a_step_that_swallows_its_exit_status_is_reported(@TempDir Path copy) throws IOException {
        copyWorkflows(copy);
        Path deploy = copy.resolve(WORKFLOWS.resolve("deploy.yml"));
        Files.writeString(deploy, Files.readString(deploy).replace("validate --stack \"$STACK\" | tee -a",
                "validate --stack \"$STACK\" || true; echo | tee -a"));

        assertThat(hiddenFailures("deploy.yml", load(deploy))).containsExactly("deploy.yml, job deploy, step"
                + " 'Validate the deployed tables against the catalogue': `|| true` hides a failure");
    }

    @Test
    void every_job_that_runs_steps_is_bounded_by_a_timeout() throws IOException {
        for (Path file : workflowFiles()) {
            map(load(file).get("jobs")).forEach((name, job) -> {
                if (map(job).containsKey("steps")) {
                    assertThat(map(job)).as("%s job %s", file, name).containsKey("timeout-minutes");
                }
            });
        }
    }

    @Test
    void scripts_the_workflows_run_stop_on_the_first_failure() throws IOException {
        try (Stream<Path> scripts = Files.list(SCRIPTS)) {
            assertThat(scripts.toList()).isNotEmpty().allSatisfy(script ->
                    assertThat(Files.readString(script)).as("%s", script).contains("\nset -euo pipefail\n"));
        }
    }

    @Test
    void the_tests_run_on_temurin_17_and_25_and_the_program_runs_on_temurin_25() throws IOException {
        Map<String, Object> test = job(load("pull-request.yml"), "test");
        assertThat(map(map(test.get("strategy")).get("matrix")).get("java")).isEqualTo(List.of("17", "25"));
        assertThat(step(test, "actions/setup-java@")).containsEntry("distribution", "temurin")
                .containsEntry("java-version", "${{ matrix.java }}");
        assertThat(run(test)).contains("./mvnw -B verify");

        for (Path file : workflowFiles()) {
            map(load(file).get("jobs")).forEach((name, job) -> {
                if (!name.equals("test")) {
                    steps(map(job)).stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@"))
                            .forEach(s -> assertThat(map(s.get("with"))).as("%s job %s", file, name)
                                    .containsEntry("distribution", "temurin").containsEntry("java-version", "25"));
                }
            });
        }
    }

    @Test
    void no_pulumi_command_runs_with_debug_output_which_would_print_secret_config_in_the_logs() throws IOException {
        // pulumi-java logs each registration request whole at DEBUG, secrets included (docs/configuration.md)
        var pulumiLines = new ArrayList<String>();
        for (Path file : workflowFiles()) {
            Files.readAllLines(file).stream().filter(line -> line.matches("\\s*pulumi .*"))
                    .forEach(line -> pulumiLines.add(file + ": " + line.trim()));
        }
        assertThat(pulumiLines).isNotEmpty()
                .noneMatch(line -> line.matches(".*(--debug|-d\\b|--verbose|-v[= ]?\\d|--logflow|--logtostderr).*"));
        for (Path file : workflowFiles()) {
            assertThat(Files.readString(file)).as("%s", file).doesNotContain("TF_LOG").doesNotContain("PULUMI_DEBUG");
        }
    }

    @Test
    void the_program_gets_its_jvm_options_where_pulumi_runs_it_and_maven_never_does() throws IOException {
        String documented = Files.readString(Path.of("docs", "performance.md"));
        assertThat(documented).as("docs/performance.md").contains("JDK_JAVA_OPTIONS: " + PROGRAM_JVM_OPTIONS)
                .contains("JDK_JAVA_OPTIONS=\"" + PROGRAM_JVM_OPTIONS + "\"");
        int pulumiSteps = 0;
        for (Path file : workflowFiles()) {
            Map<String, Object> workflow = load(file);
            assertThat(map(workflow.get("env"))).as("%s: env", file).doesNotContainKeys(JVM_OPTION_VARIABLES);
            for (var job : map(workflow.get("jobs")).entrySet()) {
                assertThat(map(map(job.getValue()).get("env"))).as("%s job %s: env", file, job.getKey())
                        .doesNotContainKeys(JVM_OPTION_VARIABLES);
                for (Map<String, Object> step : steps(map(job.getValue()))) {
                    Map<String, Object> env = map(step.get("env"));
                    String what = String.format("%s job %s step '%s'", file, job.getKey(), step.get("name"));
                    if (PULUMI_RUNS_THE_PROGRAM.matcher(String.valueOf(step.get("run"))).find()) {
                        pulumiSteps++;
                        assertThat(env).as(what).containsEntry("JDK_JAVA_OPTIONS", PROGRAM_JVM_OPTIONS)
                                .doesNotContainKeys("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS");
                    } else {
                        assertThat(env).as(what).doesNotContainKeys(JVM_OPTION_VARIABLES);
                    }
                }
            }
        }
        assertThat(pulumiSteps).as("steps that run pulumi preview or up").isEqualTo(3);
    }

    @Test
    void pull_requests_get_the_offline_plan_of_every_stack_and_an_aws_preview_unless_they_come_from_a_fork()
            throws IOException {
        Map<String, Object> workflow = load("pull-request.yml");
        Map<String, Object> plan = job(workflow, "plan");
        Map<String, Object> preview = job(workflow, "preview");

        assertThat(map(workflow.get(true))).containsOnlyKeys("pull_request"); // YAML 1.1 reads `on` as true
        assertThat(plan).doesNotContainKey("if").containsEntry("needs", List.of("test", "build"));
        assertThat(map(map(plan.get("strategy")).get("matrix")).get("stack")).isEqualTo(List.of("dev", "sit", "prod"));
        assertThat(step(plan, "actions/upload-artifact@")).containsEntry("name", "plan-${{ matrix.stack }}");
        Map<String, Object> forkLine = steps(plan).stream()
                .filter(s -> String.valueOf(s.get("if")).equals(SAME_REPOSITORY.replace("==", "!=")))
                .findFirst().orElseThrow(() -> new AssertionError("no step for forks in the plan job"));
        assertThat(String.valueOf(forkLine.get("run"))).contains("AWS preview of $STACK skipped")
                .contains(">> \"$GITHUB_STEP_SUMMARY\"");

        assertThat(preview).containsEntry("if", SAME_REPOSITORY).containsEntry("needs", "plan")
                .containsEntry("environment", "preview-${{ matrix.stack }}");
        assertThat(step(preview, "aws-actions/configure-aws-credentials@"))
                .containsEntry("role-to-assume", "${{ vars.AWS_ROLE_ARN }}");
        assertThat(run(preview)).contains("pulumi preview --stack \"$STACK\"").contains("gh pr comment");
    }

    @Test
    void pull_requests_list_the_classified_contract_changes_against_the_base_branch_and_fail_on_an_unacknowledged_one()
            throws IOException {
        Map<String, Object> contract = job(load("pull-request.yml"), "contract");

        // forks too: no credentials are needed
        assertThat(contract).doesNotContainKey("if").doesNotContainKey("environment");
        assertThat(map(contract.get("env"))).containsEntry("BASE_REF", "${{ github.base_ref }}");
        assertThat(step(contract, "actions/checkout@")).containsEntry("fetch-depth", 0);
        String run = run(contract);
        assertThat(run).contains("for stack in dev sit prod")
                .contains("git show \"origin/$BASE_REF:contract/$stack.json\" > \"base-$stack.json\"")
                .contains("java -jar target/bbws-dynamodb.jar contract --stack \"$stack\" \"${base[@]}\"")
                .contains(">> \"$GITHUB_STEP_SUMMARY\"")
                .contains("exit 1")
                .doesNotContain("${{");
    }

    @Test
    void deployments_preview_with_the_preview_role_then_wait_for_the_environment_then_deploy_validate_and_save_outputs()
            throws IOException {
        Map<String, Object> sit = load("deploy-sit.yml");
        assertThat(map(sit.get(true))).containsOnlyKeys("push", "workflow_dispatch");
        assertThat(job(sit, "sit")).containsEntry("uses", "./.github/workflows/deploy.yml")
                .containsEntry("with", Map.of("stack", "sit", "region", "eu-west-1"));

        Map<String, Object> deploy = load("deploy.yml");
        assertThat(job(deploy, "preview")).containsEntry("environment", "preview-${{ inputs.stack }}");
        assertThat(run(job(deploy, "preview"))).contains("pulumi preview --stack \"$STACK\"")
                .doesNotContain("pulumi up");
        Map<String, Object> up = job(deploy, "deploy");
        assertThat(up).containsEntry("needs", "preview").containsEntry("environment", "${{ inputs.stack }}");
        assertThat(run(up)).contains("pulumi up --stack \"$STACK\"")
                .contains("java -jar target/bbws-dynamodb.jar validate --stack \"$STACK\" | tee -a \"$GITHUB_STEP_SUMMARY\"")
                .contains("pulumi stack output --stack \"$STACK\" --json");
        assertThat(step(up, "actions/upload-artifact@")).containsEntry("name", "outputs-${{ inputs.stack }}");
    }

    @Test
    void prod_deploys_only_on_demand_and_only_from_main() throws IOException {
        Map<String, Object> prod = load("deploy-prod.yml");

        assertThat(map(prod.get(true))).containsOnlyKeys("workflow_dispatch");
        assertThat(job(prod, "prod")).containsEntry("if", ON_MAIN)
                .containsEntry("uses", "./.github/workflows/deploy.yml")
                .containsEntry("with", Map.of("stack", "prod", "region", "af-south-1"));
        // and again where the deploy role is assumed, whoever calls the reusable workflow
        assertThat(job(load("deploy.yml"), "deploy")).containsEntry("if", ON_MAIN);
        assertThat(job(load("deploy.yml"), "preview")).containsEntry("if", ON_MAIN);
        assertThat(job(load("deploy.yml"), "build")).containsEntry("if", ON_MAIN);
    }

    @Test
    void every_action_is_pinned_by_full_commit_sha_with_its_version_in_a_comment() throws IOException {
        int pinned = 0;
        for (Path file : workflowFiles()) {
            for (String line : Files.readAllLines(file)) {
                Matcher uses = USES.matcher(line);
                if (!uses.matches() || uses.group(1).startsWith("./")) {
                    continue;
                }
                assertThat(line.trim().replaceFirst("^- ", "")).as("%s", file).matches(PINNED);
                pinned++;
            }
        }
        assertThat(pinned).isGreaterThanOrEqualTo(10);
    }

    @Test
    void reusable_workflows_get_named_secrets_never_every_secret() throws IOException {
        var declared = map(map(map(load("deploy.yml").get(true)).get("workflow_call")).get("secrets")).keySet();
        for (Path file : workflowFiles()) {
            assertThat(Files.readString(file)).as("%s", file).doesNotContain("secrets: inherit");
            map(load(file).get("jobs")).forEach((name, job) -> {
                if (map(job).containsKey("uses")) {
                    assertThat(map(map(job).get("secrets")).keySet()).as("%s job %s", file, name)
                            .isEqualTo(declared);
                }
            });
        }
    }

    @Test
    void no_workflow_grants_an_oidc_token_to_all_its_jobs() throws IOException {
        for (Path file : workflowFiles()) {
            Map<String, Object> workflow = load(file);
            assertThat(workflow).as("%s: permissions stated, not the repository's default", file).containsKey("permissions");
            assertThat(idTokenWrite(workflow.get("permissions"))).as("%s: workflow-level id-token: write", file).isFalse();
        }
    }

    @Test
    void only_the_jobs_that_run_pulumi_get_cloud_credentials_and_none_of_them_runs_maven() throws IOException {
        var withCredentials = new ArrayList<String>();
        for (Path file : workflowFiles()) {
            Map<String, Object> workflow = load(file);
            for (var entry : map(workflow.get("jobs")).entrySet()) {
                Map<String, Object> job = map(entry.getValue());
                String where = file.getFileName() + " job " + entry.getKey();
                boolean token = idTokenWrite(job.containsKey("permissions") ? job.get("permissions")
                        : workflow.get("permissions"));
                if (job.containsKey("uses")) {
                    // a call's permissions are the most the called workflow's jobs may have; they are checked there
                    if (token) {
                        assertThat(job.get("uses")).as(where).isEqualTo("./.github/workflows/deploy.yml");
                    }
                    continue;
                }
                String run = run(job);
                boolean pulumi = PULUMI_RUNS_THE_PROGRAM.matcher(run).find();
                boolean credentials = steps(job).stream()
                        .anyMatch(s -> String.valueOf(s.get("uses")).startsWith(CREDENTIALS_ACTION));
                if (RUNS_MAVEN.matcher(run).find()) {
                    assertThat(token).as("%s runs ./mvnw and may mint an OIDC token", where).isFalse();
                    assertThat(credentials).as("%s runs ./mvnw and gets AWS credentials", where).isFalse();
                }
                assertThat(token).as("%s: id-token: write if and only if it runs pulumi", where).isEqualTo(pulumi);
                assertThat(credentials).as("%s: AWS credentials if and only if it runs pulumi", where).isEqualTo(pulumi);
                if (RUNS_VALIDATE.matcher(run).find()) {
                    assertThat(pulumi).as("%s validates, but not where pulumi ran", where).isTrue();
                }
                if (pulumi) {
                    withCredentials.add(where);
                }
            }
        }
        assertThat(withCredentials).containsExactlyInAnyOrder(
                "deploy.yml job preview", "deploy.yml job deploy", "pull-request.yml job preview");
    }

    @Test
    void the_program_is_built_once_per_run_without_credentials_and_handed_to_the_jobs_that_run_it() throws IOException {
        int handedOn = 0;
        for (Path file : workflowFiles()) {
            Map<String, Object> workflow = load(file);
            Map<String, Object> jobs = map(workflow.get("jobs"));
            List<String> builds = jobsWhoseRun(jobs, PACKAGES_THE_PROGRAM.asPredicate());
            List<String> runners = jobsWhoseRun(jobs, RUNS_THE_JAR.asPredicate().or(PULUMI_RUNS_THE_PROGRAM.asPredicate()));
            if (runners.isEmpty()) {
                assertThat(builds).as("%s packages a program nothing runs", file).isEmpty();
                continue;
            }
            assertThat(builds).as("%s: the jobs that package the program", file).hasSize(1);
            String build = builds.get(0);
            Map<String, Object> upload = step(map(jobs.get(build)), "actions/upload-artifact@");
            assertThat(upload).as("%s job %s", file, build).containsEntry("name", PROGRAM_ARTIFACT)
                    .containsEntry("if-no-files-found", "error");
            var contents = new ArrayList<>(List.of("target/bbws-dynamodb.jar", "target/lib/"));
            if (!jobsWhoseRun(jobs, RUNS_VALIDATE.asPredicate()).isEmpty()) {
                contents.add("target/tools-lib/"); // validate's AWS SDK (cli/Launcher)
            }
            assertThat(String.valueOf(upload.get("path")).lines().toList()).as("%s: what the artifact holds", file)
                    .isEqualTo(contents);
            for (String runner : runners) {
                Map<String, Object> job = map(jobs.get(runner));
                String where = file.getFileName() + " job " + runner;
                assertThat(RUNS_MAVEN.matcher(run(job)).find()).as("%s builds again", where).isFalse();
                // from this run: no run-id, repository or token that would fetch another run's artifact
                assertThat(step(job, "actions/download-artifact@")).as(where)
                        .isEqualTo(Map.of("name", PROGRAM_ARTIFACT, "path", "target"));
                assertThat(needed(jobs, runner)).as("%s needs, directly or not", where).contains(build);
                int java = indexOf(job, s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@"));
                int download = indexOf(job, s -> String.valueOf(s.get("uses")).startsWith("actions/download-artifact@"));
                int first = indexOf(job, s -> RUNS_THE_JAR.matcher(String.valueOf(s.get("run"))).find()
                        || PULUMI_RUNS_THE_PROGRAM.matcher(String.valueOf(s.get("run"))).find());
                assertThat(java).as("%s: Java set up before the program runs", where).isNotNegative().isLessThan(first);
                assertThat(download).as("%s: the program downloaded before it runs", where).isLessThan(first);
                handedOn++;
            }
        }
        assertThat(handedOn).as("jobs that run the program").isEqualTo(5);
    }

    @Test
    void the_deploy_job_outlasts_the_providers_table_update_timeout_and_its_aws_session_outlasts_the_job()
            throws IOException {
        Map<String, Object> deploy = job(load("deploy.yml"), "deploy");
        int timeout = (Integer) deploy.get("timeout-minutes");

        assertThat(timeout).isGreaterThanOrEqualTo(PROVIDER_TABLE_UPDATE_TIMEOUT_MINUTES + DEPLOY_MARGIN_MINUTES);
        // the action's default session is one hour: pulumi up would lose its credentials mid-update
        assertThat((Integer) step(deploy, CREDENTIALS_ACTION).get("role-duration-seconds"))
                .isGreaterThanOrEqualTo(timeout * 60);
    }

    @Test
    void the_maven_wrapper_checks_the_sha256_of_the_distribution_it_downloads() throws IOException {
        var wrapper = new Properties();
        try (var in = Files.newBufferedReader(Path.of(".mvn", "wrapper", "maven-wrapper.properties"))) {
            wrapper.load(in);
        }

        assertThat(wrapper.getProperty("distributionUrl"))
                .startsWith("https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/");
        assertThat(wrapper.getProperty("distributionSha256Sum")).matches("[0-9a-f]{64}");
        assertThat(Files.readString(Path.of("mvnw"))).contains("distributionSha256Sum) distributionSha256Sum=")
                .contains("| sha256sum -c");
    }

    @Test
    void the_aws_provider_plugin_is_installed_at_the_poms_version_before_pulumi_runs() throws IOException {
        Matcher pom = POM_AWS_VERSION.matcher(Files.readString(Path.of("pom.xml")));
        assertThat(pom.find()).as("com.pulumi:aws in pom.xml").isTrue();
        for (String name : List.of("pull-request.yml", "deploy.yml")) {
            assertThat(map(load(name).get("env"))).as(name).containsEntry("PULUMI_AWS_VERSION", pom.group(1));
        }
        int pulumiJobs = 0;
        for (Path file : workflowFiles()) {
            for (var entry : map(load(file).get("jobs")).entrySet()) {
                Map<String, Object> job = map(entry.getValue());
                if (!PULUMI_RUNS_THE_PROGRAM.matcher(run(job)).find()) {
                    continue;
                }
                String where = file.getFileName() + " job " + entry.getKey();
                int cli = indexOf(job, s -> String.valueOf(s.get("run")).contains(".github/scripts/install-pulumi.sh"));
                int plugin = indexOf(job, s -> String.valueOf(s.get("run")).trim().equals(PLUGIN_INSTALL));
                int first = indexOf(job, s -> PULUMI_RUNS_THE_PROGRAM.matcher(String.valueOf(s.get("run"))).find());
                assertThat(cli).as("%s: the CLI installed", where).isNotNegative().isLessThan(plugin);
                assertThat(plugin).as("%s: the plugin installed before pulumi runs", where).isLessThan(first);
                assertThat(map(job.get("env"))).as(where)
                        .containsEntry("PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true");
                pulumiJobs++;
            }
        }
        assertThat(pulumiJobs).isEqualTo(3);
    }

    @Test
    void every_action_is_at_its_current_major_and_pinned_alike_in_every_workflow() throws IOException {
        var pins = new TreeMap<String, String>();
        for (Path file : workflowFiles()) {
            for (String line : Files.readAllLines(file)) {
                Matcher pinned = PINNED.matcher(line.trim().replaceFirst("^- ", ""));
                if (pinned.matches()) {
                    String pin = pinned.group(2) + " " + pinned.group(3);
                    assertThat(pins.computeIfAbsent(pinned.group(1), action -> pin)).as("%s: %s", file, line.trim())
                            .isEqualTo(pin);
                }
            }
        }
        assertThat(pins.keySet()).isEqualTo(CURRENT_MAJORS.keySet());
        pins.forEach((action, pin) -> assertThat(Integer.parseInt(pin.replaceFirst(".* v(\\d+)\\..*", "$1")))
                .as("%s %s", action, pin).isEqualTo(CURRENT_MAJORS.get(action)));
    }

    @Test
    void no_pull_request_job_gets_prods_passphrase_or_prods_preview_role() throws IOException {
        int bound = 0;
        for (var entry : map(load("pull-request.yml").get("jobs")).entrySet()) {
            Map<String, Object> job = map(entry.getValue());
            if (job.containsKey("environment")) {
                bound++;
                assertThat(String.valueOf(job.get("environment"))).as(entry.getKey()).doesNotContain("prod");
                assertThat(matrixStacks(job)).as("job %s: the stacks whose environment it names", entry.getKey())
                        .isNotEmpty().doesNotContain("prod");
            }
        }
        assertThat(bound).isEqualTo(1);
    }

    @Test
    void secrets_are_read_only_in_jobs_bound_to_an_environment() throws IOException {
        for (Path file : workflowFiles()) {
            map(load(file).get("jobs")).forEach((name, value) -> {
                Map<String, Object> job = map(value);
                if (!job.containsKey("uses") && SECRET.matcher(new Yaml().dump(job)).find()) {
                    assertThat(job).as("%s job %s reads a secret", file, name).containsKey("environment");
                }
            });
        }
    }

    @Test
    void every_environment_variable_and_secret_the_workflows_read_is_in_the_settings_docs_ci_cd_lists()
            throws IOException {
        String settings = Files.readString(Path.of("docs", "ci-cd.md"));
        settings = settings.substring(settings.indexOf("### What to set in GitHub"));
        var named = new LinkedHashSet<String>();
        Pattern reads = Pattern.compile("\\$\\{\\{\\s*(?:vars|secrets)\\.(\\w+)");
        for (Path file : workflowFiles()) {
            reads.matcher(Files.readString(file)).results().map(r -> r.group(1)).forEach(named::add);
            for (Object value : map(load(file).get("jobs")).values()) {
                Map<String, Object> job = map(value);
                if ("./.github/workflows/deploy.yml".equals(job.get("uses"))) {
                    String stack = String.valueOf(map(job.get("with")).get("stack"));
                    named.addAll(List.of(stack, "preview-" + stack));
                } else if (job.containsKey("environment")) {
                    matrixStacks(job).forEach(stack -> named.add("preview-" + stack));
                }
            }
        }
        assertThat(named).contains("PULUMI_CONFIG_PASSPHRASE", "AWS_ROLE_ARN", "PULUMI_BACKEND_URL",
                "preview-dev", "preview-sit", "preview-prod", "sit", "prod");
        for (String name : named) {
            assertThat(settings).as("docs/ci-cd.md, What to set in GitHub").contains("`" + name + "`");
        }
    }

    @Test
    void the_pulumi_cli_version_is_pinned_and_imports_the_current_way() throws IOException {
        for (String name : List.of("pull-request.yml", "deploy.yml")) {
            Map<String, Object> workflow = load(name);
            String version = String.valueOf(map(workflow.get("env")).get("PULUMI_VERSION"));
            assertThat(version).as(name).matches("3\\.\\d+\\.\\d+");
            // since 3.174 an import no longer needs matching inputs: docs/operations.md's adoption steps rely on it
            assertThat(Integer.parseInt(version.split("\\.")[1])).isGreaterThanOrEqualTo(174);
            assertThat(Files.readString(WORKFLOWS.resolve(name))).doesNotContain("pulumi/actions@")
                    .contains(".github/scripts/install-pulumi.sh \"$PULUMI_VERSION\"");
        }
    }

    @Test
    void no_workflow_contains_a_credential_an_account_id_or_a_role_arn() throws IOException {
        Pattern credential = Pattern.compile("AKIA[0-9A-Z]{16}|aws_secret_access_key|arn:aws:iam::|\\b\\d{12}\\b");
        for (Path workflow : workflowFiles()) {
            assertThat(credential.matcher(Files.readString(workflow)).find()).as("%s", workflow).isFalse();
        }
    }

    /**
     * Each run step whose failure could pass unnoticed: a pipeline without pipefail, or an explicit
     * swallow. The effective shell is the step's, else the job's default, else the workflow's; GitHub's
     * own default is `bash -e {0}`, without pipefail, while `shell: bash` runs `bash -eo pipefail {0}`.
     */
    static List<String> hiddenFailures(String file, Map<String, Object> workflow) {
        var problems = new ArrayList<String>();
        Object workflowShell = map(map(workflow.get("defaults")).get("run")).get("shell");
        map(workflow.get("jobs")).forEach((jobName, jobValue) -> {
            Map<String, Object> job = map(jobValue);
            Object jobShell = map(map(job.get("defaults")).get("run")).get("shell");
            for (Map<String, Object> step : steps(job)) {
                if (step.containsKey("continue-on-error")) {
                    problems.add(String.format("%s, job %s, step '%s': continue-on-error hides a failure", file, jobName,
                            step.getOrDefault("name", step.get("uses"))));
                }
                if (!step.containsKey("run")) {
                    continue;
                }
                String script = String.valueOf(step.get("run"));
                Object shell = step.get("shell") != null ? step.get("shell") : jobShell != null ? jobShell : workflowShell;
                String where = String.format("%s, job %s, step '%s'", file, jobName, step.getOrDefault("name", script));
                boolean pipefail = "bash".equals(shell) || String.valueOf(shell).contains("pipefail");
                if (!pipefail && PIPE.matcher(script).find()) {
                    problems.add(where + (shell == null
                            ? ": a pipeline under GitHub's default `bash -e {0}` (no pipefail) passes when an earlier"
                            + " command fails: set `defaults.run.shell: bash`"
                            : ": a pipeline under `" + shell + "` (no pipefail) passes when an earlier command fails"));
                }
                Matcher swallow = SWALLOW.matcher(script);
                if (swallow.find()) {
                    problems.add(where + ": `" + swallow.group().trim() + "` hides a failure");
                }
            }
            if (job.containsKey("continue-on-error")) {
                problems.add(file + ", job " + jobName + ": continue-on-error hides a failure");
            }
        });
        return problems;
    }

    /** Whether these permissions (a workflow's or a job's) let a job ask GitHub for an OIDC token. */
    private static boolean idTokenWrite(Object permissions) {
        return "write-all".equals(permissions) || "write".equals(map(permissions).get("id-token"));
    }

    private static List<String> jobsWhoseRun(Map<String, Object> jobs, Predicate<String> run) {
        return jobs.entrySet().stream().filter(job -> run.test(run(map(job.getValue())))).map(Map.Entry::getKey)
                .toList();
    }

    /** Every job that must finish before this one starts. */
    private static Set<String> needed(Map<String, Object> jobs, String name) {
        var needed = new LinkedHashSet<String>();
        var next = new ArrayDeque<>(needs(map(jobs.get(name))));
        while (!next.isEmpty()) {
            String job = next.pop();
            if (needed.add(job)) {
                next.addAll(needs(map(jobs.get(job))));
            }
        }
        return needed;
    }

    private static List<String> needs(Map<String, Object> job) {
        Object needs = job.get("needs");
        return needs instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : needs == null ? List.of() : List.of(String.valueOf(needs));
    }

    /** The stacks a job's matrix runs it for (`stack:` or `include:` entries). */
    private static List<String> matrixStacks(Map<String, Object> job) {
        Map<String, Object> matrix = map(map(job.get("strategy")).get("matrix"));
        if (matrix.get("include") instanceof List<?> include) {
            return include.stream().map(entry -> String.valueOf(map(entry).get("stack"))).toList();
        }
        return matrix.get("stack") instanceof List<?> stacks ? stacks.stream().map(String::valueOf).toList() : List.of();
    }

    private static int indexOf(Map<String, Object> job, Predicate<Map<String, Object>> step) {
        List<Map<String, Object>> steps = steps(job);
        for (int i = 0; i < steps.size(); i++) {
            if (step.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void copyWorkflows(Path copy) throws IOException {
        Files.createDirectories(copy.resolve(WORKFLOWS));
        for (Path workflow : workflowFiles()) {
            Files.copy(workflow, copy.resolve(workflow));
        }
    }

    private static List<Path> workflowFiles() throws IOException {
        try (Stream<Path> files = Files.list(WORKFLOWS)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static Map<String, Object> load(String name) throws IOException {
        return load(WORKFLOWS.resolve(name));
    }

    private static Map<String, Object> load(Path file) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
    }

    private static Map<String, Object> job(Map<String, Object> workflow, String name) {
        return map(map(workflow.get("jobs")).get(name));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> job) {
        Object steps = job.get("steps");
        return steps == null ? List.of() : (List<Map<String, Object>>) steps;
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
