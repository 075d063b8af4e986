package com.bbws.dynamodb.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;

/**
 * Run by the build, not by the program (pom.xml, execution {@code class-data-sharing-archive}):
 * trains the class-data-sharing archive beside the jar with one offline plan of sit, in a JVM of
 * the {@code java} that runs it. A JVM that cannot write an archive (a JDK without a default CDS
 * archive, or {@code -Xshare:off} in JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS) leaves none and the
 * build says so in one warning line; the jar then runs without it. A plan that fails on its own
 * fails the build.
 */
public final class ArchiveTraining {

    static final List<String> TRAINING_COMMAND = List.of("plan", "--stack", "sit");

    enum Outcome { ARCHIVED, NO_ARCHIVE, PLAN_FAILED }

    private ArchiveTraining() {
    }

    /** Arguments: the jar, the archive to write, the file for the training plan's output. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("Usage: ArchiveTraining <jar> <archive> <log>");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path archive = Path.of(args[1]);
        Path log = Path.of(args[2]);
        Files.deleteIfExists(archive);

        int trainingExit = plan(jar, log, "-XX:ArchiveClassesAtExit=" + archive);
        Outcome outcome = outcome(trainingExit, Files.isRegularFile(archive), () -> {
            try {
                return plan(jar, log.resolveSibling(log.getFileName() + ".without-archive"));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("Cannot run the plan without an archive", e);
            }
        });
        switch (outcome) {
            case ARCHIVED -> {
            }
            case NO_ARCHIVE -> {
                Files.deleteIfExists(archive);
                System.out.println("[WARNING] No class-data-sharing archive: this JVM cannot write one ("
                        + reason(Files.readAllLines(log, StandardCharsets.UTF_8)) + "); the jar runs without it.");
            }
            case PLAN_FAILED -> {
                System.err.println("The training plan (" + String.join(" ", TRAINING_COMMAND) + ") failed:");
                System.err.print(Files.readString(log, StandardCharsets.UTF_8));
                System.exit(1);
            }
        }
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

    /** The JVM's own line about class-data sharing (its log tags dropped), or a generic reason. */
    static String reason(List<String> trainingOutput) {
        return trainingOutput.stream()
                .filter(line -> line.toLowerCase(Locale.ROOT).contains("cds"))
                .map(line -> line.replaceFirst("^(\\[[^]]*])+\\s*", "").strip())
                .findFirst()
                .orElse("the training run wrote no archive");
    }

    /** Runs the plan in a JVM of this JDK, in this JVM's place (no re-launch), output to the log. */
    private static int plan(Path jar, Path log, String... jvmOptions) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(TRAINING_COMMAND);
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the archive must record the program's classes, not those of a re-launch
        builder.environment().put(TunedJvm.SWITCH, "off");
        return builder.start().waitFor();
    }
}
