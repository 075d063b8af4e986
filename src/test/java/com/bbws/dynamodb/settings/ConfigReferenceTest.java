package com.bbws.dynamodb.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The stack config reference (docs/configuration.md) lists every key the program reads, with its default. */
class ConfigReferenceTest {

    @Test
    void the_config_reference_documents_every_setting_with_its_default() throws IOException {
        String reference = Files.readString(Path.of("docs", "configuration.md"));

        for (Setting setting : Setting.values()) {
            assertThat(reference).as("docs/configuration.md row for %s", setting.fullKey())
                    .contains("| `" + setting.fullKey() + "` | " + setting.defaultValue() + " |");
        }
    }
}
