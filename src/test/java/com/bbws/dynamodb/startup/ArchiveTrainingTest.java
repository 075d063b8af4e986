package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.startup.ArchiveTraining.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveTrainingTest {

    private static final java.util.function.IntSupplier NOT_RUN = () -> {
        throw new AssertionError("the plan must not run again when the archive was written");
    };

    @Test
    void the_other_jdks_archive_older_than_the_jar_is_removed(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("bbws-dynamodb.jar"), "the jar just built");
        Path stale = archiveAged(dir.resolve(TunedJvm.AOT_CACHE), jar, -60_000);

        ArchiveTraining.removeIfStale(stale, jar);

        assertThat(stale).doesNotExist();
    }

    @Test
    void the_other_jdks_archive_newer_than_the_jar_is_kept(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("bbws-dynamodb.jar"), "the jar just built");
        Path trainedForThisJar = archiveAged(dir.resolve(TunedJvm.ARCHIVE), jar, 60_000);

        ArchiveTraining.removeIfStale(trainedForThisJar, jar);

        assertThat(trainedForThisJar).exists();
    }

    private static Path archiveAged(Path archive, Path jar, long millisAfterTheJar) throws Exception {
        Files.writeString(archive, "an archive");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + millisAfterTheJar));
        return archive;
    }

    @Test
    void a_training_plan_that_wrote_the_archive_is_done() {
        assertThat(ArchiveTraining.outcome(0, true, NOT_RUN)).isEqualTo(Outcome.ARCHIVED);
    }

    @Test
    void a_jvm_that_refuses_to_start_with_the_archive_option_while_the_plan_alone_runs_gives_no_archive() {
        // JDK 17 with -Xshare:off: "Error occurred during initialization of VM", exit 1
        assertThat(ArchiveTraining.outcome(1, false, () -> 0)).isEqualTo(Outcome.NO_ARCHIVE);
    }

    @Test
    void a_jvm_that_runs_the_plan_but_writes_nothing_gives_no_archive() {
        // JDK 25 with -Xshare:off: a warning, the plan, exit 0, no file
        assertThat(ArchiveTraining.outcome(0, false, () -> 0)).isEqualTo(Outcome.NO_ARCHIVE);
    }

    @Test
    void a_plan_that_fails_without_the_archive_too_fails_the_build() {
        assertThat(ArchiveTraining.outcome(1, false, () -> 1)).isEqualTo(Outcome.PLAN_FAILED);
    }

    @Test
    void the_reason_is_the_jvms_own_line_about_cds() {
        assertThat(ArchiveTraining.reason(List.of("NOTE: Picked up JDK_JAVA_OPTIONS: -Xshare:off",
                "Error occurred during initialization of VM",
                "DynamicDumpSharedSpaces is unsupported when base CDS archive is not loaded")))
                .isEqualTo("DynamicDumpSharedSpaces is unsupported when base CDS archive is not loaded");
        assertThat(ArchiveTraining.reason(List.of("[0.005s][warning][cds] -XX:ArchiveClassesAtExit is unsupported "
                + "when base CDS archive is not loaded. Run with -Xlog:cds for more info.", "Plan of stack 'sit'")))
                .isEqualTo("-XX:ArchiveClassesAtExit is unsupported when base CDS archive is not loaded. "
                        + "Run with -Xlog:cds for more info.");
        assertThat(ArchiveTraining.reason(List.of("Plan of stack 'sit'"))).isEqualTo("the training run wrote no archive");
    }

    @Test
    void on_java_25_the_reason_is_the_jvms_line_about_the_aot_cache() {
        // JDK 25 with -Xshare:off in JDK_JAVA_OPTIONS
        assertThat(ArchiveTraining.reason(List.of("NOTE: Picked up JDK_JAVA_OPTIONS: -Xshare:off",
                "Error occurred during initialization of VM",
                "Option AOTCacheOutput cannot be used at the same time with -Xshare:on, -Xshare:auto, -Xshare:off")))
                .startsWith("Option AOTCacheOutput cannot be used at the same time with -Xshare:off".substring(0, 50));
    }

    @Test
    void on_java_25_the_training_writes_the_aot_cache_in_one_step_with_the_tuned_jvms_options() {
        Path cache = Path.of("target", TunedJvm.AOT_CACHE);

        assertThat(ArchiveTraining.trainingOptions(cache, 25)).containsExactly("-XX:AOTCacheOutput=" + cache,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED");
        assertThat(ArchiveTraining.kind(25)).isEqualTo("AOT cache");
    }

    @Test
    void before_java_25_it_writes_the_class_data_sharing_archive_at_exit() {
        Path archive = Path.of("target", TunedJvm.ARCHIVE);

        assertThat(ArchiveTraining.trainingOptions(archive, 17)).containsExactly("-XX:ArchiveClassesAtExit=" + archive,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(ArchiveTraining.kind(17)).isEqualTo("class-data-sharing archive");
    }
}
