package org.rjhub.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Sends at a fixed rate by schedule, not by sleeping a fixed gap: record {@code i} is due at
 * {@code start + i / rate} seconds, so a late send is followed by immediate ones until the
 * schedule is met again, and the average rate is exact over the whole phase.
 *
 * <p>Latency is measured from the due time (the intended send time), which keeps a stalled sender
 * from hiding the stall in its own samples (coordinated omission).
 */
final class Pacer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long startNanos;
    private final int ratePerSecond;

    Pacer(long startNanos, int ratePerSecond) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
        }
        this.startNanos = startNanos;
        this.ratePerSecond = ratePerSecond;
    }

    /** How many records a phase of {@code seconds} at {@code ratePerSecond} sends. */
    static int count(int ratePerSecond, int seconds) {
        long n = (long) ratePerSecond * seconds;
        if (ratePerSecond <= 0 || seconds <= 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rate and seconds must be positive and their product an int, were "
                    + ratePerSecond + " and " + seconds);
        }
        return (int) n;
    }

    /** The {@link System#nanoTime()} at which record {@code index} (from 0) is due. */
    long dueNanos(int index) {
        return startNanos + (long) index * NANOS_PER_SECOND / ratePerSecond;
    }

    /** Parks the calling thread until record {@code index} is due; returns at once if it is late. */
    long awaitDue(int index) {
        long due = dueNanos(index);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
        return due;
    }
}
