package com.bbws.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.startup.JarProcess;
import com.google.gson.Gson;
import com.google.protobuf.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.LogSeverity;
import pulumirpc.Resource.RegisterResourceRequest;

/**
 * A stack whose customer managed key is given as a secret ({@code pulumi config set --secret
 * bbws-dynamodb:kmsKeyArn ...}): the packaged jar, launched as the Pulumi CLI launches it, with the
 * decrypted value in PULUMI_CONFIG and its key in PULUMI_CONFIG_SECRET_KEYS, sends the key's ARN to the
 * engine only inside the secret signature (what the engine encrypts in the state and hides in diffs), in a
 * preview and in an update alike.
 */
class SecretConfigUnderEngineIT {

    private static final String PROJECT = "bbws-dynamodb";
    private static final String KEY = "arn:aws:kms:af-south-1:093646564004:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String REPLICA_KEY = "arn:aws:kms:eu-west-1:093646564004:key/abcd1234-12ab-34cd-56ef-1234567890ab";

    /** Pulumi.prod.yaml with a customer managed key given by ARN, which needs a key for its eu-west-1 replicas. */
    private static Map<String, String> prodWithSecretKey() {
        var config = new LinkedHashMap<>(LanguageHost.config(Path.of(""), "prod"));
        config.put("bbws-dynamodb:kmsKeyArn", KEY);
        config.put("bbws-dynamodb:replicaKmsKeyArns", "{\"eu-west-1\":\"" + REPLICA_KEY + "\"}");
        return config;
    }

    @ParameterizedTest(name = "dry run {0}")
    @ValueSource(booleans = {true, false})
    void the_secret_key_arn_reaches_the_engine_only_inside_the_secret_signature(boolean dryRun) throws Exception {
        try (var engine = new EngineDouble(PROJECT, "prod", "af-south-1", "093646564004")) {
            var launch = LanguageHost.preview(Path.of(System.getProperty("java.home")), engine, PROJECT, "prod");
            launch.environment().put("PULUMI_CONFIG", new Gson().toJson(prodWithSecretKey()));
            launch.environment().put("PULUMI_CONFIG_SECRET_KEYS", "[\"bbws-dynamodb:kmsKeyArn\"]");
            launch.environment().put("PULUMI_DRY_RUN", String.valueOf(dryRun));
            JarProcess.Finished run = JarProcess.run(launch, Duration.ofSeconds(90));

            assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isZero();
            assertThat(engine.errors()).isEmpty();
            List<RegisterResourceRequest> tables = engine.registrations(EngineDouble.TABLE_TYPE);
            assertThat(tables).hasSize(Expected.tables().size()).allSatisfy(table -> {
                Value key = table.getObject().getFieldsOrThrow("serverSideEncryption").getStructValue()
                        .getFieldsOrThrow("kmsKeyArn");
                assertThat(SecretSignature.isSecret(key)).as("kmsKeyArn of %s is a secret", table.getName()).isTrue();
                assertThat(SecretSignature.reveal(key).getStringValue()).isEqualTo(KEY);
            });
            // the whole request, every field, with its secrets taken out: the ARN is nowhere else
            assertThat(engine.registrations()).hasSizeGreaterThan(Expected.tables().size()).allSatisfy(request ->
                    assertThat(SecretSignature.inClear(request, KEY))
                            .as("%s %s carries the key's ARN in clear", request.getType(), request.getName()).isFalse());
            assertThat(engine.registrations()).filteredOn(request ->
                    SecretSignature.secrets(request.getObject()).stream().anyMatch(secret ->
                            SecretSignature.reveal(secret).getStringValue().equals(KEY)))
                    .as("the requests carrying the secret").containsExactlyInAnyOrderElementsOf(tables);
            // the replicas' keys are plain settings (they may not be secrets) and stay as they were
            assertThat(engine.registrations()).allSatisfy(request -> assertThat(SecretSignature.secrets(request.getObject()))
                    .allSatisfy(secret -> assertThat(SecretSignature.reveal(secret).getStringValue()).isEqualTo(KEY)));
            assertThat(engine.stackOutputs().orElseThrow().toString()).doesNotContain(KEY);
            // nothing the engine shows (info, warnings, errors) names the key
            assertThat(engine.logs()).filteredOn(log -> log.getSeverity() != LogSeverity.DEBUG)
                    .extracting(LogRequest::getMessage).noneMatch(message -> message.contains(KEY));
            // pulumi-java itself (DeploymentImpl.RegisterResource) sends every request and response whole as a
            // DEBUG line, secrets' values included; the CLI shows DEBUG lines only with --debug (docs/configuration.md)
            assertThat(engine.logs()).filteredOn(log -> log.getMessage().contains(KEY))
                    .allSatisfy(log -> assertThat(log.getSeverity()).isEqualTo(LogSeverity.DEBUG))
                    .extracting(log -> log.getMessage().substring(0, log.getMessage().indexOf(':')))
                    .containsOnly("Registering resource monitor start", "Registering resource monitor end");
            assertThat(run.out() + run.err()).doesNotContain(KEY);
        }
    }
}
