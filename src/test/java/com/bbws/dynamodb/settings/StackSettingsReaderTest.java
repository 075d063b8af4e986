package com.bbws.dynamodb.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.catalogue.Environment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsReaderTest {

    private static Map<String, String> config(Environment environment) {
        var config = new HashMap<String, String>();
        config.put("bbws-dynamodb:environment", environment.id());
        config.put("aws:region", environment.region());
        config.put("aws:allowedAccountIds", "[\"" + environment.accountId() + "\"]");
        return config;
    }

    private static StackSettings read(Map<String, String> config) {
        // a stack is its environment
        return StackSettingsReader.read(config.get("bbws-dynamodb:environment"), ConfigSource.of(config));
    }

    @Test
    void with_the_minimum_config_deletion_protection_is_on_in_prod_only() {
        assertThat(read(config(Environment.DEV)).deletionProtection()).isFalse();
        assertThat(read(config(Environment.SIT)).deletionProtection()).isFalse();
        assertThat(read(config(Environment.PROD)).deletionProtection()).isTrue();
    }

    @Test
    void with_deletion_protection_turned_on_in_sit() {
        var config = config(Environment.SIT);
        config.put("bbws-dynamodb:deletionProtection", "true");

        assertThat(read(config).deletionProtection()).isTrue();
    }

    @Test
    void only_prod_is_protected_from_pulumi_deleting_or_replacing_tables() {
        assertThat(read(config(Environment.DEV)).protect()).isFalse();
        assertThat(read(config(Environment.SIT)).protect()).isFalse();
        assertThat(read(config(Environment.PROD)).protect()).isTrue();
    }

    @Test
    void with_no_kms_key_the_aws_managed_key_is_used() {
        assertThat(read(config(Environment.PROD)).customerManagedKey()).isEmpty();
    }

    @Test
    void with_a_customer_managed_key_in_the_stacks_region() {
        var config = config(Environment.PROD);
        String key = "arn:aws:kms:af-south-1:093646564004:key/mrk-1234567890abcdef1234567890abcdef";
        config.put("bbws-dynamodb:kmsKeyArn", key);

        assertThat(read(config).customerManagedKey()).contains(key);
    }

    @Test
    void with_extra_tags_and_a_new_owner_the_required_tags_stay() {
        var config = config(Environment.SIT);
        config.put("bbws-dynamodb:tags", "{\"Owner\":\"Data Team\",\"DataClassification\":\"confidential\"}");

        assertThat(read(config).tagsFor("tenants")).containsExactly(
                Map.entry("Application", "BBWS"),
                Map.entry("Component", "DynamoDB"),
                Map.entry("CostCenter", "Engineering"),
                Map.entry("DataClassification", "confidential"),
                Map.entry("Environment", "sit"),
                Map.entry("ManagedBy", "Pulumi"),
                Map.entry("Owner", "Data Team"),
                Map.entry("Project", "bbws"),
                Map.entry("Name", "tenants"));
    }

    @Test
    void throws_if_a_key_of_the_programs_namespace_is_not_a_setting() {
        var config = config(Environment.SIT);
        config.put("bbws-dynamodb:deletionProtecton", "true");

        assertThatThrownBy(() -> read(config)).isInstanceOf(StackConfigException.class)
                .hasMessageStartingWith("Stack 'sit': bbws-dynamodb:deletionProtecton: unknown key; the program reads"
                        + " bbws-dynamodb:environment, bbws-dynamodb:deletionProtection,");
    }

    @Test
    void the_config_the_engine_sets_is_read_from_its_PULUMI_CONFIG_and_PULUMI_CONFIG_SECRET_KEYS_variables() {
        ConfigSource engine = ConfigSource.fromEngine("{\"aws:region\":\"eu-west-1\","
                + "\"bbws-dynamodb:config:environment\":\"sit\",\"bbws-dynamodb:tags\":\"{}\"}",
                "[\"bbws-dynamodb:config:environment\"]");

        assertThat(engine.keys()).containsExactlyInAnyOrder("aws:region", "bbws-dynamodb:environment", "bbws-dynamodb:tags");
        assertThat(engine.get("bbws-dynamodb", "environment")).contains("sit");
        assertThat(engine.secretKeys()).containsExactly("bbws-dynamodb:environment");
        assertThat(engine.hiddenKeys()).as("the engine decrypts secrets").isEmpty();
        assertThat(ConfigSource.fromEngine(null, null).keys()).isEmpty();
        assertThat(ConfigSource.fromEngine("not json", "[").keys()).isEmpty();
    }

    @Test
    void reads_account_and_region_from_the_aws_provider_config() {
        StackSettings settings = read(config(Environment.PROD));

        assertThat(settings.accountId()).isEqualTo("093646564004");
        assertThat(settings.region()).isEqualTo("af-south-1");
        assertThat(settings.stack()).isEqualTo("prod");
    }

    @Test
    void throws_without_showing_a_secret_value_the_engine_decrypted() {
        ConfigSource engine = ConfigSource.fromEngine("{\"aws:region\":\"eu-west-1\",\"aws:allowedAccountIds\":"
                + "\"[\\\"815856636111\\\"]\",\"bbws-dynamodb:environment\":\"sit\","
                + "\"bbws-dynamodb:kmsKeyArn\":\"hunter2\"}", "[\"bbws-dynamodb:kmsKeyArn\"]");

        assertThatThrownBy(() -> StackSettingsReader.read("sit", engine)).hasMessage("Stack 'sit':"
                + " bbws-dynamodb:kmsKeyArn: the secret value is not a KMS key ARN; expected"
                + " arn:aws:kms:<region>:<account>:key/<key-id> (aliases are not accepted).");
    }

    @Test
    void lists_at_most_25_problems_and_counts_the_rest() {
        var config = config(Environment.SIT);
        for (int i = 0; i < 30; i++) {
            config.put("bbws-dynamodb:unknown" + i, "x");
        }

        assertThatThrownBy(() -> read(config)).hasMessageStartingWith("Stack 'sit' has 30 config errors:")
                .hasMessageEndingWith("\n  - ... and 5 more.");
    }
}
