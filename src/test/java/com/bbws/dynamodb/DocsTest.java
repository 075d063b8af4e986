package com.bbws.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README stays a page of usage, and no link in it or in docs/ points at a file that is not there. */
class DocsTest {

    /** The README is usage; everything longer belongs in docs/. */
    static final int MAX_README_LINES = 150;

    private static final Path README = Path.of("README.md");
    private static final Path DOCS = Path.of("docs");
    /** An inline Markdown link or image: {@code [text](target)} or {@code [text](target "title")}. */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern FENCED_CODE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");

    @Test
    void the_readme_is_at_most_150_lines() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);

        assertThat(lines).as("README.md has %d lines; move the detail to docs/", lines.size())
                .hasSizeLessThanOrEqualTo(MAX_README_LINES);
    }

    @Test
    void every_relative_link_in_the_readme_and_docs_points_at_a_file_that_exists() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path file : markdownFiles()) {
            for (String target : relativeLinks(Files.readString(file, StandardCharsets.UTF_8))) {
                String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                Path resolved = file.toAbsolutePath().getParent().resolve(path).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(file + ": (" + target + ") points at " + resolved + ", which does not exist");
                }
            }
        }

        assertThat(broken).isEmpty();
    }

    @Test
    void only_relative_links_are_checked_and_a_fragment_is_not_part_of_the_file() {
        String markdown = """
                [a](docs/ops.md#exit-codes) [b](https://example.com/x.md) [c](#anchor) ![d](img.png "title")
                `[not a link](inline.md)`
                ```
                [not a link](fenced.md)
                ```
                """;

        assertThat(relativeLinks(markdown)).containsExactly("docs/ops.md#exit-codes", "img.png");
    }

    private static List<Path> markdownFiles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(DOCS)) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** Link targets that name a file of this repository: no http(s) links, no links to an anchor alone. */
    static List<String> relativeLinks(String markdown) {
        String text = INLINE_CODE.matcher(FENCED_CODE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>();
        Matcher link = LINK.matcher(text);
        while (link.find()) {
            String target = link.group(1);
            if (!target.startsWith("http://") && !target.startsWith("https://") && !target.startsWith("#")) {
                targets.add(target);
            }
        }
        return targets;
    }
}
