package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.App;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command line run in this JVM on the platform's program, with its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        return of(CommandLine.defaultFactory(), args);
    }

    /** With the commands built by the factory: e.g. validate with its AWS clients pointed at WireMock. */
    static CliRun of(CommandLine.IFactory factory, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int exitCode = Cli.run(App::stack, factory, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
