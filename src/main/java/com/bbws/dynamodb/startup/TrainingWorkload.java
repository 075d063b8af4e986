package com.bbws.dynamodb.startup;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.cli.Cli;
import com.pulumi.Pulumi;

/**
 * What the archive's training JVM runs ({@link ArchiveTraining}), started with the jar as its class
 * path, as the tuned JVM will be: the offline plan of sit, then, when an engine is given
 * ({@code PULUMI_MONITOR}, from the build's gRPC engine double), the program under that engine as
 * {@code pulumi preview} runs it. One JVM, so the archive holds the classes and profiles of both
 * paths: the mock engine's and gRPC's (netty).
 */
public final class TrainingWorkload {

    private TrainingWorkload() {
    }

    public static void main(String[] args) {
        CommonPool.ensurePulumiCanRun(); // first, as in App.main
        int planExit = Cli.run(ArchiveTraining.TRAINING_COMMAND.toArray(String[]::new));
        if (planExit != 0 || System.getenv("PULUMI_MONITOR") == null) {
            System.exit(planExit);
        }
        Pulumi.run(App::stack); // exits with the program's exit code
    }
}
