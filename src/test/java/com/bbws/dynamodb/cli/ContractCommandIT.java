package com.bbws.dynamodb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code contract} from the packaged jar, as the pull-request workflow runs it. */
class ContractCommandIT {

    @Test
    void the_packaged_jar_checks_every_committed_contract() throws Exception {
        for (String stack : List.of("dev", "sit", "prod")) {
            var command = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                    Path.of("target", "bbws-dynamodb.jar").toString(), "contract", "--stack", stack, "--base",
                    Path.of("contract", stack + ".json").toString());
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().remove("PULUMI_MONITOR");
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
            assertThat(process.exitValue()).as(out).isZero();
            assertThat(out).contains("contract" + java.io.File.separator + stack + ".json is the contract the program"
                    + " generates for stack '" + stack + "'").contains("Changes from the base (contract");
        }
    }
}
