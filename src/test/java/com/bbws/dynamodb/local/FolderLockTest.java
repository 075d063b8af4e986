package com.bbws.dynamodb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.validate.AwsClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock a serving {@code local} holds on its --db-path folder. */
class FolderLockTest {

    @Test
    void a_folder_an_engine_serves_is_refused_to_a_second_engine_naming_it_and_the_lock(@TempDir Path folder)
            throws Exception {
        int secondPort = freePort();
        try (var serving = LocalEngine.start(freePort(), folder)) {
            assertThatThrownBy(() -> LocalEngine.start(secondPort, folder)).isInstanceOf(LocalEngineException.class)
                    .hasMessage("--db-path " + folder + " is in use: another local is serving it and holds "
                            + folder.resolve(".bbws-local.lock") + "; stop that local first, or choose another"
                            + " --db-path.");
            assertThatThrownBy(() -> new Socket("127.0.0.1", secondPort).close())
                    .as("no second engine started").isInstanceOf(IOException.class);
            assertThatThrownBy(() -> FolderLock.acquire(folder)).as("still held after the refusal")
                    .isInstanceOf(LocalEngineException.class);
        }
        try (var again = FolderLock.acquire(folder)) {
            assertThat(folder.resolve(FolderLock.FILE)).as("released when the engine stopped; the file stays")
                    .exists();
        }
    }

    @Test
    void a_lock_file_left_behind_without_a_holder_does_not_refuse_nor_pass_for_a_database(@TempDir Path folder)
            throws Exception {
        try (var engine = LocalEngine.start(freePort(), folder);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            dynamo.createTable(b -> b.tableName("kept").billingMode("PAY_PER_REQUEST")
                    .keySchema(k -> k.attributeName("id").keyType("HASH"))
                    .attributeDefinitions(a -> a.attributeName("id").attributeType("S")));
        }
        // as a killed process leaves it, with something in it
        Files.writeString(folder.resolve(FolderLock.FILE), "12345\n");

        try (var engine = LocalEngine.start(freePort(), folder);
             var dynamo = AwsClients.dynamoDb(engine.endpoint(), "eu-west-1")) {
            assertThat(dynamo.listTables().tableNames()).containsExactly("kept");
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
