package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.contract.Contract;
import com.bbws.dynamodb.contract.ContractException;
import com.bbws.dynamodb.contract.ContractReview;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.PlanException;
import com.bbws.dynamodb.settings.StackConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "contract",
        mixinStandardHelpOptions = true,
        description = "Generates the stack's contract with downstream services from the program (tables, keys, GSIs,"
                + " streams, outputs, SSM parameters) and compares it with contract/<stack>.json and, with --base,"
                + " with an earlier version, classifying each change as compatible, disruptive or destructive."
                + " Exit 0: up to date; 3: the file differs from the program; 4: a destructive change is not"
                + " acknowledged.")
final class ContractCommand implements Callable<Integer> {

    /** Where each stack's contract is committed, under the project folder. */
    static final String FOLDER = "contract";

    @Mixin
    StackOption stack;

    @Option(names = "--write", description = "Write the generated contract to contract/<stack>.json, keeping its"
            + " acknowledgedDestructiveChanges.")
    boolean write;

    @Option(names = "--base", paramLabel = "FILE", description = "An earlier version of the contract (the base"
            + " branch's): list every change since it, and fail on a destructive one that is not acknowledged.")
    Path base;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Cli cli;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path file = stack.projectDir.resolve(FOLDER).resolve(stack.stack + ".json").normalize();
        try {
            Optional<Contract> baseContract = Optional.empty();
            if (base != null) {
                if (!Files.isRegularFile(base)) {
                    return Cli.fail(spec, String.format("--base %s: no such file.", base), Cli.USAGE);
                }
                baseContract = Optional.of(Contract.parse(read(base), base.toString()));
            }
            Contract generated = Contract.of(OfflinePlan.of(stack.stack, stack.config(), cli.program));
            Optional<String> committed = Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
            ContractReview review = ContractReview.of(file.toString(), generated, committed, baseContract,
                    String.valueOf(base));
            if (write) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, review.expected().json(), StandardCharsets.UTF_8);
            }
            out.print(review.text(write));
            out.flush();
            return review.exitCode(write);
        } catch (StackConfigException | PlanException | ContractException e) {
            return Cli.fail(spec, e.getMessage(), Cli.INVALID);
        } catch (IOException e) {
            return Cli.fail(spec, String.format("Stack '%s': cannot read or write the contract: %s", stack.stack,
                    e.getMessage()), Cli.INVALID);
        }
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
