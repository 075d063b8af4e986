package com.bbws.dynamodb.startup;

import java.util.Optional;

/**
 * Keeps pulumi-java 1.36.1 from livelocking on Java 25 with one or two CPUs.
 *
 * <p>Its deployment loop re-enqueues itself on the default executor of CompletableFuture. Before
 * Java 25 that executor was a new thread per task whenever the common ForkJoinPool's parallelism
 * was below 2; since Java 25 it is always the common pool (JDK-8362881), so at parallelism 1 (the
 * default with 2 CPUs or fewer) the loop holds the only worker and the program spins forever:
 * https://github.com/pulumi/pulumi-java/issues/2270, fixed upstream by
 * https://github.com/pulumi/pulumi-java/pull/2314, in no release as of 1.36.1. A parallelism of 2
 * leaves a worker for the program's own tasks. The property is read once, when the pool is first
 * used: set it before anything touches the pool.
 */
public final class CommonPool {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    static final int MINIMUM_PARALLELISM = 2;
    static final int FIRST_AFFECTED_JAVA = 25;

    private CommonPool() {
    }

    /** Raises the common pool's parallelism to 2 where Pulumi needs it; the user's own setting wins. */
    public static void ensurePulumiCanRun() {
        Optional<Integer> parallelism = parallelismToSet(System.getProperty(PARALLELISM), Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors());
        parallelism.ifPresent(value -> System.setProperty(PARALLELISM, Integer.toString(value)));
    }

    /**
     * The parallelism to set, or empty to leave the JVM's choice: the user set it, the JVM runs
     * async tasks on threads of their own (before Java 25), or its default (one less than the
     * CPUs) is already enough.
     */
    static Optional<Integer> parallelismToSet(String userSetting, int javaFeatureVersion, int processors) {
        if (userSetting != null || javaFeatureVersion < FIRST_AFFECTED_JAVA || processors - 1 >= MINIMUM_PARALLELISM) {
            return Optional.empty();
        }
        return Optional.of(MINIMUM_PARALLELISM);
    }
}
