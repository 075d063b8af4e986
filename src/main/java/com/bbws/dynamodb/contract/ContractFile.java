package com.bbws.dynamodb.contract;

import com.bbws.dynamodb.settings.FileProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Reads a contract file named by a user or a workflow, refusing what is not one before opening it. */
public final class ContractFile {

    /** Far above any contract (about 10 KB for three tables); a larger file is not one, and is not read whole. */
    static final long MAX_BYTES = 1024 * 1024;

    private ContractFile() {
    }

    /**
     * The file's text, or empty when nothing is at the path.
     *
     * @param name how messages name it, e.g. {@code --base old.json}
     * @throws ContractException a folder, a pipe or device, a symbolic link that leads nowhere or in a loop
     *                           ({@link FileProblems#unresolvableLink}), a file that cannot be read, is too
     *                           large, or is not UTF-8 text
     */
    public static Optional<String> read(Path path, String name) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Optional<String> link = FileProblems.unresolvableLink(path);
        if (link.isPresent()) {
            throw new ContractException(String.format("%s %s.", name, link.get()));
        }
        if (Files.isDirectory(path)) {
            throw new ContractException(String.format("%s is a folder, not a contract file.", name));
        }
        if (!Files.isRegularFile(path)) {
            throw new ContractException(String.format("%s is not a regular file (a pipe, socket or device).", name));
        }
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw new ContractException(String.format("%s is not a contract file (it is larger than %d bytes).",
                        name, MAX_BYTES));
            }
            byte[] bytes = Files.readAllBytes(path);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new ContractException(String.format("%s is not a contract file (it is not UTF-8 text).", name));
        } catch (AccessDeniedException e) {
            throw new ContractException(String.format("%s cannot be read: permission denied.", name));
        } catch (FileSystemException e) {
            throw new ContractException(String.format("%s cannot be read: %s.", name,
                    e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()));
        } catch (IOException e) {
            throw new ContractException(String.format("%s cannot be read: %s.", name, e.getMessage()));
        }
    }
}
