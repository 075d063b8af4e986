package com.bbws.dynamodb.cli;

import com.bbws.dynamodb.settings.StackConfig;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.settings.StackSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The stack a command works on: {@code --stack} and where its {@code Pulumi.<stack>.yaml} is. */
final class StackOption {

    @Option(names = "--stack", required = true, description = "The stack: dev, sit or prod.")
    String stack;

    @Option(names = "--project-dir", defaultValue = ".", converter = PathConverter.class,
            description = "The folder holding Pulumi.yaml and the stack files (default: ${DEFAULT-VALUE}).")
    Path projectDir;

    /** The stack file's config, as the engine would pass it (secrets not decrypted). */
    StackConfig config() {
        return StackConfigFile.read(projectDir, stack);
    }

    /** The stack's validated settings. */
    StackSettings settings() {
        return StackConfigFile.settings(projectDir, stack);
    }
}
