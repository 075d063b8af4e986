package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.engine.EngineDouble;
import com.bbws.dynamodb.engine.LanguageHost;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The program's engine channels (EngineChannels) where Netty has no native transport (macOS, or a
 * Linux without it): the same preview, on NIO. The epoll path is every other engine test's.
 */
class EngineChannelsIT {

    @Test
    void without_netty_native_transport_a_preview_runs_on_nio() throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", "sit", "eu-west-1", "815856636111")) {
            var preview = LanguageHost.preview(Path.of(System.getProperty("java.home")), engine, "bbws-dynamodb", "sit");
            preview.environment().put("JDK_JAVA_OPTIONS", "-Dio.grpc.netty.shaded.io.netty.transport.noNative=true");

            JarProcess.Finished run = JarProcess.run(preview, Duration.ofSeconds(60));

            assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
            assertThat(engine.errors()).isEmpty();
            assertThat(engine.registrations(EngineDouble.TABLE_TYPE)).hasSize(3);
            assertThat(engine.stackOutputs()).isPresent();
        }
    }
}
