package com.bbws.dynamodb.delivery;

import com.bbws.dynamodb.App;
import com.bbws.dynamodb.plan.OfflinePlan;
import com.bbws.dynamodb.plan.Program;
import com.bbws.dynamodb.plan.Plan;
import com.bbws.dynamodb.settings.StackConfigFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The offline plans the delivery checks run on: each real stack file, and prod with every optional
 * feature on (once with a key the stack creates, once with a key given by ARN), since the two key
 * settings exclude each other.
 */
public final class Stacks {

    static final Path PROJECT = Path.of(".");
    public static final List<String> REAL = List.of("dev", "sit", "prod");
    static final String EVERY_FEATURE_CREATED_KEY = "prod with every feature, created key";
    static final String EVERY_FEATURE_GIVEN_KEY = "prod with every feature, given key";
    public static final List<String> EVERY_FEATURE = List.of(EVERY_FEATURE_CREATED_KEY, EVERY_FEATURE_GIVEN_KEY);

    private static final String PROD_ACCOUNT = "093646564004";
    private static final String KEY_ID = "/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final Map<String, Plan> CACHE = new HashMap<>();

    private Stacks() {
    }

    /** The plan of a real stack ("sit") or of one of the every-feature variants; planned once per test run. */
    public static synchronized Plan plan(String name) {
        return CACHE.computeIfAbsent(name, Stacks::planOf);
    }

    /** The Pulumi project's name, as Pulumi.yaml declares it: it names the stack's state objects. */
    static String projectName() {
        try (var reader = Files.newBufferedReader(PROJECT.resolve("Pulumi.yaml"))) {
            Map<?, ?> project = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return String.valueOf(project.get("name"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack name the plan runs under: the real stack's, or prod for the every-feature variants. */
    public static String stackOf(String name) {
        return REAL.contains(name) ? name : "prod";
    }

    private static Plan planOf(String name) {
        return planOf(name, App::stack);
    }

    /** The plan of a real stack or of an every-feature variant, with this program (e.g. another catalogue). */
    static Plan planOf(String name, Program program) {
        return OfflinePlan.of(stackOf(name), config(name), program);
    }

    /** The config of a real stack, or of one of the every-feature variants, keyed as the engine passes it. */
    public static Map<String, String> config(String name) {
        var config = new HashMap<>(StackConfigFile.load(PROJECT, stackOf(name)));
        if (EVERY_FEATURE.contains(name)) {
            addEveryFeature(config, name.equals(EVERY_FEATURE_CREATED_KEY));
        }
        return config;
    }

    /** Alarms, a replica with its own key, a backup vault key and a table key, on top of prod's own file. */
    private static void addEveryFeature(Map<String, String> config, boolean createKey) {
        if (createKey) {
            config.put("bbws-dynamodb:createKmsKey", "true");
        } else {
            config.put("bbws-dynamodb:kmsKeyArn", "arn:aws:kms:af-south-1:" + PROD_ACCOUNT + ":key" + KEY_ID);
        }
        config.put("bbws-dynamodb:alarms", "{\"topicArn\":\"arn:aws:sns:af-south-1:" + PROD_ACCOUNT + ":bbws-alerts\"}");
        config.put("bbws-dynamodb:replicaRegions", "[\"eu-west-1\"]");
        config.put("bbws-dynamodb:replicaKmsKeyArns",
                "{\"eu-west-1\":\"arn:aws:kms:eu-west-1:" + PROD_ACCOUNT + ":key" + KEY_ID + "\"}");
        config.put("bbws-dynamodb:backup",
                "{\"vaultKmsKeyArn\":\"arn:aws:kms:af-south-1:" + PROD_ACCOUNT + ":key" + KEY_ID + "\"}");
        config.put("bbws-dynamodb:tags", "{\"DataClassification\":\"confidential\"}");
    }
}
