package com.bbws.dynamodb.startup;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the program in a JVM tuned for a short run. Pulumi starts it with a bare {@code java -jar},
 * which takes no JVM options; most of a short run is class loading and interpreting, so the jar
 * re-launches itself once with the archive built beside it, C1 only and serial GC (measured in
 * BENCHMARKS.md). The archive is the one for this JVM's version: on Java 25 and later the AOT cache
 * ({@code bbws-dynamodb.aot}, JEP 483/514/515: classes loaded and linked, profiles), before it the
 * class-data-sharing archive ({@code bbws-dynamodb.jsa}). Without that file it runs here. A file
 * from another JDK build is refused by the tuned JVM, which then runs without it, silently.
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
    /** Java 25 reports a cache it cannot use under its own tag; silent, as the CDS archive is. */
    static final String AOT_LOG_OFF = "-Xlog:aot=off";
    /** The variables through which the JVM takes options from the environment (HotSpot and the java launcher). */
    static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    /**
     * Java 24+ warns on stderr, in every run, that protobuf (under the Pulumi SDK) uses
     * sun.misc.Unsafe (JEP 498); the option, known since Java 23 (JEP 471), allows it quietly.
     */
    static final String ALLOW_UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    static final int FIRST_JAVA_WITH_ALLOW_UNSAFE = 23;
    /**
     * Java 24+ warns on stderr, in every preview, that netty (under gRPC, under the Pulumi SDK) loads
     * its native transport with System.loadLibrary (JEP 472); the option allows it quietly.
     */
    static final String ENABLE_NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    static final int FIRST_JAVA_WARNING_ON_NATIVE_ACCESS = 24;
    /** The class-data-sharing archive, Java 17 to 24. */
    static final String ARCHIVE = "bbws-dynamodb.jsa";
    /** The AOT cache, Java 25 and later: written in one training run by {@code -XX:AOTCacheOutput} (JEP 514). */
    static final String AOT_CACHE = "bbws-dynamodb.aot";
    static final int FIRST_JAVA_WITH_AOT_CACHE = 25;
    /** How often the tuned JVM checks that the launching one still runs. */
    static final long PARENT_CHECK_MILLIS = 200;

    private TunedJvm() {
    }

    /** How this JVM was started, as far as the decision to re-launch goes. */
    record Launch(String javaBinary, int javaVersion, List<String> arguments, String classPath,
                  Map<String, String> environment, String poolParallelism) {

        static Launch ofThisJvm() {
            // no lambdas or streams on the launching JVM's path: their first use costs it class loading
            ProcessHandle.Info info = ProcessHandle.current().info();
            String[] arguments = info.arguments().orElse(null);
            return new Launch(info.command().orElse(null), Runtime.version().feature(),
                    arguments == null ? null : List.of(arguments), System.getProperty("java.class.path", ""),
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
        Runtime.getRuntime().addShutdownHook(new Thread(new StopChild(child), "stop-tuned-jvm"));
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
     * switch is off, or there is no archive for this JVM's version beside the jar.
     */
    static List<String> command(Launch launch, String[] args) {
        String classPath = launch.classPath();
        if ("off".equals(launch.environment().get(SWITCH))
                || optionsFromEnvironment(launch.environment())
                || launch.javaBinary() == null
                || !classPath.endsWith(".jar") || classPath.contains(File.pathSeparator)
                || !List.of("-jar", classPath).equals(first(2, launch.arguments()))) {
            return List.of();
        }
        Optional<List<String>> archive = archiveOptions(Path.of(classPath), launch.javaVersion());
        if (archive.isEmpty()) {
            return List.of();
        }
        var command = new ArrayList<String>();
        command.add(launch.javaBinary());
        // the archive checks the class path: give the jar exactly as this JVM was given it
        command.addAll(archive.get());
        command.addAll(OPTIONS);
        // the tuned JVM is this JVM's java binary, so of this JVM's version
        command.addAll(quietOptions(launch.javaVersion()));
        if (launch.poolParallelism() != null) {
            command.add("-D" + CommonPool.PARALLELISM + "=" + launch.poolParallelism());
        }
        command.add("-D" + MARKER + "=1");
        command.add("-jar");
        command.add(classPath);
        command.addAll(List.of(args));
        return command;
    }

    /** The options that keep a JVM of this version from warning about the SDK's libraries on every run. */
    static List<String> quietOptions(int javaVersion) {
        var options = new ArrayList<String>();
        if (javaVersion >= FIRST_JAVA_WITH_ALLOW_UNSAFE) {
            options.add(ALLOW_UNSAFE);
        }
        if (javaVersion >= FIRST_JAVA_WARNING_ON_NATIVE_ACCESS) {
            options.add(ENABLE_NATIVE_ACCESS);
        }
        return options;
    }

    /** The archive a JVM of this version uses, beside the jar: the AOT cache on 25+, the CDS archive before. */
    static Path archiveFor(Path jar, int javaVersion) {
        return jar.resolveSibling(javaVersion >= FIRST_JAVA_WITH_AOT_CACHE ? AOT_CACHE : ARCHIVE);
    }

    /** The options that give the tuned JVM its archive, or empty when the file is not there. */
    static Optional<List<String>> archiveOptions(Path jar, int javaVersion) {
        Path archive = archiveFor(jar, javaVersion);
        if (!Files.isRegularFile(archive)) {
            return Optional.empty();
        }
        return Optional.of(javaVersion >= FIRST_JAVA_WITH_AOT_CACHE
                ? List.of("-XX:AOTCache=" + archive, AOT_LOG_OFF)
                : List.of("-XX:SharedArchiveFile=" + archive));
    }

    private static boolean optionsFromEnvironment(Map<String, String> environment) {
        for (String name : OPTION_VARIABLES) {
            if (isSet(environment.get(name))) {
                return true;
            }
        }
        return false;
    }

    /** Stops the tuned JVM and waits for it, when the launching one is stopped (Ctrl-C, SIGTERM). */
    private record StopChild(Process child) implements Runnable {
        @Override
        public void run() {
            child.destroy();
            try {
                child.waitFor();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
