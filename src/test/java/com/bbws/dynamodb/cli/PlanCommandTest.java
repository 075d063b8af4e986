package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.App;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan}: the real program for a stack's real config file, run offline. */
class PlanCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    private static Run plan(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "plan";
        System.arraycopy(args, 0, command, 1, args.length);
        int exitCode = Cli.run(App::stack, new PrintWriter(out), new PrintWriter(err), command);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void sit_shows_the_three_tables_seven_indexes_three_PITR_and_two_streams() {
        Run run = plan("--stack", "sit");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("Offline plan of stack 'sit': account 815856636111, region eu-west-1")
                .contains("Totals: 3 tables, 7 GSIs, 3 PITR, 2 streams")
                .containsPattern("name +tenants\n")
                .containsPattern("name +products-sit\n")
                .containsPattern("name +campaigns\n")
                .containsPattern("GSI CampaignActiveIndex +partition campaignId \\(S\\), sort active \\(N\\); projection ALL")
                .containsPattern("tenantsTableArn +arn:aws:dynamodb:eu-west-1:815856636111:table/tenants\n")
                .containsPattern("tenantsStreamArn +arn:aws:dynamodb:eu-west-1:815856636111:table/tenants/stream/"
                        + "<known after deploy>\n");
    }

    @Test
    void dev_shows_its_three_terraform_tables_as_adopted_and_sit_as_created() {
        assertThat(plan("--stack", "dev").out())
                .contains("+ aws:dynamodb/table:Table  tenants  (adopt the existing table 'tenants')")
                .contains("+ aws:dynamodb/table:Table  products  (adopt the existing table 'products-dev')")
                .contains("+ aws:dynamodb/table:Table  campaigns  (adopt the existing table 'campaigns')")
                .doesNotContain("aws:dynamodb/table:Table  tenants  (create)");
        assertThat(plan("--stack", "sit").out())
                .contains("+ aws:dynamodb/table:Table  tenants  (create)")
                .contains("+ aws:dynamodb/table:Table  products  (create)")
                .contains("+ aws:dynamodb/table:Table  campaigns  (create)")
                .doesNotContain("(adopt");
    }

    @Test
    void dev_with_adoption_off_shows_its_tables_as_created(@TempDir Path project) throws IOException {
        String dev = Files.readString(Path.of("Pulumi.dev.yaml"));
        Files.writeString(project.resolve("Pulumi.dev.yaml"),
                dev.substring(0, dev.indexOf("  # The dev tables were created by Terraform")));

        Run run = plan("--stack", "dev", "--project-dir", project.toString(), "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        var resources = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonArray("resources");
        assertThat(resources.asList()).hasSize(16).allSatisfy(resource -> {
            assertThat(resource.getAsJsonObject().get("action").getAsString()).isEqualTo("create");
            assertThat(resource.getAsJsonObject().getAsJsonObject("options").get("import").isJsonNull()).isTrue();
        });
    }

    @Test
    void prod_shows_its_region_deletion_protection_and_protect_on_every_table() {
        Run run = plan("--stack", "prod");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("account 093646564004, region af-south-1")
                .containsPattern("name +products-prod\n");
        assertThat(run.out().split("deletion protection +enabled", -1)).hasSize(4);
        // the three tables and the backup vault
        assertThat(run.out().split("protect +yes", -1)).hasSize(5);
        assertThat(run.out()).contains("Totals: 3 tables, 7 GSIs, 3 PITR, 2 streams, 2 replicas, 1 backup plans, 0 alarms")
                .contains("\"schedule\": \"cron(0 * * * ? *)\"").contains("\"deleteAfter\": 90")
                .containsPattern("replicas +eu-west-1 \\(PITR enabled, tags propagated\\)");
    }

    @Test
    void an_unknown_stack_fails_with_a_message_naming_it_and_the_environments() {
        Run run = plan("--stack", "qa");

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

        Run run = plan("--stack", "sit", "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(run.err().strip()).isEqualTo("Stack 'sit': " + project.resolve("Pulumi.sit.yaml")
                + " does not exist; the stacks here are dev.");
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

        Run run = plan("--stack", "sit", "--project-dir", project.toString());

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

        Run run = plan("--stack", "prod", "--project-dir", project.toString());

        assertThat(run.exitCode()).isEqualTo(Cli.INVALID);
        assertThat(run.err().strip()).isEqualTo("Stack 'prod': bbws-dynamodb:deletionProtecton: unknown key;"
                + " the program reads bbws-dynamodb:environment, bbws-dynamodb:deletionProtection,"
                + " bbws-dynamodb:kmsKeyArn, bbws-dynamodb:createKmsKey, bbws-dynamodb:tags,"
                + " bbws-dynamodb:adoptTables, bbws-dynamodb:backup, bbws-dynamodb:alarms, bbws-dynamodb:replicaRegions,"
                + " bbws-dynamodb:replicaKmsKeyArns.");
    }

    @Test
    void json_lists_every_resource_with_type_name_inputs_and_options_and_the_outputs() {
        Run run = plan("--stack", "dev", "--json");

        assertThat(run.exitCode()).isZero();
        JsonObject plan = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(plan.get("stack").getAsString()).isEqualTo("dev");
        var resources = plan.getAsJsonArray("resources");
        assertThat(resources).hasSize(16);
        for (var element : resources.asList().subList(0, 3)) {
            JsonObject resource = element.getAsJsonObject();
            assertThat(resource.get("type").getAsString()).isEqualTo("aws:dynamodb/table:Table");
            assertThat(resource.getAsJsonObject("options").get("protect").getAsBoolean()).isFalse();
            assertThat(resource.get("action").getAsString()).isEqualTo("adopt");
            assertThat(resource.getAsJsonObject("inputs").get("billingMode").getAsString())
                    .isEqualTo("PAY_PER_REQUEST");
        }
        JsonObject products = resources.get(1).getAsJsonObject();
        assertThat(products.get("name").getAsString()).isEqualTo("products");
        assertThat(products.getAsJsonObject("inputs").get("name").getAsString()).isEqualTo("products-dev");
        assertThat(products.getAsJsonObject("options").get("import").getAsString()).isEqualTo("products-dev");
        JsonObject outputs = plan.getAsJsonObject("outputs");
        assertThat(outputs.get("productsTableArn").getAsString())
                .isEqualTo("arn:aws:dynamodb:eu-west-1:536580886816:table/products-dev");
        assertThat(outputs.getAsJsonObject("tables").getAsJsonObject("campaigns").get("name").getAsString())
                .isEqualTo("campaigns");
        assertThat(plan.getAsJsonArray("knownAfterDeploy")).extracting(e -> e.getAsString())
                .containsExactly("campaignsStreamArn", "tables", "tenantsStreamArn");
        assertThat(plan.getAsJsonObject("totals").get("indexes").getAsInt()).isEqualTo(7);
    }
}
