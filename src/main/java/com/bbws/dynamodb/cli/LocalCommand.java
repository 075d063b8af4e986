package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.local.LocalEngine;
import com.bbws.dynamodb.local.LocalEngineException;
import com.bbws.dynamodb.local.SampleItemWriter;
import com.bbws.dynamodb.local.SampleItems;
import com.bbws.dynamodb.local.TableInstaller;
import com.bbws.dynamodb.settings.StackConfigException;
import com.bbws.dynamodb.settings.StackSettings;
import com.bbws.dynamodb.validate.AwsClients;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

@Command(name = "local",
        mixinStandardHelpOptions = true,
        description = "Serves a stack's tables on Amazon's DynamoDB Local, on 127.0.0.1, until interrupted"
                + " (Ctrl-C); or, with --endpoint, creates them on an engine that is already running.")
final class LocalCommand implements Callable<Integer> {

    @Mixin
    StackOption stack;

    int port;

    @Spec
    CommandSpec spec;

    /** A port out of range is a mistake on the command line, refused before anything starts. */
    @Option(names = "--port", defaultValue = "" + LocalEngine.DEFAULT_PORT,
            description = "The port to serve on, " + LocalEngine.MIN_PORT + "-" + LocalEngine.MAX_PORT
                    + " (default: ${DEFAULT-VALUE}).")
    void port(int value) {
        if (value < LocalEngine.MIN_PORT || value > LocalEngine.MAX_PORT) {
            throw new ParameterException(spec.commandLine(), String.format(
                    "Invalid value for option '--port': %d is not a port; use %d-%d.",
                    value, LocalEngine.MIN_PORT, LocalEngine.MAX_PORT));
        }
        port = value;
    }

    /** 0: none asked for. */
    int sampleItems;

    @Option(names = "--sample-items", paramLabel = "N",
            description = "Write N sample items (1-" + SampleItems.MAX_COUNT + ") into each table once it is"
                    + " created: the same items on every run, each in every index of its table.")
    void sampleItems(int value) {
        if (value < 1 || value > SampleItems.MAX_COUNT) {
            throw new ParameterException(spec.commandLine(), String.format(
                    "Invalid value for option '--sample-items': %d is not a number of items to write; use 1-%d.",
                    value, SampleItems.MAX_COUNT));
        }
        sampleItems = value;
    }

    @Option(names = "--db-path", converter = PathConverter.class,
            description = "Keep the tables in this folder; by default they live in memory.")
    Path dbPath;

    @Option(names = "--endpoint", converter = EndpointConverter.class,
            description = "Create the tables on this running engine instead of starting one.")
    URI endpoint;

    /** Counted down to stop serving; the JVM's shutdown (Ctrl-C) does it too. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StackSettings settings;
        try {
            settings = stack.settings();
        } catch (StackConfigException e) {
            return Cli.fail(spec, e.getMessage(), Cli.INVALID);
        }
        if (endpoint != null && (dbPath != null || spec.commandLine().getParseResult().hasMatchedOption("--port"))) {
            return Cli.fail(spec, "--endpoint uses an engine that is already running; --port and --db-path"
                    + " do not apply.", Cli.USAGE);
        }
        LocalEngine engine = null;
        try {
            if (endpoint == null) {
                engine = LocalEngine.start(port, dbPath);
            }
            URI target = engine == null ? endpoint : engine.endpoint();
            try (DynamoDbClient dynamo = AwsClients.dynamoDb(target, settings.region())) {
                List<TableInstaller.Result> results = new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, settings);
                report(out, target, settings, results);
                long conflicts = results.stream().filter(r -> r.action() == TableInstaller.Action.CONFLICT).count();
                if (conflicts > 0) {
                    howToUse(out, target);
                    // the report above is on stdout; a failure also says why, once, on stderr
                    return Cli.fail(spec, String.format("Stack '%s': %s on %s %s from the catalogue (see CONFLICT"
                            + " above); nothing was created or written: fix or remove %s and run local again.",
                            settings.stack(), conflicts == 1 ? "1 table" : conflicts + " tables", target,
                            conflicts == 1 ? "differs" : "differ", conflicts == 1 ? "it" : "them"), Cli.INVALID);
                }
                if (sampleItems > 0) {
                    report(out, new SampleItemWriter(dynamo).write(BbwsTables.CATALOGUE, settings.environment(),
                            sampleItems));
                }
                howToUse(out, target);
            }
            if (engine != null) {
                serveUntilStopped(out, engine);
            }
            return Cli.OK;
        } catch (LocalEngineException e) {
            return Cli.fail(spec, e.getMessage(), Cli.UNAVAILABLE);
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    private void report(PrintWriter out, URI target, StackSettings settings, List<TableInstaller.Result> results) {
        out.printf("Stack '%s' tables on %s%n", settings.stack(), target);
        int width = results.stream().mapToInt(r -> r.table().length()).max().orElse(10);
        for (TableInstaller.Result result : results) {
            out.printf("  %-" + width + "s  %-9s  %s%n", result.table(), result.action(), result.detail());
        }
        results.stream().flatMap(r -> r.unsupported().stream()).distinct().forEach(what -> out.printf(
                "  Not on this engine: %s; tables: %s%n", what, results.stream()
                        .filter(r -> r.unsupported().contains(what)).map(TableInstaller.Result::table)
                        .collect(Collectors.joining(", "))));
        out.flush();
    }

    /** Counts only: item data is never printed. */
    private static void report(PrintWriter out, List<SampleItemWriter.Written> written) {
        out.println("Sample items, the same on every run (written again, they replace themselves):");
        int width = written.stream().mapToInt(w -> w.table().length()).max().orElse(10);
        written.forEach(w -> out.printf("  %-" + width + "s  %d written%n", w.table(), w.items()));
        out.flush();
    }

    private static void howToUse(PrintWriter out, URI target) {
        out.printf("Use it with: aws dynamodb list-tables --endpoint-url %s%n", target);
        out.printf("or an SDK client with endpointOverride(%s) and any region and credentials.%n", target);
        out.flush();
    }

    private void serveUntilStopped(PrintWriter out, LocalEngine engine) {
        Thread shutdown = new Thread(() -> {
            stop.countDown();
            engine.close();
            out.println("DynamoDB Local stopped.");
            out.flush();
        }, "local-engine-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        out.printf("Serving on %s (127.0.0.1 only, %s). Ctrl-C to stop.%n", engine.endpoint(),
                dbPath == null ? "in memory: the tables go when it stops" : "kept in " + dbPath.toAbsolutePath());
        out.flush();
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdown);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it stops the engine
        }
    }
}
