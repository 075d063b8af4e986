package com.bbws.dynamodb.engine;

import com.bbws.dynamodb.startup.TrainingEngine;
import java.util.Map;

/**
 * The engine double for the build's archive training (startup/ArchiveTraining finds it with
 * ServiceLoader on the test class path): a preview of sit, as the language host starts it.
 */
public final class EngineDoubleForTraining implements TrainingEngine {

    private static final String PROJECT = "bbws-dynamodb";
    private static final String STACK = "sit";

    private final EngineDouble engine = new EngineDouble(PROJECT, STACK, "eu-west-1", "815856636111");

    @Override
    public Map<String, String> environment() {
        return LanguageHost.environment(engine, PROJECT, STACK);
    }

    @Override
    public boolean sawTheProgram() {
        return engine.errors().isEmpty() && !engine.registrations(EngineDouble.TABLE_TYPE).isEmpty()
                && engine.stackOutputs().isPresent();
    }

    @Override
    public void close() throws InterruptedException {
        engine.close();
    }
}
