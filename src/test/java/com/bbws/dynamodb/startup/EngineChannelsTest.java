package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.engine.EngineDouble;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.ManagedChannelProvider;
import java.util.List;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.ResourceMonitorGrpc;

/**
 * The channels pulumi-java opens to the engine (ManagedChannelBuilder.forTarget, as its GrpcMonitor
 * and GrpcEngine do) run on the program's own event loop, which {@link EngineChannels#close} ends:
 * no thread of it is left, in native code or elsewhere, when the JVM exits.
 */
class EngineChannelsTest {

    @Test
    void the_sdk_gets_its_channels_from_the_programs_provider() {
        assertThat(ManagedChannelProvider.provider()).isInstanceOf(EngineChannels.class);
    }

    @Test
    void a_channel_works_on_the_programs_loop_and_close_ends_the_loop() throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", "sit", "eu-west-1", "815856636111")) {
            ManagedChannel channel = ManagedChannelBuilder.forTarget(engine.address()).usePlaintext().build();

            boolean supported = ResourceMonitorGrpc.newBlockingStub(channel)
                    .supportsFeature(SupportsFeatureRequest.newBuilder().setId("resourceReferences").build()).getHasSupport();

            assertThat(supported).isTrue();
            assertThat(loopThreads()).as("the program's event loop serves the channel").isNotEmpty();

            List<Thread> threads = loopThreads();
            EngineChannels.close();

            for (Thread thread : threads) {
                thread.join(2_000); // a thread ends just after its loop reports termination
            }
            assertThat(loopThreads()).as("threads of the loop still alive after close").isEmpty();
            channel.shutdownNow();
        }
    }

    @Test
    void close_without_any_channel_does_nothing() {
        EngineChannels.close();

        assertThat(loopThreads()).isEmpty();
    }

    private static List<Thread> loopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(EngineChannels.THREAD_NAME) && thread.isAlive())
                .toList();
    }
}
