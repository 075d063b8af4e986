package com.bbws.dynamodb.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bbws.dynamodb.catalogue.BbwsTables;
import com.bbws.dynamodb.settings.StackConfigFile;
import com.bbws.dynamodb.validate.AwsClients;
import java.net.ServerSocket;
import java.nio.file.Path;
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
            assertThat(dynamo.listTables().tableNames()).containsExactlyInAnyOrder("tenants", "products-dev", "campaigns");
        }
        assertThat(folder.resolve("shared-local-instance.db")).exists();
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
