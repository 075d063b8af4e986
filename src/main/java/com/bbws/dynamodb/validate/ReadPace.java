package com.bbws.dynamodb.validate;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Keeps reading items under a read rate: after each page, waits until the read capacity consumed so far
 * fits the budget, so that checking items never takes the capacity the services need.
 */
public final class ReadPace {

    /** The read capacity units per second the item check may consume, across all tables. */
    public static final double READ_UNITS_PER_SECOND = 25;

    /** Waits; tests give one that records instead. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final double unitsPerSecond;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final long start;
    private double consumed;

    ReadPace(double unitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(unitsPerSecond > 0)) {
            throw new IllegalArgumentException("A read rate must be above 0 units per second, was " + unitsPerSecond);
        }
        this.unitsPerSecond = unitsPerSecond;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.start = nanoTime.getAsLong();
    }

    /** {@link #READ_UNITS_PER_SECOND} on the system clock, from now. */
    public static ReadPace standard() {
        return new ReadPace(READ_UNITS_PER_SECOND, System::nanoTime, duration -> Thread.sleep(duration.toMillis()));
    }

    /**
     * Counts a page's read units and, before the next page, waits as long as the budget requires.
     *
     * @return how long it waited
     */
    Duration afterPage(double units) throws InterruptedException {
        consumed += units;
        long dueNanos = (long) (consumed / unitsPerSecond * 1_000_000_000L);
        long waitNanos = dueNanos - (nanoTime.getAsLong() - start);
        if (waitNanos <= 0) {
            return Duration.ZERO;
        }
        Duration wait = Duration.ofNanos(waitNanos);
        sleeper.sleep(wait);
        return wait;
    }

    double unitsPerSecond() {
        return unitsPerSecond;
    }
}
