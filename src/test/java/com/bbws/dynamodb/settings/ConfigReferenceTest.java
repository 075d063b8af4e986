package com.bbws.dynamodb.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's stack config reference lists every key the program reads, with its default. */
class ConfigReferenceTest {

    @Test
    void readme_documents_every_setting_with_its_default() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        for (Setting setting : Setting.values()) {
            assertThat(readme).as("README row for %s", setting.fullKey())
                    .contains("| `" + setting.fullKey() + "` | " + setting.defaultValue() + " |");
        }
    }
}
