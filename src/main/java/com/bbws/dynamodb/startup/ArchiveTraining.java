package com.bbws.dynamodb.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.IntSupplier;

/**
 * Run by the build, not by the program (pom.xml, execution {@code class-data-sharing-archive}):
 * trains the archive the tuned JVM uses ({@link TunedJvm#archiveFor}) beside the jar, in a JVM of the
 * {@code java} that runs it. On Java 25 and later that is the AOT cache, written in one step by
 * {@code -XX:AOTCacheOutput} (JEP 483/514/515); before, the class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}). The training JVM runs {@link TrainingWorkload}: the offline plan
 * of sit and, when the build has the test-scope gRPC engine double ({@link TrainingEngine}), the
 * program under it, as {@code pulumi preview} runs it. It runs with the tuned JVM's options and the
 * jar as its class path, as the tuned JVM will.
 *
 * <p>A JVM that cannot write an archive (a JDK without a default CDS archive, or {@code -Xshare:off}
 * in JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS) leaves none and the build says so in one warning line;
 * the jar then runs without it. A plan that fails on its own fails the build.
 */
public final class ArchiveTraining {

    static final List<String> TRAINING_COMMAND = List.of("plan", "--stack", "sit");

    enum Outcome { ARCHIVED, NO_ARCHIVE, PLAN_FAILED }

    private ArchiveTraining() {
    }

    /** Arguments: the jar, the folder to write the archive in, the file for the training run's output. */
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("Usage: ArchiveTraining <jar> <archive folder> <log>");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path folder = Path.of(args[1]);
        Path log = Path.of(args[2]);
        int java = Runtime.version().feature();
        if (!Files.isRegularFile(jar)) {
            System.err.println("The training plan (" + String.join(" ", TRAINING_COMMAND) + ") failed: there is no jar "
                    + jar + ".");
            System.exit(1);
        }
        Path archive = folder.resolve(TunedJvm.archiveFor(jar, java).getFileName());
        Files.deleteIfExists(archive);
        String otherJdksArchive = java >= TunedJvm.FIRST_JAVA_WITH_AOT_CACHE ? TunedJvm.ARCHIVE : TunedJvm.AOT_CACHE;
        removeIfStale(folder.resolve(otherJdksArchive), jar);

        int trainingExit;
        Optional<TrainingEngine> found = ServiceLoader.load(TrainingEngine.class).findFirst();
        if (found.isPresent()) {
            try (TrainingEngine engine = found.get()) {
                trainingExit = run(jar, log, engine.environment(), trainingOptions(archive, java));
                if (trainingExit == 0 && !engine.sawTheProgram()) {
                    System.err.println("The training run did not run the program under the engine double:");
                    System.err.print(Files.readString(log, StandardCharsets.UTF_8));
                    System.exit(1);
                }
            }
        } else {
            System.out.println("[INFO] No gRPC engine double on the class path (test classes not built):"
                    + " the archive is trained on the offline plan alone.");
            trainingExit = run(jar, log, Map.of(), trainingOptions(archive, java));
        }
        Outcome outcome = outcome(trainingExit, Files.isRegularFile(archive), () -> {
            try {
                return run(jar, log.resolveSibling(log.getFileName() + ".without-archive"), Map.of(), List.of());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("Cannot run the plan without an archive", e);
            }
        });
        switch (outcome) {
            case ARCHIVED -> {
            }
            case NO_ARCHIVE -> {
                Files.deleteIfExists(archive);
                System.out.println("[WARNING] No " + kind(java) + ": this JVM cannot write one ("
                        + reason(Files.readAllLines(log, StandardCharsets.UTF_8)) + "); the jar runs without it.");
            }
            case PLAN_FAILED -> {
                System.err.println("The training plan (" + String.join(" ", TRAINING_COMMAND) + ") failed:");
                System.err.print(Files.readString(log, StandardCharsets.UTF_8));
                System.exit(1);
            }
        }
    }

    /** What the archive is called in messages. */
    /**
     * The other JDK's archive, trained for the jar before this one was built, would make that JDK
     * re-launch into a JVM that refuses it and runs without any (slower than not re-launching):
     * removed. One newer than the jar (trained for it, as bench/bench.py does for both JDKs) is kept.
     */
    static void removeIfStale(Path otherArchive, Path jar) throws IOException {
        if (Files.isRegularFile(otherArchive)
                && Files.getLastModifiedTime(otherArchive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
            Files.delete(otherArchive);
            System.out.println("[INFO] Removed " + otherArchive + ": trained for an older build of " + jar.getFileName()
                    + ", its JDK would refuse it.");
        }
    }

    static String kind(int javaVersion) {
        return javaVersion >= TunedJvm.FIRST_JAVA_WITH_AOT_CACHE ? "AOT cache" : "class-data-sharing archive";
    }

    /** The JVM options of the training run: those of the tuned JVM, with the archive to write instead of read. */
    static List<String> trainingOptions(Path archive, int javaVersion) {
        var options = new ArrayList<String>();
        options.add(javaVersion >= TunedJvm.FIRST_JAVA_WITH_AOT_CACHE
                ? "-XX:AOTCacheOutput=" + archive
                : "-XX:ArchiveClassesAtExit=" + archive);
        options.addAll(TunedJvm.OPTIONS.stream().filter(option -> !option.startsWith("-Xlog:")).toList());
        options.addAll(TunedJvm.quietOptions(javaVersion));
        return options;
    }

    /**
     * What came of the training. When it left no archive, the plan alone (run only then) says
     * whether the JVM could not write one or the plan itself is broken.
     */
    static Outcome outcome(int trainingExit, boolean archiveWritten, IntSupplier planWithoutArchiveExit) {
        if (trainingExit == 0 && archiveWritten) {
            return Outcome.ARCHIVED;
        }
        return planWithoutArchiveExit.getAsInt() == 0 ? Outcome.NO_ARCHIVE : Outcome.PLAN_FAILED;
    }

    /** The JVM's own line about class-data sharing or the AOT cache (its log tags dropped), or a generic reason. */
    static String reason(List<String> trainingOutput) {
        return trainingOutput.stream()
                .filter(line -> {
                    String lower = line.toLowerCase(Locale.ROOT);
                    return lower.contains("cds") || lower.contains("aotcache");
                })
                .map(line -> line.replaceFirst("^(\\[[^]]*])+\\s*", "").strip())
                .findFirst()
                .orElse("the training run wrote no archive");
    }

    /**
     * Runs the training workload in a JVM of this JDK with the jar as its class path (the class path
     * the archive records, as {@code java -jar} gives it), output to the log.
     */
    private static int run(Path jar, Path log, Map<String, String> environment, List<String> jvmOptions)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), TrainingWorkload.class.getName()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start().waitFor();
    }
}
