package org.rjhub.testsupport;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, checking every 50 ms; the synchronisation of the integration tests. */
public final class Await {

    private static final Duration CHECK_EVERY = Duration.ofMillis(50);

    private Await() {}

    /**
     * Asks {@code probe} until its answer satisfies {@code condition}, and returns that answer.
     *
     * @throws AssertionError naming {@code what} and the last answer when the deadline passes
     */
    public static <T> T until(String what, Duration deadline, Supplier<T> probe, Predicate<T> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = null;
        RuntimeException lastFailure = null;
        while (true) {
            try {
                last = probe.get();
                lastFailure = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            if (System.nanoTime() > end) {
                AssertionError error =
                        new AssertionError("Waited " + deadline + " for " + what + "; last seen: " + last);
                if (lastFailure != null) {
                    error.initCause(lastFailure);
                }
                throw error;
            }
            try {
                Thread.sleep(CHECK_EVERY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
