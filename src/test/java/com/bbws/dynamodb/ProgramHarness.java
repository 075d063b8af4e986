package com.bbws.dynamodb;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;

import com.pulumi.Context;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.mockito.ArgumentCaptor;
import pulumirpc.Resource.RegisterResourceRequest;

/**
 * Runs a program under Pulumi's own mock engine with a stack's config, as any Pulumi unit test
 * would, and keeps what reached the engine: the inputs the mocks received and the raw
 * registration requests (which carry options such as {@code protect}).
 */
public final class ProgramHarness implements Mocks {

    /**
     * The SDK's own log: it repeats each error the tests assert on (from the run's result) as a SEVERE line,
     * dozens of which would bury a real failure in the build's output.
     */
    private static final java.util.logging.Logger QUIET = quiet();

    private static java.util.logging.Logger quiet() {
        var logger = java.util.logging.Logger.getLogger(ProgramHarness.class.getName() + ".engine");
        logger.setUseParentHandlers(false);
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }

    private final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();
    private MockMonitor monitor;

    public TestResult run(String stack, Map<String, String> config, Consumer<Context> program) {
        return run(stack, config, Set.of(), program);
    }

    /** @param secretKeys the keys of the config that hold secrets, as the engine lists them */
    public TestResult run(String stack, Map<String, String> config, Set<String> secretKeys, Consumer<Context> program) {
        return PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName("bbws-dynamodb").stackName(stack).build())
                .config(config, secretKeys)
                .mocks(this)
                .standardLogger(QUIET)
                .monitorDecorator(defaultMonitor -> monitor = spy(defaultMonitor))
                .build()
                .runTest(program);
    }

    /** Answers like the AWS provider: the inputs back, plus the attributes AWS computes. */
    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        registered.add(args);
        String name = args.inputs.containsKey("name") ? String.valueOf(args.inputs.get("name")) : args.name;
        var state = new java.util.HashMap<String, Object>(args.inputs);
        switch (args.type) {
            case "aws:dynamodb/table:Table" -> {
                state.put("arn", "arn:aws:dynamodb:test-region:000000000000:table/" + name);
                if (Boolean.TRUE.equals(args.inputs.get("streamEnabled"))) {
                    state.put("streamArn", "arn:aws:dynamodb:test-region:000000000000:table/" + name + "/stream/label");
                }
                if (args.inputs.get("replicas") instanceof List<?> replicas) {
                    state.put("replicas", replicas.stream().map(replica -> {
                        var withArns = new java.util.HashMap<String, Object>((Map<String, Object>) replica);
                        String arn = "arn:aws:dynamodb:" + withArns.get("regionName") + ":000000000000:table/" + name;
                        withArns.put("arn", arn);
                        withArns.put("streamArn", arn + "/stream/label");
                        return withArns;
                    }).toList());
                }
            }
            case "aws:backup/vault:Vault", "aws:backup/plan:Plan", "aws:backup/selection:Selection",
                    "aws:iam/role:Role", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                    "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:kms/key:Key", "aws:ssm/parameter:Parameter" -> state.put("arn", "arn:test:" + args.type + ":" + name);
            default -> throw new IllegalArgumentException("The program registered an unexpected resource type: "
                    + args.type);
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(name + "-id"), state));
    }

    /** The registered resources of one type, in registration order. */
    public List<ResourceArgs> registeredOfType(String type) {
        return registered.stream().filter(args -> type.equals(args.type)).toList();
    }

    /** The registered DynamoDB tables, in registration order. */
    public List<ResourceArgs> tables() {
        return registeredOfType("aws:dynamodb/table:Table");
    }

    public List<ResourceArgs> registered() {
        return List.copyOf(registered);
    }

    public ResourceArgs registered(String logicalName) {
        return registered.stream().filter(args -> logicalName.equals(args.name)).findFirst()
                .orElseThrow(() -> new AssertionError("No resource named " + logicalName + " was registered"));
    }

    /** The registration request the engine received for a logical name (never the root stack). */
    public RegisterResourceRequest request(String logicalName) {
        var captor = ArgumentCaptor.forClass(RegisterResourceRequest.class);
        verify(monitor, atLeast(1)).registerResourceAsync(any(), captor.capture());
        return captor.getAllValues().stream().filter(request -> request.getName().equals(logicalName))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No registration request for " + logicalName));
    }

    public static void cleanup() {
        PulumiTest.cleanup();
    }
}
