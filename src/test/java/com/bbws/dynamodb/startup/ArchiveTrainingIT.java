package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's archive training step, as `./mvnw package` runs it, on JVMs that cannot write an archive. */
class ArchiveTrainingIT {

    @TempDir
    Path dir;

    private ProcessBuilder training(Path jar) {
        // the test class path, as the build gives it: with the engine double, so the program runs under it too
        var builder = new ProcessBuilder(JarProcess.javaOf(Path.of(System.getProperty("java.home"))).toString(),
                "-cp", System.getProperty("java.class.path"), ArchiveTraining.class.getName(),
                jar.toString(), dir.toString(), dir.resolve("training.txt").toString());
        return JarProcess.withoutUserOptions(builder);
    }

    @Test
    void with_Xshare_off_in_JDK_JAVA_OPTIONS_the_build_step_succeeds_without_an_archive_and_says_so_once()
            throws Exception {
        var training = training(JarProcess.JAR);
        training.environment().put("JDK_JAVA_OPTIONS", "-Xshare:off");

        JarProcess.Finished run = JarProcess.run(training, Duration.ofSeconds(120));

        boolean java25 = Runtime.version().feature() >= TunedJvm.FIRST_JAVA_WITH_AOT_CACHE;
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
        assertThat(run.out().lines().toList()).singleElement().asString()
                .startsWith("[WARNING] No " + (java25 ? "AOT cache" : "class-data-sharing archive")
                        + ": this JVM cannot write one (")
                .contains(java25 ? "AOTCacheOutput cannot be used" : "CDS archive is not loaded")
                .endsWith("); the jar runs without it.");
        assertThat(dir.resolve(TunedJvm.ARCHIVE)).doesNotExist();
        assertThat(dir.resolve(TunedJvm.AOT_CACHE)).doesNotExist();
    }

    @Test
    void a_plan_that_cannot_run_fails_the_build_step() throws Exception {
        JarProcess.Finished run = JarProcess.run(training(dir.resolve("missing.jar")), Duration.ofSeconds(60));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("The training plan (plan --stack sit) failed:").contains("missing.jar");
    }
}
