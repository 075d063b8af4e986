package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.GlobalSecondaryIndex;
import com.bbws.dynamodb.catalogue.KeySchema;
import com.bbws.dynamodb.catalogue.TableDefinition;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan}: the real program for a stack's real config file, run offline. */
class PlanCommandTest {

    /** The backup's vault, plan, role, role policy attachment and selection. */
    private static final int BACKUP_RESOURCES = 5;

    private static CliRun plan(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "plan";
        System.arraycopy(args, 0, command, 1, args.length);
        return CliRun.of(command);
    }

    @Test
    void sit_shows_every_table_and_index_of_the_catalogue_and_the_totals_they_add_up_to() {
        CliRun run = plan("--stack", "sit");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Offline plan of stack 'sit': account 815856636111, region eu-west-1")
                .contains(Expected.totals());
        String arn = "arn:aws:dynamodb:eu-west-1:815856636111:table/";
        for (TableDefinition table : Expected.tables()) {
            String name = table.physicalName(Environment.SIT);
            assertThat(run.out()).containsPattern("name +" + Pattern.quote(name) + "\n")
                    .containsPattern(table.id() + "TableArn +" + Pattern.quote(arn + name) + "\n");
            for (GlobalSecondaryIndex index : table.indexes()) {
                assertThat(run.out()).containsPattern("GSI " + index.name() + " +" + Pattern.quote(keys(index.keys())
                        + "; projection ALL") + "\n");
            }
            if (table.stream().isEnabled()) {
                assertThat(run.out()).containsPattern(table.id() + "StreamArn +" + Pattern.quote(arn + name
                        + "/stream/<known after deploy>") + "\n");
            }
        }
        assertThat(run.out().lines().filter(line -> line.startsWith("    GSI "))).as("GSI lines")
                .hasSize(Expected.CATALOGUE.indexCount());
    }

    /** Keys as the plan prints them: "partition campaignId (S), sort active (N)". */
    private static String keys(KeySchema keys) {
        String partition = "partition " + keys.partitionKey().name() + " (" + keys.partitionKey().type() + ")";
        return keys.sortKeyIfAny().map(sort -> partition + ", sort " + sort.name() + " (" + sort.type() + ")")
                .orElse(partition);
    }

    /** Every resource the plan of a stack without alarms or a key holds: tables, backup, SSM parameters. */
    private static int resourcesWithoutAlarms(Environment environment) {
        return Expected.tables().size() + BACKUP_RESOURCES + Expected.parameterNames(environment).size();
    }

    @Test
    void dev_shows_the_tables_its_stack_file_adopts_as_adopted_and_sit_shows_every_table_as_created() {
        StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");
        String devPlan = plan("--stack", "dev").out();
        String sitPlan = plan("--stack", "sit").out();

        assertThat(dev.adoptedTables()).isNotEmpty();
        for (TableDefinition table : Expected.tables()) {
            assertThat(devPlan).contains("+ aws:dynamodb/table:Table  " + table.id() + "  (" + (dev.adopts(table)
                    ? "adopt the existing table '" + table.physicalName(Environment.DEV) + "'" : "create") + ")");
            assertThat(sitPlan).contains("+ aws:dynamodb/table:Table  " + table.id() + "  (create)");
        }
        assertThat(sitPlan).doesNotContain("(adopt");
    }

    @Test
    void dev_with_adoption_off_shows_its_tables_as_created(@TempDir Path project) throws IOException {
        String dev = Files.readString(Path.of("Pulumi.dev.yaml"));
        Files.writeString(project.resolve("Pulumi.dev.yaml"),
                dev.substring(0, dev.indexOf("  # The dev tables were created by Terraform")));

        CliRun run = plan("--stack", "dev", "--project-dir", project.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        var resources = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("resources");
        assertThat(resources.asList()).hasSize(resourcesWithoutAlarms(Environment.DEV)).allSatisfy(resource -> {
            assertThat(resource.getAsJsonObject().get("action").getAsString()).isEqualTo("create");
            assertThat(resource.getAsJsonObject().getAsJsonObject("options").get("import").isJsonNull()).isTrue();
        });
    }

    @Test
    void prod_shows_its_region_deletion_protection_and_protect_on_every_table() {
        StackSettings prod = StackConfigFile.settings(Path.of("."), "prod");
        int tables = Expected.tables().size();
        int replicas = Expected.withStream().size() * prod.replicaRegions().size();

        CliRun run = plan("--stack", "prod");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("account 093646564004, region af-south-1");
        Expected.tableNames(Environment.PROD).forEach(name ->
                assertThat(run.out()).containsPattern("name +" + Pattern.quote(name) + "\n"));
        assertThat(run.out().split("deletion protection +enabled", -1)).hasSize(tables + 1);
        // every table and the backup vault
        assertThat(run.out().split("protect +yes", -1)).hasSize(tables + 1 + 1);
        assertThat(replicas).isPositive();
        assertThat(run.out()).contains(Expected.totals() + ", " + replicas + " replicas, 1 backup plans, 0 alarms")
                .contains("\"schedule\": \"cron(0 * * * ? *)\"").contains("\"deleteAfter\": 90")
                .containsPattern("replicas +eu-west-1 \\(PITR enabled, tags propagated\\)");
    }

    @Test
    void an_unknown_stack_fails_with_a_message_naming_it_and_the_environments() {
        CliRun run = plan("--stack", "qa");

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("Stack 'qa': a stack is named after its environment, one of dev, sit,"
                + " prod; 'qa' is not one (table names are fixed per account, so a stack of another name would take"
                + " over an environment's tables).");
    }

    @Test
    void a_missing_stack_file_fails_with_a_message_naming_it_and_the_stacks_there_are(@TempDir Path project)
            throws IOException {
        Files.writeString(project.resolve("Pulumi.dev.yaml"), "config: {}\n");

        CliRun run = plan("--stack", "sit", "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(run.err().strip()).isEqualTo("Stack 'sit': " + project.resolve("Pulumi.sit.yaml")
                + " does not exist; the stacks here are dev.");
    }

    @Test
    void a_project_file_that_is_not_yaml_fails_the_plan_naming_it(@TempDir Path project) throws IOException {
        Files.copy(Path.of("Pulumi.sit.yaml"), project.resolve("Pulumi.sit.yaml"));
        Files.writeString(project.resolve("Pulumi.yaml"), "name: bbws-dynamodb\nconfig: [\n");

        CliRun run = plan("--stack", "sit", "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo("Stack 'sit': " + project.resolve("Pulumi.yaml") + " line 3, column 1:"
                + " not valid YAML: while parsing a flow node: expected the node content, but found '<stream end>'.");
    }

    @Test
    void a_bad_stack_config_fails_with_the_programs_message_and_no_stack_trace(@TempDir Path project)
            throws IOException {
        Files.writeString(project.resolve("Pulumi.sit.yaml"), String.join("\n",
                "config:",
                "  aws:region: eu-west-1",
                "  aws:allowedAccountIds: [\"815856636111\"]",
                "  bbws-dynamodb:environment: staging",
                ""));

        CliRun run = plan("--stack", "sit", "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).isEqualTo(
                "Stack 'sit': bbws-dynamodb:environment: 'staging' is not an environment; use one of dev, sit, prod.");
    }

    @Test
    void a_misspelt_key_in_the_stack_file_is_refused(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve("Pulumi.prod.yaml"), String.join("\n",
                "config:",
                "  aws:region: af-south-1",
                "  aws:allowedAccountIds: [\"093646564004\"]",
                "  bbws-dynamodb:environment: prod",
                "  bbws-dynamodb:deletionProtecton: false",
                ""));

        CliRun run = plan("--stack", "prod", "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(run.err().strip()).isEqualTo("Stack 'prod': bbws-dynamodb:deletionProtecton: unknown key;"
                + " the program reads bbws-dynamodb:environment, bbws-dynamodb:deletionProtection,"
                + " bbws-dynamodb:kmsKeyArn, bbws-dynamodb:createKmsKey, bbws-dynamodb:tags,"
                + " bbws-dynamodb:adoptTables, bbws-dynamodb:backup, bbws-dynamodb:alarms, bbws-dynamodb:replicaRegions,"
                + " bbws-dynamodb:replicaKmsKeyArns.");
    }

    @Test
    void json_lists_every_resource_with_type_name_inputs_and_options_and_the_outputs() {
        StackSettings dev = StackConfigFile.settings(Path.of("."), "dev");

        CliRun run = plan("--stack", "dev", "--json");

        assertThat(run.exitCode()).isZero();
        JsonObject plan = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(plan.get("stack").getAsString()).isEqualTo("dev");
        var resources = plan.getAsJsonArray("resources");
        assertThat(resources).hasSize(resourcesWithoutAlarms(Environment.DEV));
        int indexes = 0;
        for (int i = 0; i < Expected.tables().size(); i++) {
            TableDefinition table = Expected.tables().get(i);
            JsonObject resource = resources.get(i).getAsJsonObject();
            assertThat(resource.get("type").getAsString()).isEqualTo("aws:dynamodb/table:Table");
            assertThat(resource.get("name").getAsString()).isEqualTo(table.id());
            assertThat(resource.getAsJsonObject("inputs").get("name").getAsString())
                    .isEqualTo(table.physicalName(Environment.DEV));
            assertThat(resource.getAsJsonObject("options").get("protect").getAsBoolean()).isFalse();
            assertThat(resource.get("action").getAsString()).isEqualTo(dev.adopts(table) ? "adopt" : "create");
            assertThat(resource.getAsJsonObject("options").get("import").isJsonNull() ? null
                    : resource.getAsJsonObject("options").get("import").getAsString())
                    .isEqualTo(dev.adopts(table) ? table.physicalName(Environment.DEV) : null);
            assertThat(resource.getAsJsonObject("inputs").get("billingMode").getAsString())
                    .isEqualTo("PAY_PER_REQUEST");
            indexes += resource.getAsJsonObject("inputs").getAsJsonArray("globalSecondaryIndexes").size();
        }
        JsonObject outputs = plan.getAsJsonObject("outputs");
        var knownAfterDeploy = new java.util.TreeSet<String>(Set.of("tables"));
        for (TableDefinition table : Expected.tables()) {
            assertThat(outputs.get(table.id() + "TableArn").getAsString())
                    .isEqualTo("arn:aws:dynamodb:eu-west-1:536580886816:table/" + table.physicalName(Environment.DEV));
            assertThat(outputs.getAsJsonObject("tables").getAsJsonObject(table.id()).get("name").getAsString())
                    .isEqualTo(table.physicalName(Environment.DEV));
            if (table.stream().isEnabled()) {
                knownAfterDeploy.add(table.id() + "StreamArn");
            }
        }
        assertThat(plan.getAsJsonArray("knownAfterDeploy")).extracting(e -> e.getAsString())
                .containsExactlyElementsOf(knownAfterDeploy);
        assertThat(plan.getAsJsonObject("totals").get("indexes").getAsInt())
                .isEqualTo(Expected.CATALOGUE.indexCount()).isEqualTo(indexes);
    }
}
