package com.bbws.dynamodb.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a checker from tools/node_modules (installed by the build's `npm ci`) and keeps what it said. */
final class NodeChecker {

    record Result(int exitCode, String output) {
    }

    private NodeChecker() {
    }

    /** @param script the checker's entry point under tools/node_modules */
    static Result run(Path workingDir, String script, Path stdin, String... args) throws IOException, InterruptedException {
        return runScript(workingDir, Path.of("tools", "node_modules").resolve(script), stdin, args);
    }

    /** @param script a script of this project's own, e.g. tools/iam-simulate.cjs (it resolves its modules in tools/) */
    static Result runScript(Path workingDir, Path script, Path stdin, String... args)
            throws IOException, InterruptedException {
        Path entry = script.toAbsolutePath();
        if (!Files.exists(entry)) {
            throw new IllegalStateException(entry + " is missing: the build installs the checkers with `npm ci` in tools/");
        }
        var command = new ArrayList<>(List.of("node", entry.toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), output);
    }
}
