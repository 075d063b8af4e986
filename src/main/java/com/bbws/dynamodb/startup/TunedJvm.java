package com.bbws.dynamodb.startup;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the program in a JVM tuned for a short run. Pulumi starts it with a bare {@code java -jar},
 * which takes no JVM options; most of a short run is class loading and interpreting, so the jar
 * re-launches itself once with the class-data-sharing archive built beside it, C1 only and serial
 * GC (measured in BENCHMARKS.md). {@code BBWS_TUNED_JVM=off} turns this off.
 */
public final class TunedJvm {

    /** Set on the tuned JVM, so that it does the work instead of launching again. */
    static final String MARKER = "bbws.tunedJvm";
    static final String SWITCH = "BBWS_TUNED_JVM";
    static final List<String> OPTIONS = List.of(
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private TunedJvm() {
    }

    /**
     * Returns when this JVM should run the program itself; otherwise runs it in a tuned JVM and
     * exits with that JVM's exit code.
     */
    public static void runTunedIfPossible(String[] args) {
        if (System.getProperty(MARKER) != null) {
            exitWithParent();
            return;
        }
        List<String> command = command(args);
        if (command.isEmpty() || "off".equals(System.getenv(SWITCH))) {
            return;
        }
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            return; // run here, untuned
        }
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "stop-tuned-jvm");
        Runtime.getRuntime().addShutdownHook(stopChild);
        int exitCode;
        try {
            exitCode = child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = 130;
        }
        Runtime.getRuntime().removeShutdownHook(stopChild);
        System.exit(exitCode);
    }

    /** The tuned command, or empty when this JVM was not started from the packaged jar and its archive. */
    static List<String> command(String[] args) {
        String classPath = System.getProperty("java.class.path", "");
        Path jar = Path.of(classPath);
        Path archive = jar.resolveSibling("bbws-dynamodb.jsa");
        String javaBinary = ProcessHandle.current().info().command().orElse(null);
        if (!classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)
                || !Files.isRegularFile(archive) || javaBinary == null) {
            return List.of();
        }
        var command = new ArrayList<String>();
        command.add(javaBinary);
        // the archive checks the class path: give the jar exactly as this JVM was given it
        command.add("-XX:SharedArchiveFile=" + archive);
        command.addAll(OPTIONS);
        command.add("-D" + MARKER + "=1");
        command.add("-jar");
        command.add(classPath);
        command.addAll(List.of(args));
        return command;
    }

    /** If the launching JVM is killed outright, the tuned one must not outlive it. */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent ->
                parent.onExit().thenRun(() -> Runtime.getRuntime().halt(137)));
    }
}
