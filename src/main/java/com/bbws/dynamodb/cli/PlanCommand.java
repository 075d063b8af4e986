package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlanException;
import com.bbws.dynamodb.plan.PlanRenderer;
import com.bbws.dynamodb.plan.StackConfigFile;
import com.bbws.dynamodb.settings.StackConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = "Runs the program for a stack's Pulumi.<stack>.yaml under Pulumi's mock engine"
                + " and prints the resources and outputs it would register. No credentials, no network.")
final class PlanCommand implements Callable<Integer> {

    @Option(names = "--stack", required = true, description = "The stack: dev, sit or prod.")
    String stack;

    @Option(names = "--json", description = "Print every resource (type, name, inputs, options) and the outputs as JSON.")
    boolean json;

    @Option(names = "--project-dir", defaultValue = ".",
            description = "The folder holding Pulumi.yaml and the stack files (default: ${DEFAULT-VALUE}).")
    Path projectDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Plan plan = OfflinePlan.of(stack, StackConfigFile.load(projectDir, stack));
            out.print(json ? PlanRenderer.json(plan) + System.lineSeparator() : PlanRenderer.text(plan));
            out.flush();
            return Cli.OK;
        } catch (StackConfigException | PlanException e) {
            err.println(e.getMessage());
            err.flush();
            return Cli.INVALID;
        }
    }
}
