package com.bbws.dynamodb.local;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteStatement;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import com.bbws.dynamodb.settings.FileProblems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The folder of {@code local --db-path}, checked before DynamoDB Local is given it. DynamoDB Local
 * does not check it itself: on a folder it cannot write it retries opening its database every
 * 3 s forever while its port accepts requests and never answers them, and on a file that is not
 * an SQLite database it answers every request with "unknown error".
 */
final class DatabaseFolder {

    /** Where DynamoDB Local keeps every table when it runs with {@code -sharedDb}. */
    static final String SHARED_DB_FILE = "shared-local-instance.db";
    /** The first 16 bytes of every SQLite 3 database file (sqlite.org/fileformat.html, 1.3). */
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /**
     * Tables DynamoDB Local 2.6.1 creates in every database it opens, beside one per DynamoDB table:
     * {@code cf} (its format version) and {@code dm} (the tables' definitions).
     */
    static final List<String> DYNAMODB_LOCAL_TABLES = List.of("cf", "dm");
    /** How long the read of the tables waits for a program that is writing the database. */
    private static final int BUSY_TIMEOUT_MS = 2_000;

    private DatabaseFolder() {
    }

    /**
     * Creates the folder if it is missing, and checks that DynamoDB Local can keep its tables in it.
     *
     * @return the folder's absolute path, as DynamoDB Local is given it
     * @throws LocalEngineException naming the folder (or the file) and why it cannot be used
     */
    static Path prepare(Path folder) throws LocalEngineException {
        Path absolute = folder.toAbsolutePath().normalize();
        var brokenLink = FileProblems.unresolvableLink(absolute);
        if (brokenLink.isPresent()) {
            throw new LocalEngineException(String.format("--db-path %s %s; point it at a folder, or choose another"
                    + " --db-path.", folder, brokenLink.get()));
        }
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
            throw new LocalEngineException(String.format("--db-path %s is a file, not a folder.", folder));
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new LocalEngineException(String.format("Cannot create the database folder %s: %s.",
                    folder, reason(e)));
        }
        requireWritable(folder, absolute);
        requireDynamoDbLocalDatabase(absolute.resolve(SHARED_DB_FILE));
        return absolute;
    }

    static void requireWritable(Path folder, Path absolute) throws LocalEngineException {
        var unwritable = whyNotWritable(absolute);
        if (unwritable.isPresent()) {
            throw new LocalEngineException(String.format(
                    "DynamoDB Local cannot keep its tables in %s: %s.", folder, unwritable.get()));
        }
    }

    /**
     * Writes and removes a file in the folder: the honest test, which read-only file systems,
     * ownership, ACLs and root's privileges all answer exactly as they will for DynamoDB Local.
     *
     * @return why the folder cannot take a new file, or empty when it can
     */
    static Optional<String> whyNotWritable(Path folder) {
        Path probe;
        try {
            probe = Files.createTempFile(folder, ".bbws-dynamodb-write-check-", ".tmp");
        } catch (IOException e) {
            return Optional.of("the folder is not writable (" + reason(e) + ")");
        }
        try {
            Files.delete(probe);
        } catch (IOException e) {
            return Optional.of("a file written there cannot be removed (" + reason(e) + ")");
        }
        return Optional.empty();
    }

    /** An existing database must be an SQLite file DynamoDB Local can open for writing. */
    static void requireDynamoDbLocalDatabase(Path database) throws LocalEngineException {
        if (!Files.exists(database)) {
            return;
        }
        if (!Files.isRegularFile(database)) {
            throw new LocalEngineException(String.format("%s is not a DynamoDB Local database: it is not a file.",
                    database));
        }
        var header = ByteBuffer.allocate(SQLITE_HEADER.length);
        long size;
        try (var file = FileChannel.open(database, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            size = file.size();
            while (header.hasRemaining() && file.read(header) >= 0) {
                // reads up to the header's length, or the end of a shorter file
            }
        } catch (IOException e) {
            throw new LocalEngineException(String.format("DynamoDB Local cannot open its database %s: %s.",
                    database, reason(e)));
        }
        // an empty file is an empty SQLite database: DynamoDB Local fills it
        if (size == 0) {
            return;
        }
        if (!Arrays.equals(Arrays.copyOf(header.array(), header.position()), SQLITE_HEADER)) {
            throw new LocalEngineException(String.format("%s is not a DynamoDB Local database (not an SQLite file);"
                    + " move it away, or choose another --db-path.", database));
        }
        Set<String> tables = tablesOf(database);
        if (!tables.isEmpty() && !tables.containsAll(DYNAMODB_LOCAL_TABLES)) {
            throw new LocalEngineException(String.format("%s is another program's SQLite database, not DynamoDB"
                    + " Local's (it has none of DynamoDB Local's tables %s), and DynamoDB Local would add its tables"
                    + " to it; move it away, or choose another --db-path.", database,
                    String.join(" and ", DYNAMODB_LOCAL_TABLES)));
        }
    }

    /**
     * The tables of an SQLite database, read through a read-only connection (which never writes the
     * file, nor rolls back a journal left beside it), with the SQLite library DynamoDB Local brings.
     */
    private static Set<String> tablesOf(Path database) throws LocalEngineException {
        try {
            SQLiteLibraryLoader.initialize();
        } catch (Exception | LinkageError e) {
            throw new LocalEngineException("DynamoDB Local's SQLite library could not be loaded: " + e.getMessage());
        }
        var connection = new SQLiteConnection(database.toFile());
        try {
            connection.openReadonly();
            connection.setBusyTimeout(BUSY_TIMEOUT_MS);
            SQLiteStatement names = connection.prepare(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'");
            var tables = new TreeSet<String>();
            while (names.step()) {
                tables.add(names.columnString(0));
            }
            return tables;
        } catch (SQLiteException e) {
            throw new LocalEngineException(String.format("%s is not a DynamoDB Local database it can read (SQLite: %s):"
                    + " it may be damaged; move it away, or choose another --db-path.", database, sqliteReason(e)));
        } finally {
            connection.dispose();
        }
    }

    /** SQLite's own words, which sqlite4java puts last, in brackets, after the call and its SQL. */
    private static String sqliteReason(SQLiteException e) {
        String message = String.valueOf(e.getMessage()).strip();
        int reason = message.lastIndexOf('[');
        return reason >= 0 && message.endsWith("]") ? message.substring(reason + 1, message.length() - 1) : message;
    }

    /** Why a file operation failed, in a few words; the file system's own reason when it gives one. */
    static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
