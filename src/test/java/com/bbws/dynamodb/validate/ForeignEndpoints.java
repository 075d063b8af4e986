package com.bbws.dynamodb.validate;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Real endpoints that are not DynamoDB, on loopback: what a user can point --endpoint at by mistake. */
public final class ForeignEndpoints {

    private ForeignEndpoints() {
    }

    /** An HTTP server that answers every request with this status, content type and body. */
    public static HttpServer answering(int status, String contentType, String body) throws IOException {
        var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    public static URI endpoint(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * A port that accepts connections and never answers: the kernel completes every connection
     * into the backlog, and nothing ever reads or writes on them.
     */
    public static ServerSocket silent() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    public static URI endpoint(ServerSocket socket) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
}
