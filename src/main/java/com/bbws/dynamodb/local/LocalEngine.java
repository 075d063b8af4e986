package com.bbws.dynamodb.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Amazon's DynamoDB Local, in this process, reachable on 127.0.0.1 only. One database for every
 * access key and region ({@code -sharedDb}), so any client sees the same tables; no telemetry.
 */
public final class LocalEngine implements AutoCloseable {

    /** The port DynamoDB Local and the AWS docs use by default. */
    public static final int DEFAULT_PORT = 8000;
    static final String LOOPBACK = "127.0.0.1";

    private final DynamoDBProxyServer server;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalEngine(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * @param port   the port to listen on
     * @param dbPath a folder to keep the tables in, or null to keep them in memory
     */
    public static LocalEngine start(int port, Path dbPath) throws LocalEngineException {
        var args = new ArrayList<>(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)));
        if (dbPath == null) {
            args.add("-inMemory");
        } else {
            try {
                Files.createDirectories(dbPath);
            } catch (IOException e) {
                throw new LocalEngineException("Cannot create the database folder " + dbPath + ": " + e.getMessage());
            }
            args.addAll(List.of("-dbPath", dbPath.toAbsolutePath().toString()));
        }
        DynamoDBProxyServer server;
        try {
            server = quietly(() -> ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new)));
            bindToLoopback(server);
            server.start();
        } catch (LocalEngineException e) {
            throw e;
        } catch (Exception e) {
            throw new LocalEngineException(String.format(
                    "DynamoDB Local could not start on %s:%d: %s", LOOPBACK, port, rootMessage(e)));
        }
        return new LocalEngine(server, port);
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
