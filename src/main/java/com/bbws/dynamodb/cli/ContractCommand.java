package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.contract.Contract;
import com.bbws.dynamodb.contract.ContractException;
import com.bbws.dynamodb.contract.ContractFile;
import com.bbws.dynamodb.contract.ContractReview;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.PlanException;
import com.bbws.dynamodb.settings.StackConfigException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
                + " streams, item schemas, outputs, SSM parameters) and compares it with contract/<stack>.json and,"
                + " with --base, with an earlier version, classifying each change as compatible, disruptive or"
                + " destructive. Exit 0: up to date; 1: the stack or the committed file is not valid; 2: a usage"
                + " error or a --base that is not this stack's contract; 3: the file differs from the program;"
                + " 4: a destructive change is not acknowledged.")
final class ContractCommand implements Callable<Integer> {

    /** Where each stack's contract is committed, under the project folder. */
    static final String FOLDER = "contract";

    @Mixin
    StackOption stack;

    @Option(names = "--write", description = "Write the generated contract to contract/<stack>.json, keeping its"
            + " acknowledgedDestructiveChanges.")
    boolean write;

    @Option(names = "--base", paramLabel = "FILE", converter = PathConverter.class, description = "An earlier version of the contract (the base"
            + " branch's): list every change since it, and fail on a destructive one that is not acknowledged.")
    Path base;

    @Spec
    CommandSpec spec;

    @ParentCommand
    Cli cli;

    /** The --base file, which must be this stack's contract: another stack's differs in every name. */
    private Contract readBase() {
        String name = "--base " + base;
        String remedy = String.format(" Give the base branch's contract of '%s' (git show origin/<base branch>:%s/%s.json).",
                stack.stack, FOLDER, stack.stack);
        try {
            String text = ContractFile.read(base, name)
                    .orElseThrow(() -> new ContractException(String.format("%s: no such file.", name)));
            return ContractReview.requireStack(Contract.parse(text, name), stack.stack, name);
        } catch (ContractException e) {
            throw new ContractException(e.getMessage() + remedy);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path file = stack.projectDir.resolve(FOLDER).resolve(stack.stack + ".json").normalize();
        try {
            Optional<Contract> baseContract = Optional.empty();
            if (base != null) {
                try {
                    baseContract = Optional.of(readBase());
                } catch (ContractException e) {
                    return Cli.fail(spec, e.getMessage(), Cli.USAGE);
                }
            }
            if (Files.isSymbolicLink(file)) {
                // --write would write wherever it leads, outside contract/ too
                return Cli.fail(spec, String.format("%s is a symbolic link; the committed contract must be a file of"
                        + " its own: remove the link, then run 'contract --stack %s --write'.", file, stack.stack),
                        Cli.INVALID);
            }
            if (write && Files.exists(file.getParent(), LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                return Cli.fail(spec, String.format("%s is not a folder: the contracts are kept in the folder %s/ of the"
                        + " project.", file.getParent(), FOLDER), Cli.INVALID);
            }
            Contract generated = Contract.of(OfflinePlan.of(stack.stack, stack.config(), cli.program),
                    BbwsTables.CATALOGUE);
            ContractReview review;
            try {
                review = ContractReview.of(file.toString(), generated, ContractFile.read(file, file.toString()),
                        baseContract, String.valueOf(base));
            } catch (ContractException e) {
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw e; // a folder or a pipe in its place: for a person to look at and remove
                }
                if (!write) {
                    throw new ContractException(String.format("%s Rewrite it with 'contract --stack %s --write'.",
                            e.getMessage(), stack.stack));
                }
                // --write repairs a damaged file: bytes that are not a contract, another stack's contract
                review = ContractReview.replacing(file.toString(), generated, e.getMessage(), baseContract,
                        String.valueOf(base));
            }
            if (write) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, review.expected().json(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
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
}
