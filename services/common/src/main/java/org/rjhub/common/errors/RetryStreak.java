package org.rjhub.common.errors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * One run of consecutive retriable failures under a {@link RetryBackoff}: each failure asks {@link #next()} how long
 * to wait before retrying, or learns that the budget is spent; a success (or a long enough spell of work) ends the
 * streak with {@link #reset()}. Thread-safe.
 *
 * <p>Meters (tag {@code service}): {@code rj.retries} counts the retries granted, {@code rj.retries.exhausted} the
 * streaks that gave up (Prometheus {@code rj_retries_total}, {@code rj_retries_exhausted_total}).
 */
public final class RetryStreak {

    private final RetryBackoff policy;
    private final InstantSource clock;
    private final RetryBackoff.Sleeper sleeper;
    private final DoubleSupplier random;
    private final Counter retries;
    private final Counter exhausted;
    private int failures;
    private Instant firstFailure;

    RetryStreak(
            RetryBackoff policy,
            String service,
            MeterRegistry registry,
            InstantSource clock,
            RetryBackoff.Sleeper sleeper,
            DoubleSupplier random) {
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
        this.retries = Counter.builder("rj.retries")
                .tag("service", service)
                .description("Retries of failures that may pass (broker, registry or database unavailable)")
                .register(registry);
        this.exhausted = Counter.builder("rj.retries.exhausted")
                .tag("service", service)
                .description("Streaks of retriable failures that outlasted the retry budget (the service stopped)")
                .register(registry);
    }

    /**
     * Records one more failure of the streak.
     *
     * @return the wait before retrying, or empty when waiting would take the streak past its budget (give up)
     */
    public synchronized Optional<Duration> next() {
        Instant now = clock.instant();
        if (firstFailure == null) {
            firstFailure = now;
        }
        failures++;
        Duration delay = policy.delay(failures, random.getAsDouble());
        if (Duration.between(firstFailure, now).plus(delay).compareTo(policy.budget()) > 0) {
            exhausted.increment();
            return Optional.empty();
        }
        retries.increment();
        return Optional.of(delay);
    }

    /** Waits {@code delay} (from {@link #next()}) the streak's way. */
    public void sleep(Duration delay) throws InterruptedException {
        sleeper.sleep(delay);
    }

    /** Ends the streak: the next failure starts a new one, with the shortest wait and the whole budget. */
    public synchronized void reset() {
        failures = 0;
        firstFailure = null;
    }

    /** Failures in the current streak. */
    public synchronized int failures() {
        return failures;
    }

    /** How long the current streak has lasted (zero when there is none). */
    public synchronized Duration elapsed() {
        return firstFailure == null ? Duration.ZERO : Duration.between(firstFailure, clock.instant());
    }

    public RetryBackoff policy() {
        return policy;
    }
}
