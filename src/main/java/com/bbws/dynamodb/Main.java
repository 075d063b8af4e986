package com.bbws.dynamodb;

import com.bbws.dynamodb.cli.Cli;
import com.bbws.dynamodb.cli.Launcher;
import com.bbws.dynamodb.startup.CommonPool;
import com.pulumi.Pulumi;

/**
 * The jar's entry point. Started by the Pulumi engine (which sets {@code PULUMI_MONITOR} and passes
 * no arguments), it runs the program as every pulumi-java program runs; started by a person with a
 * command such as {@code plan}, it runs that command on the same program.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CommonPool.ensurePulumiCanRun(); // before anything uses the common ForkJoinPool
        if (args.length == 0 && System.getenv("PULUMI_MONITOR") != null) {
            Pulumi.run(App::stack);
        } else if (Launcher.workingFolderIsUnusable()) {
            System.exit(Cli.USAGE);
        } else if (Launcher.needsTools(args)) {
            Launcher.runWithTools(Main.class, args);
        } else {
            System.exit(Cli.run(App::stack, args));
        }
    }
}
