package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the packaged program gets from the build's dependency patches (build/DependencyPatches.java):
 * the backported deployment loop inside its jar, and a runtime class path (target/lib) with no class
 * the archive of its JDK cannot hold. That the backport ends the livelock is Java25NoHangIT's.
 */
class DependencyPatchesIT {

    private static final Path LIB = Path.of("target", "lib");

    @Test
    void the_jar_carries_the_deployment_loop_that_rechecks_after_10_ms() throws Exception {
        List<String> loop = PatchedClasses.instructions(PatchedClasses.entry(JarProcess.JAR, PatchedClasses.RUNNER), "loopUntilDone");

        assertThat(loop).contains("ldc 10",
                "java/util/concurrent/CompletableFuture.delayedExecutor (JLjava/util/concurrent/TimeUnit;)Ljava/util/concurrent/Executor;");
    }

    @Test
    void no_class_on_the_runtime_class_path_is_older_than_java_6() throws Exception {
        List<Path> jars;
        try (Stream<Path> files = Files.list(LIB)) {
            jars = files.filter(path -> path.toString().endsWith(".jar")).sorted().toList();
        }
        assertThat(jars).extracting(path -> path.getFileName().toString()).anyMatch(name -> name.startsWith("picocli-"));

        for (Path jar : jars) {
            assertThat(PatchedClasses.classesOlderThan(jar, 50)).as(jar.toString()).isEmpty();
        }
    }

    @Test
    void the_archive_training_skipped_no_dependency_class_for_its_age() throws Exception {
        Path log = Path.of("target", "archive-training.txt");

        assertThat(log).exists();
        // the only ones left are the JDK's own generated reflection accessors (JDK 17)
        assertThat(Files.readAllLines(log)).filteredOn(line -> line.contains("Pre JDK 6 class"))
                .allMatch(line -> line.contains(" jdk/internal/reflect/Generated"));
    }
}
