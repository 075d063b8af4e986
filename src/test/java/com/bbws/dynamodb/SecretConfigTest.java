package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.engine.SecretSignature;
import com.bbws.dynamodb.settings.Setting;
import com.bbws.dynamodb.settings.StackConfig;
import com.bbws.dynamodb.settings.StackSettingsReader;
import com.google.protobuf.Value;
import com.pulumi.test.TestResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.RegisterResourceRequest;

/**
 * A secret {@code kmsKeyArn} stays a secret on its way to the engine: under Pulumi's mock engine, every
 * registration request that carries the key's ARN carries it only in the secret signature (what the
 * engine encrypts in the state and hides in diffs). The mocks themselves cannot tell: pulumi-java's
 * {@code MockMonitor.deserializeToMap} unwraps secrets before {@code Mocks.newResourceAsync}, so these
 * tests read the raw {@code RegisterResourceRequest} ({@link ProgramHarness#request}).
 */
class SecretConfigTest {

    static final String KEY = "arn:aws:kms:af-south-1:093646564004:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String REPLICA_KEY = "arn:aws:kms:eu-west-1:093646564004:key/abcd1234-12ab-34cd-56ef-1234567890ab";
    static final String KMS_KEY_ARN = Setting.KMS_KEY_ARN.fullKey();

    private final ProgramHarness engine = new ProgramHarness();

    @AfterEach
    void cleanup() {
        ProgramHarness.cleanup();
    }

    /** prod's stack file with a customer managed key given by ARN, and a key for its eu-west-1 replicas. */
    static Map<String, String> prodWithKey() {
        var config = new LinkedHashMap<String, String>();
        config.put("aws:region", "af-south-1");
        config.put("aws:allowedAccountIds", "[\"093646564004\"]");
        config.put("bbws-dynamodb:environment", "prod");
        config.put("bbws-dynamodb:replicaRegions", "[\"eu-west-1\"]");
        config.put(KMS_KEY_ARN, KEY);
        config.put("bbws-dynamodb:replicaKmsKeyArns", "{\"eu-west-1\":\"" + REPLICA_KEY + "\"}");
        return config;
    }

    private void run(Map<String, String> values, Set<String> secretKeys) {
        var config = new StackConfig(values, secretKeys, Set.of());
        TestResult result = engine.run("prod", values, ctx -> App.stack(ctx, config));
        assertThat(result.exceptions()).isEmpty();
        result.throwOnError();
    }

    private List<RegisterResourceRequest> requests() {
        return engine.registered().stream().map(args -> engine.request(args.name)).toList();
    }

    private static Value encryptionKey(RegisterResourceRequest table) {
        return table.getObject().getFieldsOrThrow("serverSideEncryption").getStructValue().getFieldsOrThrow("kmsKeyArn");
    }

    @Test
    void the_settings_know_a_secret_key_arn_is_a_secret() {
        assertThat(StackSettingsReader.read("prod", new StackConfig(prodWithKey(), Set.of(KMS_KEY_ARN), Set.of()))
                .isSecret(Setting.KMS_KEY_ARN)).isTrue();
        assertThat(StackSettingsReader.read("prod", new StackConfig(prodWithKey(), Set.of(), Set.of()))
                .isSecret(Setting.KMS_KEY_ARN)).isFalse();
    }

    @Test
    void a_secret_key_arn_reaches_the_engine_only_inside_the_secret_signature() {
        run(prodWithKey(), Set.of(KMS_KEY_ARN));

        List<RegisterResourceRequest> tables = engine.tables().stream().map(args -> engine.request(args.name)).toList();
        assertThat(tables).hasSize(Expected.tables().size()).allSatisfy(table -> {
            assertThat(SecretSignature.isSecret(encryptionKey(table))).as("kmsKeyArn of %s is a secret", table.getName())
                    .isTrue();
            assertThat(SecretSignature.reveal(encryptionKey(table)).getStringValue()).isEqualTo(KEY);
        });
        assertThat(requests()).as("every request").hasSizeGreaterThan(Expected.tables().size()).allSatisfy(request ->
                assertThat(SecretSignature.inClear(request, KEY)).as("%s carries the key's ARN in clear",
                        request.getName()).isFalse());
        // the mocks, like the offline plan's, see the value unwrapped: nothing else changes for them
        assertThat(engine.registered(Expected.first().id()).inputs)
                .containsEntry("serverSideEncryption", Map.of("enabled", true, "kmsKeyArn", KEY));
    }

    @Test
    void the_program_learns_from_the_sdks_config_which_settings_are_secrets() {
        // the program's own entry point (ConfigSource.of(ctx)), with the config and secret keys given to the SDK
        TestResult result = engine.run("prod", prodWithKey(), Set.of(KMS_KEY_ARN), App::stack);
        assertThat(result.exceptions()).isEmpty();

        assertThat(engine.tables()).hasSize(Expected.tables().size()).allSatisfy(args ->
                assertThat(SecretSignature.isSecret(encryptionKey(engine.request(args.name)))).isTrue());
        assertThat(requests()).allSatisfy(request -> assertThat(SecretSignature.inClear(request, KEY)).isFalse());
    }

    @Test
    void a_setting_that_may_not_be_secret_is_refused_under_the_mock_engine_too() {
        var config = prodWithKey();
        config.remove(KMS_KEY_ARN);
        config.remove("bbws-dynamodb:replicaKmsKeyArns");
        TestResult result = engine.run("prod", config, Set.of("bbws-dynamodb:replicaRegions"), App::stack);

        assertThat(result.exceptions()).isNotEmpty().allSatisfy(e -> assertThat(e).hasStackTraceContaining(
                "bbws-dynamodb:replicaRegions: must not be a secret (secure:)"));
        assertThat(engine.tables()).isEmpty();
    }

    @Test
    void only_the_secret_is_secret_the_replicas_keys_are_plain_settings() {
        run(prodWithKey(), Set.of(KMS_KEY_ARN));

        for (RegisterResourceRequest request : requests()) {
            assertThat(SecretSignature.secrets(request.getObject())).as("secrets of %s", request.getName())
                    .allSatisfy(secret -> assertThat(SecretSignature.reveal(secret).getStringValue()).isEqualTo(KEY));
        }
        // a table with a stream: the ones that are replicated
        RegisterResourceRequest replicated = engine.request(Expected.withStream().get(0).id());
        Value replica = replicated.getObject().getFieldsOrThrow("replicas").getListValue().getValues(0);
        assertThat(replica.getStructValue().getFieldsOrThrow("kmsKeyArn").getStringValue()).isEqualTo(REPLICA_KEY);
    }

    @Test
    void a_key_arn_that_is_not_a_secret_is_registered_in_clear_as_before() {
        run(prodWithKey(), Set.of());

        assertThat(engine.tables()).hasSize(Expected.tables().size()).allSatisfy(args ->
                assertThat(encryptionKey(engine.request(args.name)).getStringValue()).isEqualTo(KEY));
        assertThat(requests()).allSatisfy(request ->
                assertThat(SecretSignature.secrets(request.getObject())).as("secrets of %s", request.getName()).isEmpty());
    }
}
