package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.startup.JarProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar under {@code LANG=C} and {@code LC_ALL=C}, where the JVM passes file names to the system
 * in ASCII ({@code sun.jnu.encoding} ANSI_X3.4-1968): a name with other characters cannot reach the file
 * system as written, and is refused with what to do, never turned into a file of another name. The names
 * are given as bytes through sh's printf, so the test does not depend on its own JVM's locale.
 */
class FileNameEncodingIT {

    /** "d\u00ebv" and "pr\u00f8j" in UTF-8, as printf writes them. */
    private static final String DEV = "d\\303\\253v";
    private static final String PROJ = "pr\\303\\270j";

    private static final String ADVICE = "this JVM passes file names to the system in US-ASCII (set by the locale:"
            + " LANG, LC_ALL), which cannot hold its characters; run it under a UTF-8 locale, e.g. LANG=C.UTF-8";

    @TempDir
    Path temp;

    /** Runs sh in the temporary folder under the locale; the script starts the jar with {@code exec "$1" -jar "$2"}. */
    private JarProcess.Finished sh(String locale, String script) throws IOException, InterruptedException {
        assertThat(JarProcess.JAR).exists();
        var builder = JarProcess.withoutUserOptions(new ProcessBuilder("/bin/sh", "-c", script, "sh",
                JarProcess.javaOf(Path.of(System.getProperty("java.home"))).toString(),
                JarProcess.JAR.toAbsolutePath().toString()).directory(temp.toFile()));
        builder.environment().put("LANG", locale);
        builder.environment().put("LC_ALL", locale);
        return JarProcess.run(builder, Duration.ofSeconds(90));
    }

    /**
     * The first line on stderr, each character the JVM could not decode from the command line shown as '?':
     * Java 17 decodes the bytes of a name that is not ASCII as '?', Java 25 as U+FFFD, and prints them so.
     */
    private static String firstLine(JarProcess.Finished run) {
        return run.err().lines().findFirst().orElse("").replace('\uFFFD', '?');
    }

    private List<Path> everythingIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return new ArrayList<>(files.filter(path -> !path.equals(folder)).toList());
        }
    }

    @Test
    void a_db_path_that_is_not_ascii_is_refused_on_the_command_line_and_nothing_is_created() throws Exception {
        JarProcess.Finished local = sh("C", "exec \"$1\" -jar \"$2\" local --stack dev --port " + freePort()
                + " --project-dir '" + Path.of("").toAbsolutePath() + "' --db-path \"$PWD/$(printf '" + DEV + "')\"");

        assertThat(local.exitCode()).as(local.err()).isEqualTo(Cli.USAGE);
        assertThat(local.out()).isEmpty();
        assertThat(firstLine(local)).isEqualTo("Invalid value for option '--db-path': '" + temp
                + "/d??v' cannot be used as written: " + ADVICE + ".");
        assertThat(local.err()).doesNotContain("Exception");
        assertThat(everythingIn(temp)).as("nothing created").isEmpty();
    }

    @Test
    void a_contract_base_that_is_not_ascii_is_refused_on_the_command_line() throws Exception {
        JarProcess.Finished contract = sh("C", "printf '{}' > \"$PWD/$(printf '" + DEV + "')\"; exec \"$1\" -jar \"$2\""
                + " contract --stack sit --project-dir '" + Path.of("").toAbsolutePath() + "' --base \"$PWD/$(printf '"
                + DEV + "')\"");

        assertThat(contract.exitCode()).as(contract.err()).isEqualTo(Cli.USAGE);
        assertThat(contract.out()).isEmpty();
        assertThat(firstLine(contract)).isEqualTo("Invalid value for option '--base': '" + temp
                + "/d??v' cannot be used as written: " + ADVICE + ".");
    }

    /**
     * Under LANG=C the JVM resolves relative paths (and its own class loaders' files) against the working
     * folder's name with '?' for each byte it cannot decode: plan said "the project folder . does not
     * exist", local ended in an ExceptionInInitializerError, and --db-path .ddb would be created elsewhere.
     */
    @Test
    void a_working_folder_that_is_not_ascii_stops_every_command_at_once_and_nothing_is_created() throws Exception {
        Files.copy(Path.of("Pulumi.dev.yaml"), temp.resolve("Pulumi.dev.yaml"));
        String inFolder = "rm -rf \"$(printf '" + PROJ + "')\" && mkdir \"$(printf '" + PROJ + "')\" && cp Pulumi.dev.yaml \"$(printf '" + PROJ + "')\""
                + " && cd \"$(printf '" + PROJ + "')\" && ";
        for (String command : List.of("plan --stack dev", "validate --stack dev --endpoint http://127.0.0.1:9",
                "local --stack dev --port " + freePort() + " --db-path .ddb")) {
            JarProcess.Finished run = sh("C", inFolder + "exec \"$1\" -jar \"$2\" " + command);

            assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(Cli.USAGE);
            assertThat(run.out()).as(command).isEmpty();
            assertThat(run.err()).as(command).isEqualTo("The working folder " + temp + "/pr??j cannot be used as"
                    + " written: " + ADVICE + "." + System.lineSeparator());
            assertThat(everythingIn(temp)).as(command + ": nothing created").containsExactlyInAnyOrder(
                    temp.resolve("Pulumi.dev.yaml"), temp.resolve("pr\u00f8j"), temp.resolve("pr\u00f8j/Pulumi.dev.yaml"));
        }
    }

    @Test
    void a_project_dir_that_is_not_ascii_is_refused_under_lang_c_and_read_under_a_utf8_locale() throws Exception {
        Path project = Files.createDirectory(temp.resolve("pr\u00f8j"));
        Files.copy(Path.of("Pulumi.sit.yaml"), project.resolve("Pulumi.sit.yaml"));
        String plan = "exec \"$1\" -jar \"$2\" plan --stack sit --project-dir \"$(printf '" + PROJ + "')\"";

        JarProcess.Finished ascii = sh("C", plan);
        JarProcess.Finished utf8 = sh("C.UTF-8", plan);

        assertThat(ascii.exitCode()).as(ascii.err()).isEqualTo(Cli.USAGE);
        assertThat(ascii.out()).isEmpty();
        assertThat(firstLine(ascii)).isEqualTo("Invalid value for option '--project-dir': 'pr??j'"
                + " cannot be used as written: " + ADVICE + ".");
        assertThat(utf8.exitCode()).as(utf8.err()).isZero();
        assertThat(utf8.out()).contains("Offline plan of stack 'sit'");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
