package com.bbws.dynamodb.settings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A stack's {@code Pulumi.<stack>.yaml}, read as the Pulumi CLI reads it (UTF-8, YAML 1.2) into the
 * config the engine would hand the program ({@link StackConfigYaml}). Every problem names the file.
 */
public final class StackConfigFile {

    private StackConfigFile() {
    }

    /** The settings of a stack, from its file. */
    public static StackSettings settings(Path projectDir, String stack) {
        return StackSettingsReader.read(stack, read(projectDir, stack));
    }

    /** The stack file's config as the engine passes it: namespaced keys to text; secrets as {@link ConfigSource#SECRET}. */
    public static Map<String, String> load(Path projectDir, String stack) {
        return read(projectDir, stack).values();
    }

    /**
     * @param projectDir the folder holding {@code Pulumi.yaml} and the stack files
     * @throws StackConfigException when the stack file is missing, unreadable or not a valid stack file
     */
    public static StackConfig read(Path projectDir, String stack) {
        StackSettingsReader.stackNameProblem(stack).ifPresent(problem -> {
            throw new StackConfigException(stack, List.of(problem));
        });
        Path file = projectDir.resolve("Pulumi." + stack + ".yaml");
        String problem = fileProblem(projectDir, file);
        if (problem != null) {
            throw new StackConfigException(stack, List.of(problem));
        }
        byte[] bytes = bytes(stack, file);
        StackConfig config = StackConfigYaml.parse(stack, file.toString(), utf8(stack, file, bytes));
        checkProjectFile(stack, projectDir.resolve("Pulumi.yaml"));
        return config;
    }

    /**
     * The project file must be one the engine can read; and the engine merges a {@code config:} block of
     * {@code Pulumi.yaml} under every stack's, while this project keeps each stack's settings in its own
     * file, where the plan and reviewers see all of them. A folder without one is left to the engine.
     */
    private static void checkProjectFile(String stack, Path projectFile) {
        if (!Files.exists(projectFile, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Optional<String> link = FileProblems.unresolvableLink(projectFile);
        if (link.isPresent()) {
            throw new StackConfigException(stack, List.of(String.format(
                    "%s %s; point it at the project file, or put the file in its place.", projectFile, link.get())));
        }
        if (Files.isDirectory(projectFile)) {
            throw new StackConfigException(stack, List.of(projectFile + " is a folder, not the project file."));
        }
        if (!Files.isRegularFile(projectFile)) {
            throw new StackConfigException(stack, List.of(projectFile + " is not a regular file (a pipe or a"
                    + " device?); the project file is a YAML file."));
        }
        String text = utf8(stack, projectFile, bytes(stack, projectFile));
        if (StackConfigYaml.projectFileKeys(stack, projectFile.toString(), text).contains("config")) {
            throw new StackConfigException(stack, List.of(projectFile + ": has a 'config' block; this project"
                    + " keeps every setting in the stack files (Pulumi.<stack>.yaml), so move it there."));
        }
    }

    /** The file's bytes; a file that cannot be read is named with why. */
    private static byte[] bytes(String stack, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new StackConfigException(stack, List.of(String.format("%s cannot be read: permission denied;"
                    + " let the user running this command read it.", file)));
        } catch (IOException e) {
            throw new StackConfigException(stack, List.of(String.format("%s cannot be read: %s.", file,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        }
    }

    /** The stacks that have a config file in the folder, sorted. */
    public static List<String> stacksIn(Path projectDir) {
        try (Stream<Path> files = Files.list(projectDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("Pulumi\\.[^.]+\\.yaml"))
                    .map(name -> name.substring("Pulumi.".length(), name.length() - ".yaml".length()))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Why the file cannot be the stack file, or null. Never opens it: a FIFO would block. */
    private static String fileProblem(Path projectDir, Path file) {
        var brokenFolder = FileProblems.unresolvableLink(projectDir);
        if (brokenFolder.isPresent()) {
            return String.format("the project folder %s %s; point it at the project folder (--project-dir).",
                    projectDir, brokenFolder.get());
        }
        if (!Files.exists(projectDir)) {
            return String.format("the project folder %s does not exist (--project-dir).", projectDir);
        }
        if (!Files.isDirectory(projectDir)) {
            return String.format("the project folder %s is not a folder (--project-dir).", projectDir);
        }
        var brokenLink = FileProblems.unresolvableLink(file);
        if (brokenLink.isPresent()) {
            return String.format("%s %s; point it at the stack file, or put the file in its place.", file,
                    brokenLink.get());
        }
        if (Files.isDirectory(file)) {
            return String.format("%s is a folder, not a stack file.", file);
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            return String.format("%s is not a regular file (a pipe or a device?); a stack file is a YAML file.", file);
        }
        if (!Files.exists(file)) {
            List<String> stacks = stacksIn(projectDir);
            return String.format("%s does not exist; %s.", file, stacks.isEmpty()
                    ? "there is no Pulumi.<stack>.yaml in " + projectDir + " (is it the project folder?)"
                    : "the stacks here are " + String.join(", ", stacks));
        }
        return null;
    }

    /** The file's text; the Pulumi CLI reads stack files as UTF-8, so anything else is refused with its position. */
    static String utf8(String stack, Path file, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE)
                || (bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF))) {
            throw new StackConfigException(stack, List.of(file + " is UTF-16 text; save it as UTF-8."));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw new StackConfigException(stack, List.of(String.format(
                    "%s line %d, column %d: byte 0x%02X is not UTF-8; save the file as UTF-8, as the Pulumi CLI reads it.",
                    file, line, offset - lineStart + 1, bytes[offset] & 0xff)));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
