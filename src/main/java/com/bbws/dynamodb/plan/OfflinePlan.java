package com.bbws.dynamodb.plan;

import com.bbws.dynamodb.settings.ConfigSource;
import com.bbws.dynamodb.settings.Setting;
import com.bbws.dynamodb.settings.StackConfigException;
import com.google.gson.JsonParser;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the real program for a stack's config through Pulumi's in-process mock engine: no
 * credentials, no network, no Pulumi CLI. What it registers is what {@code pulumi preview} would see.
 */
public final class OfflinePlan {

    private OfflinePlan() {
    }

    /** Plans the program for a config map keyed as the engine passes it. */
    public static Plan of(String stack, Map<String, String> config, Program program) {
        return of(stack, ConfigSource.of(config), program);
    }

    /**
     * Plans the program, e.g. for a stack file ({@code StackConfigFile.read}).
     *
     * @throws StackConfigException when the program refuses the stack's config
     * @throws PlanException        when the program fails in any other way
     */
    public static Plan of(String stack, ConfigSource config, Program program) {
        String region = config.get(Setting.AWS, Setting.REGION.key()).orElse("<no region>");
        String accountId = firstAccountId(config.get(Setting.AWS, Setting.ALLOWED_ACCOUNT_IDS.key()).orElse(null));
        var engineConfig = new LinkedHashMap<String, String>();
        config.keys().stream().filter(key -> !config.hiddenKeys().contains(key)).forEach(key -> engineConfig.put(key,
                config.get(key.substring(0, key.indexOf(':')), key.substring(key.indexOf(':') + 1)).orElseThrow()));
        var mocks = new PredictingMocks(region, accountId);
        // declaration order and protect, as the program's constructors ran (registration is asynchronous)
        var declared = Collections.synchronizedMap(new LinkedHashMap<String, Boolean>());
        ResourceTransformation recordOptions = args -> {
            declared.put(args.resource().pulumiResourceName(), args.options().isProtect());
            return Optional.empty();
        };
        TestResult result;
        try {
            result = PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .projectName(Setting.PROJECT)
                            .stackName(stack)
                            .resourceTransformations(List.of(recordOptions))
                            .build())
                    .standardLogger(quietLogger())
                    .config(engineConfig)
                    .mocks(mocks)
                    .build()
                    .runTest(ctx -> program.run(ctx, config));
            failOnError(result);
            var order = new HashMap<String, Integer>();
            declared.keySet().forEach(name -> order.put(name, order.size()));
            var resources = mocks.registered().stream()
                    .sorted(Comparator.comparingInt(args -> order.getOrDefault(args.name, order.size())))
                    .map(args -> new PlannedResource(args.type, args.name, wholeNumbers(args.inputs),
                            Boolean.TRUE.equals(declared.get(args.name)),
                            // the mock engine passes the import option as the resource's id
                            args.id == null || args.id.isEmpty() ? null : args.id))
                    .toList();
            var outputs = new LinkedHashMap<String, Object>();
            result.outputs().forEach((name, output) -> outputs.put(name, PulumiTest.extractValue(output)));
            return new Plan(stack, region, accountId, resources, outputs, notCheckedOffline(config));
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** What the plan could not check because the value is a secret, which only the engine decrypts. */
    static List<String> notCheckedOffline(ConfigSource config) {
        return config.hiddenKeys().stream().sorted().map(key -> Setting.byFullKey(key)
                .map(setting -> String.format("%s is a secret (secure:), shown as %s: whether it is %s is checked"
                        + " only under the Pulumi engine, which decrypts it.", key, ConfigSource.SECRET,
                        setting.checkedValue()))
                .orElse(String.format("%s is a secret (secure:) for the AWS provider; the plan does not read it.", key)))
                .toList();
    }

    /** The engine carries every number as a double; whole numbers read better as such (90, not 90.0). */
    @SuppressWarnings("unchecked")
    static <T> T wholeNumbers(T value) {
        if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
            return (T) (Long) number.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<Object, Object>();
            map.forEach((k, v) -> copy.put(k, wholeNumbers(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(OfflinePlan::wholeNumbers).toList();
        }
        return value;
    }

    private static void failOnError(TestResult result) {
        for (Exception exception : result.exceptions()) {
            Throwable cause = exception;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof StackConfigException configError) {
                throw configError;
            }
        }
        if (!result.exceptions().isEmpty() || result.exitCode() != 0) {
            var messages = new ArrayList<String>();
            result.exceptions().forEach(e -> messages.add(String.valueOf(e.getMessage())));
            messages.addAll(result.errors());
            throw new PlanException("The program failed under the mock engine: " + String.join("; ", messages));
        }
    }

    private static String firstAccountId(String allowedAccountIds) {
        try {
            return JsonParser.parseString(allowedAccountIds).getAsJsonArray().get(0).getAsString();
        } catch (RuntimeException e) {
            return "<no account>";
        }
    }

    /** The engine's own log lines repeat what the plan reports; keep them off the terminal. */
    private static Logger quietLogger() {
        Logger logger = Logger.getLogger(OfflinePlan.class.getName() + ".engine");
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.OFF);
        return logger;
    }
}
