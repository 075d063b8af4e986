package com.bbws.dynamodb.local;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on a {@code --db-path} folder, held while an engine serves it: two DynamoDB
 * Local engines writing one database would corrupt it. The lock is the operating system's, so it
 * dies with its process; the file stays, and a file nobody holds does not refuse anyone.
 */
final class FolderLock implements AutoCloseable {

    /** In the folder, beside the database; never read, only locked. */
    static final String FILE = ".bbws-local.lock";

    /**
     * Lock files held in this JVM. The OS lock belongs to the process, and closing any channel of the
     * process on the file drops it, so a second attempt here must not open the file at all.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;

    private FolderLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * @param folder the absolute folder, already checked by {@link DatabaseFolder#prepare}
     * @throws LocalEngineException when another {@code local} holds it, or it cannot be locked
     */
    static FolderLock acquire(Path folder) throws LocalEngineException {
        Path file = folder.resolve(FILE);
        Path key;
        try {
            key = folder.toRealPath().resolve(FILE);
        } catch (IOException e) {
            throw cannotLock(folder, file, e);
        }
        if (!HELD_HERE.add(key)) {
            throw inUse(folder, file);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldHere) {
                lock = null; // HELD_HERE is checked first; kept for a channel opened outside this class
            }
            if (lock == null) {
                HELD_HERE.remove(key);
                closeQuietly(channel);
                throw inUse(folder, file);
            }
            return new FolderLock(key, channel);
        } catch (IOException e) {
            HELD_HERE.remove(key);
            closeQuietly(channel);
            throw cannotLock(folder, file, e);
        }
    }

    private static LocalEngineException inUse(Path folder, Path file) {
        return new LocalEngineException(String.format("--db-path %s is in use: another local is serving it and"
                + " holds %s; stop that local first, or choose another --db-path.", folder, file));
    }

    private static LocalEngineException cannotLock(Path folder, Path file, IOException e) {
        return new LocalEngineException(String.format("Cannot lock the database folder %s (%s): %s.",
                folder, file, DatabaseFolder.reason(e)));
    }

    /** Releases the lock (closing the channel does); the file stays for the next one. */
    @Override
    public void close() {
        closeQuietly(channel);
        HELD_HERE.remove(file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel, or with the process
        }
    }
}
