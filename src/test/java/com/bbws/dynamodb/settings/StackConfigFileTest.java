package com.bbws.dynamodb.settings;

import com.bbws.dynamodb.App;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.bbws.dynamodb.local.DatabaseFolderTest;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlanRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stack files the Pulumi CLI itself refuses to read, and the files that are not stack files: one
 * message per problem, naming the stack, the file, and the line and column where the YAML is broken.
 */
class StackConfigFileTest {

    private static final String SIT = """
            config:
              aws:region: eu-west-1
              aws:allowedAccountIds: ["815856636111"]
              bbws-dynamodb:environment: sit
            """;

    @TempDir
    Path project;

    private StackConfig read(String text) throws IOException {
        Files.writeString(project.resolve("Pulumi.sit.yaml"), text, StandardCharsets.UTF_8);
        return StackConfigFile.read(project, "sit");
    }

    private void assertRefused(String text, String message) {
        assertThatThrownBy(() -> read(text)).isInstanceOf(StackConfigException.class)
                .hasMessage(message.replace("FILE", project.resolve("Pulumi.sit.yaml").toString()));
    }

    @Test
    void reads_the_config_as_the_engine_passes_it() throws IOException {
        StackConfig config = read(SIT + "  bbws-dynamodb:tags: {Paging: off, Reviewed: 2024-01-01}\n"
                + "  deletionProtection: yes\n");

        assertThat(config.values()).containsEntry("aws:allowedAccountIds", "[\"815856636111\"]")
                .containsEntry("bbws-dynamodb:tags", "{\"Paging\":\"off\",\"Reviewed\":\"2024-01-01\"}")
                .containsEntry("bbws-dynamodb:deletionProtection", "yes");
    }

    @Test
    void throws_if_a_key_is_set_twice() {
        assertRefused(SIT + "  bbws-dynamodb:environment: prod\n",
                "Stack 'sit': FILE line 5, column 3: bbws-dynamodb:environment is set twice (first at line 4).");
    }

    @Test
    void throws_if_a_key_is_set_twice_inside_a_map() {
        assertRefused(SIT + "  bbws-dynamodb:tags: {Owner: a, Owner: b}\n",
                "Stack 'sit': FILE line 5, column 34: bbws-dynamodb:tags: 'Owner' is set twice.");
    }

    @Test
    void throws_if_an_anchor_refers_to_itself() {
        assertRefused(SIT + "  bbws-dynamodb:tags: &t {Self: *t}\n",
                "Stack 'sit': FILE line 5, column 23: bbws-dynamodb:tags refers to itself (YAML anchor &t).");
    }

    @Test
    void throws_if_aliases_multiply_beyond_the_bound() {
        String bomb = IntStream.range(0, StackConfigYaml.MAX_ALIASES + 1).mapToObj(i -> "*a")
                .collect(Collectors.joining(", ", "  bbws-dynamodb:tags: {X: [&a [x], ", "]}\n"));

        assertRefused(SIT + bomb, "Stack 'sit': FILE: not valid YAML: more than 50 aliases of maps and lists,"
                + " each a copy to expand.");
    }

    @Test
    void throws_if_a_number_is_infinite() {
        assertRefused(SIT + "  bbws-dynamodb:backup: {retentionDays: .inf}\n",
                "Stack 'sit': FILE line 5, column 41: bbws-dynamodb:backup: '.inf' is not a number JSON can hold;"
                        + " write a whole number.");
    }

    @Test
    void throws_if_the_file_is_not_utf8() throws IOException {
        Files.write(project.resolve("Pulumi.sit.yaml"), "config:\n  bbws-dynamodb:environment: s\u00e9t\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> StackConfigFile.read(project, "sit")).hasMessage("Stack 'sit': "
                + project.resolve("Pulumi.sit.yaml") + " line 2, column 31: byte 0xE9 is not UTF-8; save the file"
                + " as UTF-8, as the Pulumi CLI reads it.");
    }

    @Test
    void throws_if_the_yaml_is_broken() {
        assertRefused("config:\n  aws:region: eu-west-1\n   bad: [\n",
                "Stack 'sit': FILE line 3, column 7: not valid YAML: mapping values are not allowed here.");
    }

    @Test
    void throws_if_binary_is_not_text() {
        assertRefused(SIT.replace("environment: sit", "environment: !!binary //79") ,
                "Stack 'sit': FILE line 4, column 30: bbws-dynamodb:environment: the !!binary value is not base64"
                        + " of UTF-8 text; write the value as plain text.");
    }

    @Test
    void throws_if_a_key_is_not_namespace_and_name() {
        assertRefused(SIT + "  a:b:c: x\n", "Stack 'sit': FILE line 5, column 3: 'a:b:c' is not a config key;"
                + " write <namespace>:<name>, such as bbws-dynamodb:environment.");
    }

    @Test
    void throws_if_a_number_is_one_yaml_readers_disagree_on() {
        assertRefused(SIT + "  bbws-dynamodb:backup: {retentionDays: 014}\n  bbws-dynamodb:alarms: {periodSeconds: 1_000}\n",
                "Stack 'sit' has 2 config errors:\n"
                        + "  - FILE line 5, column 41: bbws-dynamodb:backup: '014' is a number YAML readers disagree on"
                        + " (leading zeros, '_', 0b); write it in plain decimal, or quote it if it is text.\n"
                        + "  - FILE line 6, column 41: bbws-dynamodb:alarms: '1_000' is a number YAML readers disagree on"
                        + " (leading zeros, '_', 0b); write it in plain decimal, or quote it if it is text.");
    }

    @Test
    void throws_if_a_top_level_key_is_not_a_stack_file_key() {
        assertRefused(SIT.replace("config:", "confg:"), "Stack 'sit': FILE line 1, column 1: 'confg' is not a key of a"
                + " stack file; its keys are config, secretsprovider, encryptedkey, encryptionsalt.");
    }

    @Test
    void throws_if_the_stack_imports_esc_environments() {
        assertRefused(SIT + "environment:\n  - bbws/sit\n", "Stack 'sit': FILE line 5, column 1: imports Pulumi ESC"
                + " environments; this project keeps every setting in the stack file, where the offline plan and"
                + " reviewers can read it.");
    }

    @Test
    void throws_before_reading_any_file_if_the_stack_is_not_an_environment() {
        assertThatThrownBy(() -> StackConfigFile.read(project, "qa")).hasMessage("Stack 'qa': a stack is named after"
                + " its environment, one of dev, sit, prod; 'qa' is not one (table names are fixed per account, so a"
                + " stack of another name would take over an environment's tables).");
    }

    @Test
    void throws_if_the_file_is_utf16() throws IOException {
        Files.write(project.resolve("Pulumi.sit.yaml"), ("\uFEFF" + SIT).getBytes(StandardCharsets.UTF_16LE));

        assertThatThrownBy(() -> StackConfigFile.read(project, "sit")).hasMessage("Stack 'sit': "
                + project.resolve("Pulumi.sit.yaml") + " is UTF-16 text; save it as UTF-8.");
    }

    @Test
    void throws_if_the_project_file_has_config_the_engine_would_merge_under_every_stack() throws IOException {
        Files.writeString(project.resolve("Pulumi.yaml"), "name: bbws-dynamodb\nruntime: java\nconfig:\n"
                + "  aws:region: eu-west-1\n");

        assertThatThrownBy(() -> read(SIT)).hasMessage("Stack 'sit': " + project.resolve("Pulumi.yaml")
                + ": has a 'config' block; this project keeps every setting in the stack files (Pulumi.<stack>.yaml),"
                + " so move it there.");
    }

    /** A project file the engine could not read, or would read other config from, is named with what is wrong. */
    @Test
    void throws_if_the_project_file_is_not_a_yaml_map() throws IOException {
        Path projectFile = project.resolve("Pulumi.yaml");
        String[][] cases = {
                {"name: bbws-dynamodb\n  runtime: java\n",
                        "FILE line 2, column 10: not valid YAML: mapping values are not allowed here."},
                {"- name: bbws-dynamodb\n- runtime: java\n",
                        "FILE line 1, column 1: the project file must be a map, such as name: bbws-dynamodb and"
                                + " runtime: java."},
                {"bbws-dynamodb\n", "FILE line 1, column 1: the project file must be a map, such as"
                        + " name: bbws-dynamodb and runtime: java."},
                {"", "FILE: the project file must be a map, such as name: bbws-dynamodb and runtime: java."},
                {"name: a\nname: b\n", "FILE line 2, column 1: 'name' is set twice."}};
        for (String[] projectCase : cases) {
            Files.writeString(projectFile, projectCase[0]);

            assertThatThrownBy(() -> read(SIT)).as(projectCase[0]).isInstanceOf(StackConfigException.class)
                    .hasMessage("Stack 'sit': " + projectCase[1].replace("FILE", projectFile.toString()));
        }
    }

    @Test
    void throws_if_the_project_file_is_a_folder_or_a_link_in_a_loop() throws IOException {
        Path projectFile = Files.createDirectory(project.resolve("Pulumi.yaml"));

        assertThatThrownBy(() -> read(SIT)).hasMessage("Stack 'sit': " + projectFile
                + " is a folder, not the project file.");

        Files.delete(projectFile);
        Files.createSymbolicLink(projectFile, Path.of("Pulumi.yaml"));

        assertThatThrownBy(() -> read(SIT)).hasMessage("Stack 'sit': " + projectFile + " is a symbolic link in a loop"
                + " (following it leads back to " + projectFile + "); point it at the project file, or put the file"
                + " in its place.");
    }

    @Test
    void throws_if_the_project_file_is_not_utf8() throws IOException {
        Files.write(project.resolve("Pulumi.yaml"), "name: bbws-dynamodb\ndescription: caf\u00e9\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> read(SIT)).hasMessage("Stack 'sit': " + project.resolve("Pulumi.yaml")
                + " line 2, column 17: byte 0xE9 is not UTF-8; save the file as UTF-8, as the Pulumi CLI reads it.");
    }

    @Test
    void throws_if_the_project_file_cannot_be_read_for_a_user_who_is_not_root() throws IOException {
        assumeFalse(DatabaseFolderTest.runningAsRoot(), "running as root, which reads through mode bits");
        Path projectFile = Files.writeString(project.resolve("Pulumi.yaml"), "name: bbws-dynamodb\nruntime: java\n");
        Files.setPosixFilePermissions(projectFile, PosixFilePermissions.fromString("---------"));

        assertThatThrownBy(() -> read(SIT)).hasMessage("Stack 'sit': " + projectFile
                + " cannot be read: permission denied; let the user running this command read it.");
    }

    @Test
    void reads_the_projects_own_project_file() throws IOException {
        Files.copy(Path.of("Pulumi.yaml"), project.resolve("Pulumi.yaml"));

        assertThat(read(SIT).values()).containsEntry("bbws-dynamodb:environment", "sit");
    }

    @Test
    void throws_if_the_stack_file_is_a_folder() throws IOException {
        Files.createDirectory(project.resolve("Pulumi.sit.yaml"));

        assertThatThrownBy(() -> StackConfigFile.read(project, "sit"))
                .hasMessage("Stack 'sit': " + project.resolve("Pulumi.sit.yaml") + " is a folder, not a stack file.");
    }

    @Test
    void throws_if_the_stack_file_is_a_symbolic_link_to_itself() throws IOException {
        Path file = Files.createSymbolicLink(project.resolve("Pulumi.sit.yaml"), Path.of("Pulumi.sit.yaml"));

        assertThatThrownBy(() -> StackConfigFile.read(project, "sit")).hasMessage("Stack 'sit': " + file
                + " is a symbolic link in a loop (following it leads back to " + file + "); point it at the stack"
                + " file, or put the file in its place.");
    }

    @Test
    void throws_if_the_stack_file_is_a_loop_of_two_links() throws IOException {
        Path file = Files.createSymbolicLink(project.resolve("Pulumi.sit.yaml"), Path.of("sit.yaml"));
        Files.createSymbolicLink(project.resolve("sit.yaml"), Path.of("Pulumi.sit.yaml"));

        assertThatThrownBy(() -> StackConfigFile.read(project, "sit")).hasMessage("Stack 'sit': " + file
                + " is a symbolic link in a loop (following it leads back to " + file + "); point it at the stack"
                + " file, or put the file in its place.");
    }

    @Test
    void throws_if_the_stack_file_is_a_symbolic_link_to_nothing() throws IOException {
        Path file = Files.createSymbolicLink(project.resolve("Pulumi.sit.yaml"), Path.of("stacks/sit.yaml"));

        assertThatThrownBy(() -> StackConfigFile.read(project, "sit")).hasMessage("Stack 'sit': " + file
                + " is a symbolic link to " + project.resolve("stacks/sit.yaml") + ", which does not exist; point it"
                + " at the stack file, or put the file in its place.");
    }

    @Test
    void reads_a_stack_file_through_a_symbolic_link() throws IOException {
        Files.writeString(project.resolve("sit.yaml"), SIT);
        Files.createSymbolicLink(project.resolve("Pulumi.sit.yaml"), Path.of("sit.yaml"));

        assertThat(StackConfigFile.read(project, "sit").values()).containsEntry("bbws-dynamodb:environment", "sit");
    }

    @Test
    void throws_if_the_stack_file_cannot_be_read_for_a_user_who_is_not_root() throws IOException {
        assumeFalse(DatabaseFolderTest.runningAsRoot(), "running as root, which reads through mode bits");
        Path file = Files.writeString(project.resolve("Pulumi.sit.yaml"), SIT);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));

        assertThatThrownBy(() -> StackConfigFile.read(project, "sit")).hasMessage("Stack 'sit': " + file
                + " cannot be read: permission denied; let the user running this command read it.");
    }

    @Test
    void throws_if_the_project_folder_is_a_symbolic_link_in_a_loop() throws IOException {
        Path folder = Files.createSymbolicLink(project.resolve("project"), Path.of("project"));

        assertThatThrownBy(() -> StackConfigFile.read(folder, "sit")).hasMessage("Stack 'sit': the project folder "
                + folder + " is a symbolic link in a loop (following it leads back to " + folder + "); point it at"
                + " the project folder (--project-dir).");
    }

    @Test
    void throws_if_the_project_folder_does_not_exist() {
        assertThatThrownBy(() -> StackConfigFile.read(project.resolve("nope"), "sit")).hasMessage(
                "Stack 'sit': the project folder " + project.resolve("nope") + " does not exist (--project-dir).");
    }

    @Test
    void throws_if_the_folder_has_no_stack_files() {
        assertThatThrownBy(() -> StackConfigFile.read(project, "sit")).hasMessage("Stack 'sit': "
                + project.resolve("Pulumi.sit.yaml") + " does not exist; there is no Pulumi.<stack>.yaml in "
                + project + " (is it the project folder?).");
    }

    @Test
    void a_secret_is_shown_as_secret_and_the_plan_says_what_it_could_not_check() throws IOException {
        StackConfig config = read(SIT + "  bbws-dynamodb:kmsKeyArn:\n    secure: v1:cdRz6hF1XZ0=:v1:Nq2HqSQbKM5Cn\n");

        Plan plan = OfflinePlan.of("sit", config, App::stack);

        assertThat(config.hiddenKeys()).containsExactly("bbws-dynamodb:kmsKeyArn");
        assertThat(plan.resourcesOfType("aws:dynamodb/table:Table")).allSatisfy(table ->
                assertThat(table.inputs().get("serverSideEncryption").toString()).contains("kmsKeyArn=[secret]"));
        String note = "bbws-dynamodb:kmsKeyArn is a secret (secure:), shown as [secret]: whether it is a KMS key ARN"
                + " in the stack's account and region is checked only under the Pulumi engine, which decrypts it.";
        assertThat(plan.notCheckedOffline()).containsExactly(note);
        assertThat(PlanRenderer.text(plan)).contains("Not checked offline: " + note);
        assertThat(PlanRenderer.json(plan)).contains("\"notCheckedOffline\"").doesNotContain("v1:cdRz6");
    }
}
