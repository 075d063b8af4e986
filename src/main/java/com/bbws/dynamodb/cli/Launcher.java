package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.settings.FileProblems;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gives {@code local} and {@code validate} their tools. The packaged jar's Class-Path holds only what
 * the Pulumi program needs, so that every {@code pulumi preview} loads no more; those two commands also
 * need DynamoDB Local and the AWS SDK, kept in {@code tools-lib/} beside the jar and loaded only for them.
 */
public final class Launcher {

    /** The commands that need the jars in tools-lib/. */
    static final Set<String> TOOL_COMMANDS = Set.of("local", "validate");

    /** A class of the tools: when it is visible, the class path already holds them (a build's classes, tests). */
    private static final String TOOLS_MARKER = "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class";

    private Launcher() {
    }

    /**
     * Whether the working folder's name cannot reach the file system as written (a name that is not ASCII
     * under {@code LANG=C}): the JVM then resolves every relative path, and its own class loaders, against
     * a folder of another name. Says so on standard error, for the caller to exit with {@link Cli#USAGE}.
     */
    public static boolean workingFolderIsUnusable() {
        String workingFolder = System.getProperty("user.dir");
        if (FileProblems.passesAsWritten(workingFolder)) {
            return false;
        }
        System.err.printf("The working folder %s cannot be used as written: %s.%n", workingFolder,
                FileProblems.notPassedAdvice());
        return true;
    }

    /** Whether the command needs the tools and they are beside the jar but not yet on the class path. */
    public static boolean needsTools(String[] args) {
        return args.length > 0 && TOOL_COMMANDS.contains(args[0])
                && Launcher.class.getClassLoader().getResource(TOOLS_MARKER) == null
                && Files.isDirectory(jarDirectory().resolve("tools-lib"));
    }

    /**
     * Runs the entry point's {@code main} again, in a class loader over the jar, lib/ and tools-lib/, so
     * that every class of the command sees the tools.
     */
    public static void runWithTools(Class<?> entryPoint, String[] args) {
        Path jar = codeSource();
        var urls = new ArrayList<URL>();
        try {
            urls.add(jar.toUri().toURL());
            for (Path dir : List.of(jar.resolveSibling("lib"), jar.resolveSibling("tools-lib"))) {
                try (Stream<Path> jars = Files.list(dir)) {
                    for (Path path : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(path.toUri().toURL());
                    }
                }
            }
        } catch (IOException e) {
            System.err.println("Cannot read the jars beside " + jar + ": " + e.getMessage());
            System.exit(Cli.UNAVAILABLE);
        }
        var loader = new URLClassLoader("bbws-tools", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Thread.currentThread().setContextClassLoader(loader);
        try {
            Class.forName(entryPoint.getName(), true, loader).getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot start the command line with the tools on its classpath", e);
        }
    }

    private static Path jarDirectory() {
        Path source = codeSource();
        return Files.isDirectory(source) ? source : source.getParent();
    }

    private static Path codeSource() {
        try {
            return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
