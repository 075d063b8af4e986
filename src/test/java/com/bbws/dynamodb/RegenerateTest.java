package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The regenerate command says, per file, what it did: nothing where nothing changed. */
class RegenerateTest {

    @Test
    void it_writes_only_what_differs_removes_what_no_stack_needs_and_says_which(@TempDir Path dir) throws Exception {
        Path owned = dir.resolve("iam");
        Files.createDirectories(owned.resolve("sit"));
        Files.writeString(owned.resolve("sit/same.json"), "{}\n");
        Files.writeString(owned.resolve("sit/old.json"), "{\"a\": 1}\n");
        Files.writeString(owned.resolve("sit/stale.json"), "{}\n");
        var files = new LinkedHashMap<Path, String>();
        files.put(owned.resolve("sit/same.json"), "{}\n");
        files.put(owned.resolve("sit/old.json"), "{\"a\": 2}\n");
        files.put(owned.resolve("prod/new.json"), "{}\n");

        var lines = Regenerate.write(files, owned);

        assertThat(lines).containsExactly(
                "unchanged " + owned.resolve("sit/same.json"),
                "changed   " + owned.resolve("sit/old.json"),
                "new       " + owned.resolve("prod/new.json"),
                "removed   " + owned.resolve("sit/stale.json"),
                "3 of 4 generated files changed: review and commit them.");
        assertThat(owned.resolve("sit/old.json")).hasContent("{\"a\": 2}");
        assertThat(owned.resolve("prod/new.json")).exists();
        assertThat(owned.resolve("sit/stale.json")).doesNotExist();
        assertThat(Regenerate.write(files, owned)).last().isEqualTo("0 of 3 generated files changed.");
    }
}
