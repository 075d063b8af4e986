package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.plan.Program;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The commands a person runs with {@code java -jar target/bbws-dynamodb.jar}. */
@Command(name = "bbws-dynamodb",
        mixinStandardHelpOptions = true,
        version = "bbws-dynamodb 1.0.0",
        description = "The BBWS platform's DynamoDB tables. Without a command, under the Pulumi engine,"
                + " it runs the Pulumi program.",
        subcommands = {PlanCommand.class, LocalCommand.class, ValidateCommand.class, ContractCommand.class})
public final class Cli implements Runnable {

    // docs/operations.md's "Exit codes" table lists these per command; validate has its own (ValidationReport),
    // contract adds two (ContractReview).

    /** Exit code of a command that did its job. */
    public static final int OK = 0;
    /** Exit code when the stack's config or the definitions are wrong, or (local) a table conflicts. */
    public static final int INVALID = 1;
    /** Exit code when the command line is wrong (picocli's own). */
    public static final int USAGE = 2;
    /** Exit code when an engine could not be started or reached, or its database folder cannot be used. */
    public static final int UNAVAILABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The program that plan and contract run (the subcommands reach it as their parent command's). */
    final Program program;

    private Cli(Program program) {
        this.program = program;
    }

    /** Runs a command line for the program on the process's terminal and returns its exit code. */
    public static int run(Program program, String... args) {
        return new CommandLine(new Cli(program)).execute(args);
    }

    /** Runs a command line for the program writing to the given streams and returns its exit code. */
    public static int run(Program program, PrintWriter out, PrintWriter err, String... args) {
        return run(program, CommandLine.defaultFactory(), out, err, args);
    }

    /** As {@link #run(Program, PrintWriter, PrintWriter, String...)}, with the commands built by the factory (tests). */
    static int run(Program program, CommandLine.IFactory factory, PrintWriter out, PrintWriter err, String... args) {
        return new CommandLine(new Cli(program), factory).setOut(out).setErr(err).execute(args);
    }

    /** Prints a message for the user on the command's error stream (no stack trace) and returns the exit code. */
    static int fail(CommandLine.Model.CommandSpec spec, String message, int exitCode) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(message);
        err.flush();
        return exitCode;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a command, e.g. 'plan --stack sit'.");
    }
}
