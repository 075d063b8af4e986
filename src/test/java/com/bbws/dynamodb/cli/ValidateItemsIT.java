package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.local.DynamoDbLocal;
import com.bbws.dynamodb.local.TableInstaller;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.startup.JarProcess;
import com.bbws.dynamodb.validate.ConformingItems;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code validate --items} from the packaged jar, its schema validator loaded from tools-lib/ as a person's run
 * loads it, against a real DynamoDB Local holding a bad item.
 */
class ValidateItemsIT {

    @AfterEach
    void dropTables() {
        DynamoDbLocal.dropAllTables();
    }

    @Test
    void the_jar_finds_a_non_conforming_item_by_its_key_exits_1_and_prints_no_value_of_it() throws Exception {
        new TableInstaller(DynamoDbLocal.client()).install(BbwsTables.CATALOGUE, StackConfigFile.settings(Path.of("."), "dev"));
        String tenants = BbwsTables.TENANTS.physicalName(Environment.DEV);
        var item = ConformingItems.tenant(ConformingItems.TENANT_ID);
        item.put("status", ConformingItems.s("DELETED"));
        item.put("email", ConformingItems.s("canary-secret@example.com"));
        DynamoDbLocal.client().putItem(b -> b.tableName(tenants).item(item));
        String endpoint = DynamoDbLocal.engine().endpoint().toString();

        JarProcess.Finished run = JarProcess.run(JarProcess.java("validate", "--stack", "dev", "--endpoint", endpoint,
                "--items"), Duration.ofSeconds(120));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains(tenants + ": 1 item read (the whole table), 1 does not conform")
                .contains("  FAIL  PK=TENANT#" + ConformingItems.TENANT_ID + ", SK=METADATA" + System.lineSeparator()
                        + "          status: not one of UNVALIDATED, VALIDATED, REGISTERED, SUSPENDED")
                .doesNotContain("canary-secret@example.com");
        assertThat(run.err()).doesNotContain("canary-secret@example.com").doesNotContain("Exception");
    }
}
