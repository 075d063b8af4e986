package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.plan.PlanException;
import com.bbws.dynamodb.plan.PlanRenderer;
import com.bbws.dynamodb.settings.StackConfigException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "plan",
        mixinStandardHelpOptions = true,
        description = "Runs the program for a stack's Pulumi.<stack>.yaml under Pulumi's mock engine"
                + " and prints the resources and outputs it would register. No credentials, no network.")
final class PlanCommand implements Callable<Integer> {

    @Mixin
    StackOption stack;

    @Option(names = "--json", description = "Print every resource (type, name, inputs, options) and the outputs as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Cli cli;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            Plan plan = OfflinePlan.of(stack.stack, stack.config(), cli.program);
            out.print(json ? PlanRenderer.json(plan) + System.lineSeparator() : PlanRenderer.text(plan));
            out.flush();
            return Cli.OK;
        } catch (StackConfigException | PlanException e) {
            return Cli.fail(spec, e.getMessage(), Cli.INVALID);
        }
    }
}
