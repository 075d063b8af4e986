package com.bbws.dynamodb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.almworks.sqlite4java.SQLiteConnection;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteLibraryLoader;
import com.bbws.dynamodb.validate.AwsClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code local --db-path} accepts, checked before DynamoDB Local is given the folder. The
 * writability check writes a file, so it answers for root as the engine will: root writes through
 * any mode bits, so a folder root cannot write either is needed, such as sysfs ({@code /sys}).
 */
public class DatabaseFolderTest {

    /** sysfs refuses new files to every user, root included; present on every Linux machine. */
    static final Path SYSFS = Path.of("/sys");

    public static boolean sysfsRefusesFiles() {
        try {
            Files.delete(Files.createTempFile(SYSFS, "probe", ".tmp"));
            return false;
        } catch (IOException refused) {
            return Files.isDirectory(SYSFS);
        }
    }

    public static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    @Test
    void a_missing_folder_is_created_and_the_write_check_leaves_nothing_behind(@TempDir Path temp) throws Exception {
        Path folder = temp.resolve("a/b");

        Path prepared = DatabaseFolder.prepare(folder);

        assertThat(prepared).isEqualTo(folder.toAbsolutePath()).isDirectory().isEmptyDirectory();
    }

    @Test
    void a_folder_no_user_can_write_is_refused_at_once_naming_it_and_why() {
        assumeTrue(sysfsRefusesFiles(), "needs /sys, a folder no user (root included) can create files in");

        assertThatThrownBy(() -> DatabaseFolder.prepare(SYSFS)).isInstanceOf(LocalEngineException.class)
                .hasMessage("DynamoDB Local cannot keep its tables in /sys: the folder is not writable"
                        + " (permission denied).");
    }

    @Test
    void a_read_only_folder_is_refused_for_a_user_who_is_not_root(@TempDir Path temp) throws Exception {
        assumeFalse(runningAsRoot(), "running as root, which writes through mode bits: the /sys test covers root");
        Path folder = Files.createDirectory(temp.resolve("read-only"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assertThatThrownBy(() -> DatabaseFolder.prepare(folder)).isInstanceOf(LocalEngineException.class)
                    .hasMessage("DynamoDB Local cannot keep its tables in " + folder + ": the folder is not writable"
                            + " (permission denied).");
        } finally {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void a_read_only_database_file_is_refused_for_a_user_who_is_not_root(@TempDir Path temp) throws Exception {
        assumeFalse(runningAsRoot(), "running as root, which writes through mode bits");
        Path database = Files.createFile(temp.resolve(DatabaseFolder.SHARED_DB_FILE));
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("r--r--r--"));

        assertThatThrownBy(() -> DatabaseFolder.prepare(temp)).isInstanceOf(LocalEngineException.class)
                .hasMessage("DynamoDB Local cannot open its database " + database + ": permission denied.");
    }

    @Test
    void a_file_given_as_the_folder_is_refused(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "x");

        assertThatThrownBy(() -> DatabaseFolder.prepare(file)).isInstanceOf(LocalEngineException.class)
                .hasMessage("--db-path " + file + " is a file, not a folder.");
    }

    @Test
    void a_symbolic_link_in_a_loop_is_named_as_such_not_as_a_file(@TempDir Path temp) throws Exception {
        Path link = Files.createSymbolicLink(temp.resolve("db"), Path.of("db"));

        assertThatThrownBy(() -> DatabaseFolder.prepare(link)).isInstanceOf(LocalEngineException.class)
                .hasMessage("--db-path " + link + " is a symbolic link in a loop (following it leads back to " + link
                        + "); point it at a folder, or choose another --db-path.");
    }

    @Test
    void a_file_in_the_way_of_the_folder_is_named(@TempDir Path temp) throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "x");

        assertThatThrownBy(() -> DatabaseFolder.prepare(file.resolve("db"))).isInstanceOf(LocalEngineException.class)
                .hasMessage("Cannot create the database folder " + file.resolve("db") + ": Not a directory.");
    }

    @Test
    void a_database_file_that_is_not_sqlite_is_refused(@TempDir Path temp) throws Exception {
        Path database = Files.writeString(temp.resolve(DatabaseFolder.SHARED_DB_FILE), "these are not the tables");

        assertThatThrownBy(() -> DatabaseFolder.prepare(temp)).isInstanceOf(LocalEngineException.class)
                .hasMessage(database + " is not a DynamoDB Local database (not an SQLite file); move it away,"
                        + " or choose another --db-path.");
    }

    @Test
    void a_database_file_shorter_than_the_sqlite_header_is_refused(@TempDir Path temp) throws Exception {
        Path database = Files.write(temp.resolve(DatabaseFolder.SHARED_DB_FILE), "SQLite".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> DatabaseFolder.prepare(temp)).isInstanceOf(LocalEngineException.class)
                .hasMessageStartingWith(database + " is not a DynamoDB Local database (not an SQLite file)");
    }

    @Test
    void a_folder_where_the_database_file_should_be_is_refused(@TempDir Path temp) throws Exception {
        Path database = Files.createDirectory(temp.resolve(DatabaseFolder.SHARED_DB_FILE));

        assertThatThrownBy(() -> DatabaseFolder.prepare(temp)).isInstanceOf(LocalEngineException.class)
                .hasMessage(database + " is not a DynamoDB Local database: it is not a file.");
    }

    /** An SQLite database with the given tables, as another program would leave it. */
    public static Path sqliteDatabase(Path file, String... tables) throws Exception {
        SQLiteLibraryLoader.initialize();
        var connection = new SQLiteConnection(file.toFile());
        try {
            connection.open(true);
            for (String table : tables) {
                connection.exec("CREATE TABLE " + table + " (id TEXT PRIMARY KEY, body TEXT)");
                connection.exec("INSERT INTO " + table + " VALUES ('1', 'kept as it was')");
            }
        } finally {
            connection.dispose();
        }
        return file;
    }

    @Test
    void another_programs_sqlite_database_is_refused_and_left_as_it_was(@TempDir Path temp) throws Exception {
        Path database = sqliteDatabase(temp.resolve(DatabaseFolder.SHARED_DB_FILE), "notes", "dm_backup");
        byte[] before = Files.readAllBytes(database);

        assertThatThrownBy(() -> DatabaseFolder.prepare(temp)).isInstanceOf(LocalEngineException.class)
                .hasMessage(database + " is another program's SQLite database, not DynamoDB Local's (it has none of"
                        + " DynamoDB Local's tables cf and dm), and DynamoDB Local would add its tables to it; move it"
                        + " away, or choose another --db-path.");
        assertThat(Files.readAllBytes(database)).as("not modified").isEqualTo(before);
        try (var files = Files.list(temp)) {
            assertThat(files).as("no journal or other file left").containsExactly(database);
        }
    }

    @Test
    void an_sqlite_database_without_tables_is_accepted_for_dynamodb_local_to_fill(@TempDir Path temp)
            throws Exception {
        sqliteDatabase(temp.resolve(DatabaseFolder.SHARED_DB_FILE));

        assertThatCode(() -> DatabaseFolder.prepare(temp)).doesNotThrowAnyException();
    }

    @Test
    void dynamodb_locals_own_database_is_accepted(@TempDir Path temp) throws Exception {
        try (var engine = LocalEngine.start(freePort(), temp);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            dynamo.createTable(b -> b.tableName("kept").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
        }

        assertThatCode(() -> DatabaseFolder.prepare(temp)).doesNotThrowAnyException();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void an_empty_database_file_is_an_empty_sqlite_database_and_accepted(@TempDir Path temp) throws Exception {
        Files.createFile(temp.resolve(DatabaseFolder.SHARED_DB_FILE));

        assertThatCode(() -> DatabaseFolder.prepare(temp)).doesNotThrowAnyException();
    }
}
