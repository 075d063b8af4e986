package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.startup.ArchiveTraining.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveTrainingTest {

    private static final java.util.function.IntSupplier NOT_RUN = () -> {
        throw new AssertionError("the plan must not run again when the archive was written");
    };

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
}
