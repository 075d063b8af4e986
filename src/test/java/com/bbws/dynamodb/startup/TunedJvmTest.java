package com.bbws.dynamodb.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TunedJvmTest {

    @Test
    void does_not_relaunch_when_not_started_from_the_packaged_jar() {
        // the test JVM runs from target/classes and a long class path, not `java -jar`
        assertThat(System.getProperty("java.class.path")).doesNotEndWith(".jar");
        assertThat(TunedJvm.command(new String[] {"plan", "--stack", "sit"})).isEmpty();
    }
}
