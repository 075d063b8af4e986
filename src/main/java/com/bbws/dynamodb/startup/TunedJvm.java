package com.bbws.dynamodb.startup;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the program in a JVM tuned for a short run. Pulumi starts it with a bare {@code java -jar},
 * which takes no JVM options; most of a short run is class loading and interpreting, so the jar
 * re-launches itself once with the class-data-sharing archive built beside it, C1 only and serial
 * GC (measured in BENCHMARKS.md).
 *
 * <p>Only a bare {@code java -jar} is re-launched. Whoever gives the JVM options (on its command
 * line, or in JAVA_TOOL_OPTIONS, JDK_JAVA_OPTIONS or _JAVA_OPTIONS) gets the program in that JVM:
 * options from those variables would reach a second JVM too, and some cannot be given twice (a
 * JDWP agent on a fixed port cannot be bound twice, a second agent would report twice).
 * {@code BBWS_TUNED_JVM=off} turns the re-launch off.
 */
public final class TunedJvm {

    /** Set on the tuned JVM, so that it does the work instead of launching again. */
    static final String MARKER = "bbws.tunedJvm";
    static final String SWITCH = "BBWS_TUNED_JVM";
    static final List<String> OPTIONS = List.of(
            "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    /** The variables through which the JVM takes options from the environment (HotSpot and the java launcher). */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    /**
     * Java 24+ warns on stderr, in every run, that protobuf (under the Pulumi SDK) uses
     * sun.misc.Unsafe (JEP 498); the option, known since Java 23 (JEP 471), allows it quietly.
     */
    static final String ALLOW_UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    static final int FIRST_JAVA_WITH_ALLOW_UNSAFE = 23;
    static final String ARCHIVE = "bbws-dynamodb.jsa";
    /** How often the tuned JVM checks that the launching one still runs. */
    static final long PARENT_CHECK_MILLIS = 200;

    private TunedJvm() {
    }

    /** How this JVM was started, as far as the decision to re-launch goes. */
    record Launch(String javaBinary, int javaVersion, List<String> arguments, String classPath,
                  Map<String, String> environment, String poolParallelism) {

        static Launch ofThisJvm() {
            ProcessHandle.Info info = ProcessHandle.current().info();
            return new Launch(info.command().orElse(null), Runtime.version().feature(),
                    info.arguments().map(List::of).orElse(null), System.getProperty("java.class.path", ""),
                    System.getenv(), System.getProperty(CommonPool.PARALLELISM));
        }
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
        List<String> command = command(Launch.ofThisJvm(), args);
        if (command.isEmpty()) {
            return;
        }
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            return; // run here, untuned
        }
        // Ctrl-C or SIGTERM of this JVM stops the tuned one and waits for it. The hook stays
        // registered: removing it while the JVM shuts down throws, and on a normal exit it finds
        // the child already ended.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "stop-tuned-jvm"));
        int exitCode;
        try {
            exitCode = child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exitCode = 130;
        }
        // during a shutdown (a signal) this blocks, and the JVM exits with the signal's code (130, 143)
        System.exit(exitCode);
    }

    /**
     * The tuned command, or empty when this JVM runs the program itself: it was not started as a
     * bare {@code java -jar} of the packaged jar, options reach it from the environment, the
     * switch is off, or there is no archive beside the jar.
     */
    static List<String> command(Launch launch, String[] args) {
        String classPath = launch.classPath();
        if ("off".equals(launch.environment().get(SWITCH))
                || OPTION_VARIABLES.stream().anyMatch(name -> isSet(launch.environment().get(name)))
                || launch.javaBinary() == null
                || !classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)
                || !List.of("-jar", classPath).equals(first(2, launch.arguments()))) {
            return List.of();
        }
        Path archive = Path.of(classPath).resolveSibling(ARCHIVE);
        if (!Files.isRegularFile(archive)) {
            return List.of();
        }
        var command = new ArrayList<String>();
        command.add(launch.javaBinary());
        // the archive checks the class path: give the jar exactly as this JVM was given it
        command.add("-XX:SharedArchiveFile=" + archive);
        command.addAll(OPTIONS);
        // the tuned JVM is this JVM's java binary, so of this JVM's version
        if (launch.javaVersion() >= FIRST_JAVA_WITH_ALLOW_UNSAFE) {
            command.add(ALLOW_UNSAFE);
        }
        if (launch.poolParallelism() != null) {
            command.add("-D" + CommonPool.PARALLELISM + "=" + launch.poolParallelism());
        }
        command.add("-D" + MARKER + "=1");
        command.add("-jar");
        command.add(classPath);
        command.addAll(List.of(args));
        return command;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static List<String> first(int count, List<String> arguments) {
        return arguments == null || arguments.size() < count ? List.of() : arguments.subList(0, count);
    }

    /** If the launching JVM is killed outright, the tuned one must not outlive it. */
    private static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> watch(parent, () -> Runtime.getRuntime().halt(137)));
    }

    /**
     * Runs {@code whenGone} once the process has ended, from a daemon thread of its own:
     * ProcessHandle.onExit completes on the common pool, which a busy (or livelocked) program starves.
     */
    static Thread watch(ProcessHandle process, Runnable whenGone) {
        var watcher = new Thread(() -> {
            try {
                while (process.isAlive()) {
                    Thread.sleep(PARENT_CHECK_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            }
            whenGone.run();
        }, "exit-with-launching-jvm");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }
}
