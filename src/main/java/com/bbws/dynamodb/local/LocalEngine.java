package com.bbws.dynamodb.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.bbws.dynamodb.validate.AwsClients;
import com.bbws.dynamodb.validate.CallFailures;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Amazon's DynamoDB Local, in this process, reachable on 127.0.0.1 only. One database for every
 * access key and region ({@code -sharedDb}), so any client sees the same tables; no telemetry.
 */
public final class LocalEngine implements AutoCloseable {

    /** The port DynamoDB Local and the AWS docs use by default. */
    public static final int DEFAULT_PORT = 8000;
    /** DynamoDB Local takes a TCP port of 1 to 65535; 0 (any free port) is refused. */
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    /**
     * sqlite4java, under DynamoDB Local, logs every failure of the database with a stack trace
     * through java.util.logging (to the console, by the root logger's handler); the command reports
     * what it could not do in one line instead. Its records are kept from the root's handler:
     * DynamoDB Local sets the logger's level itself, so a level would not hold. Held here, as the
     * log manager keeps loggers only weakly.
     */
    static final Logger SQLITE4JAVA = Logger.getLogger("com.almworks.sqlite4java");

    static {
        SQLITE4JAVA.setUseParentHandlers(false);
    }
    static final String LOOPBACK = "127.0.0.1";

    private final DynamoDBProxyServer server;
    private final int port;
    /** Held on the --db-path folder while the engine serves it; null in memory. */
    private final FolderLock folderLock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalEngine(DynamoDBProxyServer server, int port, FolderLock folderLock) {
        this.server = server;
        this.port = port;
        this.folderLock = folderLock;
    }

    /**
     * @param port   the port to listen on
     * @param dbPath a folder to keep the tables in, or null to keep them in memory
     */
    public static LocalEngine start(int port, Path dbPath) throws LocalEngineException {
        if (port < MIN_PORT || port > MAX_PORT) {
            // the command line refuses these; DynamoDB Local would print its own message and half start
            throw new IllegalArgumentException("Not a port: " + port);
        }
        requireWritableNativeFolder();
        var args = new ArrayList<>(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)));
        Path folder = dbPath == null ? null : DatabaseFolder.prepare(dbPath);
        FolderLock folderLock = null;
        if (folder == null) {
            args.add("-inMemory");
        } else {
            folderLock = FolderLock.acquire(folder);
            args.addAll(List.of("-dbPath", folder.toString()));
        }
        DynamoDBProxyServer server;
        try {
            server = quietly(() -> ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new)));
            bindToLoopback(server);
            server.start();
        } catch (Exception e) {
            if (folderLock != null) {
                folderLock.close();
            }
            if (e instanceof LocalEngineException engineException) {
                throw engineException;
            }
            throw new LocalEngineException(String.format(
                    "DynamoDB Local could not start on %s:%d: %s", LOOPBACK, port, rootMessage(e)));
        }
        var engine = new LocalEngine(server, port, folderLock);
        if (folder != null) {
            try {
                engine.requireReadableDatabase(folder.resolve(DatabaseFolder.SHARED_DB_FILE));
            } catch (LocalEngineException e) {
                engine.close();
                throw e;
            }
        }
        return engine;
    }

    /**
     * DynamoDB Local unpacks its SQLite library into this folder on its first request; where it
     * cannot, it prints stack traces and answers every request with an error page.
     */
    private static void requireWritableNativeFolder() throws LocalEngineException {
        // the property SQLiteLibraryLoader reads, then the JVM's temporary folder
        Path folder = Path.of(System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir")));
        var unwritable = DatabaseFolder.whyNotWritable(folder);
        if (unwritable.isPresent()) {
            throw new LocalEngineException(String.format("DynamoDB Local cannot unpack its SQLite library into %s"
                    + " (the JVM's temporary folder, java.io.tmpdir): %s.", folder, unwritable.get()));
        }
    }

    /**
     * An SQLite file that is damaged where its schema is not passes {@link DatabaseFolder}'s look at its
     * header and tables, and DynamoDB Local then answers every request with "unknown error": one request
     * finds out.
     */
    private void requireReadableDatabase(Path database) throws LocalEngineException {
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(endpoint(), "eu-west-1")) {
            try {
                dynamo.listTables(b -> b.limit(1));
            } catch (DynamoDbException e) {
                throw new LocalEngineException(String.format("%s is not a DynamoDB Local database it can read"
                        + " (HTTP %d to ListTables): it may be damaged; move it away, or choose another --db-path.",
                        database, e.statusCode()));
            } catch (SdkClientException e) {
                throw new LocalEngineException(CallFailures.describe(e, endpoint().toString(), "ListTables", dynamo));
            }
        }
    }

    /** Starts on a free port, in memory: for tests, which must not collide with each other. */
    public static LocalEngine startOnFreePort() throws LocalEngineException {
        return start(freePort(), null);
    }

    public URI endpoint() {
        return URI.create("http://" + LOOPBACK + ":" + port);
    }

    /** Stops the engine; again (the shutdown hook and the command both close it) does nothing. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        } finally {
            if (folderLock != null) {
                folderLock.close();
            }
        }
    }

    /**
     * DynamoDB Local 2.6.1 listens on every interface and has no option to change that. Its Jetty
     * connector is set to loopback before start, so the tables are not exposed to the network.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws LocalEngineException {
        try {
            Field field = DynamoDBProxyServer.class.getDeclaredField("server");
            field.setAccessible(true);
            Server jetty = (Server) field.get(proxy);
            for (Connector connector : jetty.getConnectors()) {
                ((ServerConnector) connector).setHost(LOOPBACK);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new LocalEngineException("This DynamoDB Local version cannot be bound to " + LOOPBACK
                    + " (" + e + "); refusing to serve the tables on every network interface.");
        }
    }

    /** DynamoDB Local prints its configuration to standard output; the command prints its own summary. */
    private static DynamoDBProxyServer quietly(Callable<DynamoDBProxyServer> create) throws Exception {
        PrintStream terminal = System.out;
        var banner = new ByteArrayOutputStream();
        synchronized (System.class) {
            System.setOut(new PrintStream(banner, true, StandardCharsets.UTF_8));
            try {
                return create.call();
            } finally {
                System.setOut(terminal);
            }
        }
    }

    private static int freePort() throws LocalEngineException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalEngineException("No free port on " + LOOPBACK + ": " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }
}
