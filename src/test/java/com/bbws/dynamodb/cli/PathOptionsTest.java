package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The options that name a file or folder, as a person gives them: an empty one is a command-line mistake. */
class PathOptionsTest {

    @Test
    void an_empty_path_is_refused_on_the_command_line_for_every_option_that_takes_one() {
        String[][] lines = {
                {"local", "--stack", "dev", "--db-path", ""},
                {"contract", "--stack", "dev", "--base", ""},
                {"plan", "--stack", "dev", "--project-dir", ""},
                {"validate", "--stack", "dev", "--project-dir", ""}};
        for (String[] line : lines) {
            CliRun run = CliRun.of(line);

            String what = String.join(" ", line);
            String option = line[3];
            assertThat(run.exitCode()).as(what).isEqualTo(Cli.USAGE);
            assertThat(run.out()).as(what).isEmpty();
            assertThat(run.err().lines().findFirst()).as(what).contains("Invalid value for option '" + option
                    + "': '' is empty; give a file or folder name (. for the current folder).");
        }
    }
}
