package com.bbws.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.startup.JarProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A config mistake under the real engine path: the packaged jar, launched as the Pulumi CLI launches it,
 * reads PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS itself, refuses the mistake with its one message
 * (no stack trace) and registers nothing but the stack.
 */
class BadConfigUnderEngineIT {

    private static final String SIT = "\"aws:region\":\"eu-west-1\",\"aws:allowedAccountIds\":\"[\\\"815856636111\\\"]\","
            + "\"bbws-dynamodb:environment\":\"sit\"";

    private static JarProcess.Finished preview(EngineDouble engine, String config, String secretKeys) throws Exception {
        var launch = LanguageHost.preview(Path.of(System.getProperty("java.home")), engine, "bbws-dynamodb", "sit");
        launch.environment().put("PULUMI_CONFIG", "{" + config + "}");
        launch.environment().put("PULUMI_CONFIG_SECRET_KEYS", secretKeys);
        return JarProcess.run(launch, Duration.ofSeconds(90));
    }

    @Test
    void a_misspelt_namespace_is_refused_by_the_program_under_the_engine() throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", "sit", "eu-west-1", "815856636111")) {
            JarProcess.Finished run = preview(engine, SIT + ",\"bbws-dynamdb:deletionProtection\":\"true\"", "[]");

            assertThat(run.exitCode()).isNotZero();
            assertThat(String.join("\n", engine.errors())).contains("Stack 'sit': bbws-dynamdb:deletionProtection:"
                    + " unknown namespace 'bbws-dynamdb'");
            assertThat(run.err() + run.out()).doesNotContain("\tat ");
            assertThat(engine.registrations(EngineDouble.TABLE_TYPE)).isEmpty();
        }
    }

    @Test
    void a_secret_the_engine_decrypted_is_checked_and_never_echoed() throws Exception {
        try (var engine = new EngineDouble("bbws-dynamodb", "sit", "eu-west-1", "815856636111")) {
            JarProcess.Finished run = preview(engine, SIT + ",\"bbws-dynamodb:kmsKeyArn\":\"hunter2\"",
                    "[\"bbws-dynamodb:kmsKeyArn\"]");

            assertThat(run.exitCode()).isNotZero();
            String errors = String.join("\n", engine.errors());
            assertThat(errors).contains("bbws-dynamodb:kmsKeyArn: the secret value is not a KMS key ARN");
            assertThat(errors + run.err() + run.out()).doesNotContain("hunter2");
            assertThat(engine.registrations(EngineDouble.TABLE_TYPE)).isEmpty();
        }
    }
}
