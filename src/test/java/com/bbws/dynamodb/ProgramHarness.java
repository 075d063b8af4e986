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

    private final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();
    private MockMonitor monitor;

    public TestResult run(String stack, Map<String, String> config, Consumer<Context> program) {
        return PulumiTestInternal.builder()
                .options(TestOptions.builder().projectName("bbws-dynamodb").stackName(stack).build())
                .config(config)
                .mocks(this)
                .monitorDecorator(defaultMonitor -> monitor = spy(defaultMonitor))
                .build()
                .runTest(program);
    }

    /** Answers like the AWS provider: the inputs back, plus the attributes AWS computes. */
    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
        if (!"aws:dynamodb/table:Table".equals(args.type)) {
            throw new IllegalArgumentException("The program registered an unexpected resource type: " + args.type);
        }
        registered.add(args);
        String name = (String) args.inputs.get("name");
        var state = new java.util.HashMap<String, Object>(args.inputs);
        state.put("arn", "arn:aws:dynamodb:test-region:000000000000:table/" + name);
        if (Boolean.TRUE.equals(args.inputs.get("streamEnabled"))) {
            state.put("streamArn", "arn:aws:dynamodb:test-region:000000000000:table/" + name + "/stream/label");
        }
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(name + "-id"), state));
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
