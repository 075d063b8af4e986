package com.bbws.dynamodb;

import com.bbws.dynamodb.contract.Contract;
import com.bbws.dynamodb.contract.ContractFile;
import com.bbws.dynamodb.contract.ContractReview;
import com.bbws.dynamodb.delivery.DeployPolicies;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.schemas.ItemJsonSchema;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.startup.CommonPool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes every committed file generated from the catalogue and the stacks' settings: each stack's contract
 * (contract/, keeping its acknowledgedDestructiveChanges), the CI roles' policies (deploy/iam/, removing
 * a file no stack needs any more) and each table's item schema (schemas/, removing a table's that is gone).
 * Says which files changed and which did not; the tests fail, naming {@link #COMMAND}, when a committed file
 * differs from what it would write.
 */
public final class Regenerate {

    /** The one command that regenerates every generated file (pom profile `regenerate`). */
    public static final String COMMAND = "./mvnw -B -P regenerate -DskipTests package";

    private static final List<String> STACKS = List.of("dev", "sit", "prod");
    private static final Path PROJECT = Path.of(".");
    private static final Path CONTRACTS = Path.of("contract");
    private static final Path IAM = Path.of("deploy", "iam");
    private static final Path SCHEMAS = Path.of(ItemJsonSchema.FOLDER);

    private Regenerate() {
    }

    public static void main(String[] args) throws IOException {
        CommonPool.ensurePulumiCanRun(); // the offline plans run Pulumi's mock engine in this JVM
        var files = new LinkedHashMap<Path, String>();
        for (String stack : STACKS) {
            files.put(CONTRACTS.resolve(stack + ".json"), contract(stack));
        }
        files.putAll(DeployPolicies.generated());
        files.putAll(itemSchemas());
        for (String line : write(files, IAM, SCHEMAS)) {
            System.out.println(line);
        }
    }

    /** The contract the program generates for the stack, with the committed file's acknowledgements. */
    static String contract(String stack) throws IOException {
        Path file = CONTRACTS.resolve(stack + ".json");
        Contract generated = Contract.of(OfflinePlan.of(stack, StackConfigFile.read(PROJECT, stack), App::stack),
                BbwsTables.CATALOGUE);
        return ContractReview.of(file.toString(), generated, ContractFile.read(file, file.toString()), Optional.empty(),
                "").expected().json();
    }

    /** Each table's item schema, by its path under schemas/. */
    public static Map<Path, String> itemSchemas() {
        var files = new LinkedHashMap<Path, String>();
        ItemJsonSchema.of(BbwsTables.CATALOGUE).forEach((name, text) -> files.put(SCHEMAS.resolve(name), text));
        return files;
    }

    /**
     * Writes each file whose content differs, and removes the files under the {@code owned} folders that are
     * not among them; one line per file: "changed", "unchanged", "new" or "removed", and a last line of totals.
     */
    static List<String> write(Map<Path, String> files, Path... owned) throws IOException {
        var lines = new java.util.ArrayList<String>();
        int changed = 0;
        for (var file : files.entrySet()) {
            Path path = file.getKey();
            boolean exists = Files.isRegularFile(path);
            if (exists && Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                lines.add("unchanged " + path);
                continue;
            }
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            lines.add((exists ? "changed   " : "new       ") + path);
            changed++;
        }
        var stale = new TreeSet<Path>();
        for (Path folder : owned) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> walk = Files.walk(folder)) {
                    walk.filter(Files::isRegularFile).filter(path -> !files.containsKey(path)).forEach(stale::add);
                }
            }
        }
        for (Path path : stale) {
            Files.delete(path);
            lines.add("removed   " + path);
            changed++;
        }
        lines.add(String.format("%d of %d generated files changed%s.", changed, files.size() + stale.size(),
                changed == 0 ? "" : ": review and commit them"));
        return lines;
    }
}
