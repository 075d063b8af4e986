package com.bbws.dynamodb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.bbws.dynamodb.Expected;
import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.catalogue.Environment;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.validate.AwsClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Random;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalEngineTest {

    @Test
    void with_a_db_path_the_folder_is_created_and_the_tables_outlive_a_restart(@TempDir Path temp) throws Exception {
        Path folder = temp.resolve("not/yet/there");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (var engine = LocalEngine.start(port, folder);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, StackConfigFile.settings(Path.of("."), "dev"));
        }
        try (var engine = LocalEngine.start(port, folder);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            assertThat(dynamo.listTables().tableNames())
                    .containsExactlyInAnyOrderElementsOf(Expected.tableNames(Environment.DEV));
        }
        assertThat(folder.resolve("shared-local-instance.db")).exists();
    }

    @Test
    void a_db_path_no_user_can_write_fails_at_once_and_no_engine_is_left_serving() throws Exception {
        assumeTrue(DatabaseFolderTest.sysfsRefusesFiles(), "needs /sys, a folder no user (root included) can write");
        int port = freePort();

        // before the check, DynamoDB Local started, retried opening its database every 3 s forever
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> LocalEngine.start(port, Path.of("/sys")))
                        .isInstanceOf(LocalEngineException.class)
                        .hasMessage("DynamoDB Local cannot keep its tables in /sys: the folder is not writable"
                                + " (permission denied)."));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void a_damaged_database_is_one_message_and_none_of_sqlites_log_reaches_the_console(@TempDir Path temp)
            throws Exception {
        int port = freePort();
        try (var engine = LocalEngine.start(port, temp);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            new TableInstaller(dynamo).install(BbwsTables.CATALOGUE, StackConfigFile.settings(Path.of("."), "dev"));
        }
        Path database = temp.resolve(DatabaseFolder.SHARED_DB_FILE);
        damageAllButTheHeader(database);
        var logged = new ArrayList<LogRecord>();
        var console = new Handler() {
            @Override
            public void publish(LogRecord logRecord) {
                logged.add(logRecord);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(console);
        try {
            assertThatThrownBy(() -> LocalEngine.start(port, temp)).isInstanceOf(LocalEngineException.class)
                    .hasMessage(database + " is not a DynamoDB Local database it can read (SQLite: database disk"
                            + " image is malformed): it may be damaged; move it away, or choose another --db-path.");
        } finally {
            root.removeHandler(console);
        }
        assertThat(logged).noneMatch(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("com.almworks"));
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).as("the engine was stopped")
                .isInstanceOf(IOException.class);
    }

    /** Keeps the 100-byte SQLite header, so only reading the pages finds the damage. */
    private static void damageAllButTheHeader(Path database) throws IOException {
        byte[] bytes = Files.readAllBytes(database);
        var random = new Random(42);
        for (int i = 100; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        Files.write(database, bytes);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void a_temporary_folder_the_sqlite_library_cannot_be_unpacked_into_is_one_message_before_starting()
            throws Exception {
        assumeTrue(DatabaseFolderTest.sysfsRefusesFiles(), "needs /sys, a folder no user (root included) can write");
        int port = freePort();
        // the property DynamoDB Local's SQLiteLibraryLoader reads before java.io.tmpdir
        System.setProperty("org.sqlite.tmpdir", "/sys");
        try {
            assertThatThrownBy(() -> LocalEngine.start(port, null)).isInstanceOf(LocalEngineException.class)
                    .hasMessage("DynamoDB Local cannot unpack its SQLite library into /sys (the JVM's temporary"
                            + " folder, java.io.tmpdir): the folder is not writable (permission denied).");
        } finally {
            System.clearProperty("org.sqlite.tmpdir");
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    @Test
    void a_port_in_use_is_a_clear_error() throws Exception {
        try (var taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> LocalEngine.start(taken.getLocalPort(), null))
                    .isInstanceOf(LocalEngineException.class)
                    .hasMessage("DynamoDB Local could not start on 127.0.0.1:" + taken.getLocalPort()
                            + ": Address already in use");
        }
    }
}
