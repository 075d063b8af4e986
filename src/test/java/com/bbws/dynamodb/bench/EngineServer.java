package com.bbws.dynamodb.bench;

import com.bbws.dynamodb.engine.EngineDouble;
import com.bbws.dynamodb.engine.LanguageHost;
import com.google.gson.Gson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The gRPC engine double for the benchmark's "program under a gRPC engine" subjects: serves a
 * preview of a stack until its standard input closes, after printing (one JSON line) the variables
 * the language host gives the program. The benchmark times each {@code java -jar} run with them.
 * For each line it reads, it prints (one JSON line) the calls that arrived since the last such
 * line: {@code [{"epochMillis": ..., "method": "RegisterResource"}, ...]}.
 *
 * <pre>EngineServer [stack]      (default sit)</pre>
 */
public final class EngineServer {

    private EngineServer() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        String stack = args.length > 0 ? args[0] : "sit";
        String[] target = switch (stack) {
            case "dev" -> new String[] {"eu-west-1", "536580886816"};
            case "prod" -> new String[] {"af-south-1", "093646564004"};
            default -> new String[] {"eu-west-1", "815856636111"};
        };
        try (var engine = new EngineDouble("bbws-dynamodb", stack, target[0], target[1])) {
            System.out.println(new Gson().toJson(LanguageHost.environment(engine, "bbws-dynamodb", stack)));
            System.out.flush();
            var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            int printed = 0;
            while (input.readLine() != null) { // served until the benchmark closes our input
                List<EngineDouble.Call> calls = engine.calls();
                System.out.println(new Gson().toJson(calls.subList(printed, calls.size())));
                System.out.flush();
                printed = calls.size();
            }
            if (!engine.errors().isEmpty()) {
                System.err.println("The program logged errors: " + engine.errors());
                System.exit(1);
            }
        }
    }
}
