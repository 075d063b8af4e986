package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.catalogue.KeyAttribute;
import com.bbws.dynamodb.catalogue.TableDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No stack setting can make Pulumi replace a table: across every combination of settings, the
 * inputs whose change forces a DynamoDB table's replacement (name, hash key, range key, local
 * indexes) stay the catalogue's, and prod tables stay protected.
 */
class NoReplacementTest {

    record Combination(Environment environment, String deletionProtection, boolean cmk, boolean tags,
                       String adoptTables) {
        Map<String, String> config() {
            var config = new HashMap<String, String>();
            config.put("bbws-dynamodb:environment", environment.id());
            config.put("aws:region", environment.region());
            config.put("aws:allowedAccountIds", "[\"" + environment.accountId() + "\"]");
            if (deletionProtection != null) {
                config.put("bbws-dynamodb:deletionProtection", deletionProtection);
            }
            if (cmk) {
                config.put("bbws-dynamodb:kmsKeyArn", String.format(
                        "arn:aws:kms:%s:%s:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                        environment.region(), environment.accountId()));
            }
            if (tags) {
                config.put("bbws-dynamodb:tags", "{\"Owner\":\"Data Team\",\"Tier\":\"gold\"}");
            }
            if (adoptTables != null) {
                config.put("bbws-dynamodb:adoptTables", adoptTables);
            }
            return config;
        }
    }

    static Stream<Combination> everyCombination() {
        var all = new ArrayList<Combination>();
        for (Environment environment : Environment.values()) {
            for (String protection : new String[] {null, "true", "false"}) {
                if (environment == Environment.PROD && "false".equals(protection)) {
                    continue; // refused by the settings, see BadStackConfigTest
                }
                for (boolean cmk : new boolean[] {false, true}) {
                    for (boolean tags : new boolean[] {false, true}) {
                        for (String adopt : new String[] {null, "[\"" + Expected.first().id() + "\"]",
                                Expected.ids().stream().collect(Collectors.joining("\",\"", "[\"", "\"]"))}) {
                            all.add(new Combination(environment, protection, cmk, tags, adopt));
                        }
                    }
                }
            }
        }
        return all.stream();
    }

    private final ProgramHarness engine = new ProgramHarness();

    @AfterEach
    void cleanup() {
        ProgramHarness.cleanup();
    }

    @ParameterizedTest
    @MethodSource("everyCombination")
    void replacement_inputs_stay_fixed_and_prod_stays_protected(Combination combination) {
        String env = combination.environment().id();

        engine.run(env, combination.config(), App::stack).throwOnError();

        Map<String, TableDefinition> definitions = Expected.tables().stream()
                .collect(Collectors.toMap(TableDefinition::id, Function.identity()));
        assertThat(engine.tables()).extracting(table -> table.name).containsExactlyInAnyOrderElementsOf(Expected.ids());
        for (var table : engine.tables()) {
            TableDefinition definition = definitions.get(table.name);
            String name = definition.physicalName(combination.environment());
            assertThat(table.inputs)
                    .containsEntry("name", name)
                    .containsEntry("hashKey", definition.keys().partitionKey().name())
                    .doesNotContainKeys("localSecondaryIndexes", "tableClass", "restoreSourceName",
                            "restoreSourceTableArn", "restoreDateTime", "restoreToLatestTime", "importTable");
            assertThat(table.inputs.get("rangeKey")).as("rangeKey")
                    .isEqualTo(definition.keys().sortKeyIfAny().map(KeyAttribute::name).orElse(null));
            assertThat(engine.request(table.name).getProtect())
                    .as("protect on %s in %s", table.name, env)
                    .isEqualTo(combination.environment() == Environment.PROD);
            assertThat(List.of("", name)).contains(engine.request(table.name).getImportId());
        }
    }
}
