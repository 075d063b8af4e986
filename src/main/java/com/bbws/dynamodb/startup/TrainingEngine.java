package com.bbws.dynamodb.startup;

import java.util.Map;

/**
 * A gRPC engine for the archive's training run to run the program under, so that the archive holds
 * the classes {@code pulumi preview} loads (gRPC, netty), which the offline plan never touches. The
 * build finds one with {@link java.util.ServiceLoader} on its test class path (the test-scope engine
 * double); a build without test classes trains on the offline plan alone.
 */
public interface TrainingEngine extends AutoCloseable {

    /** The variables the Pulumi language host sets for the program (PULUMI_MONITOR, PULUMI_CONFIG, ...). */
    Map<String, String> environment();

    /** Whether the program's run registered what it should; a training that did not, fails the build. */
    boolean sawTheProgram();

    @Override
    void close() throws Exception;
}
