package org.rjhub.common.errors;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The hub's one policy for failures that may pass (broker, registry or database unavailable): wait with
 * exponential backoff and jitter before each retry, and give up once a streak of failures has lasted longer
 * than the budget, so that a failure that does not pass ends in a clear stop instead of an endless loop.
 *
 * <p>The n-th retry of a streak waits {@code min(max, initial * multiplier^(n-1))}, spread by up to
 * {@code ±jitter} of itself (so that instances failing together do not retry together), never above
 * {@code max}. A streak gives up when the wait would take it past {@code budget} from its first failure.
 * Every service reads the same settings ({@link #define}, {@link #from}); {@link RetryStreak} applies them.
 *
 * @param initial    the wait before the first retry
 * @param max        the longest wait
 * @param multiplier how much each wait grows (at least 1)
 * @param jitter     the spread of each wait, as a fraction of it (0 to 1)
 * @param budget     how long a streak of failures may retry before it gives up (0: never retry)
 * @param resetAfter how long a service must work again before a new failure starts a new streak
 */
public record RetryBackoff(
        Duration initial, Duration max, double multiplier, double jitter, Duration budget, Duration resetAfter) {

    public static final String INITIAL_MS = "rj.retry.backoff.ms";
    public static final String MAX_MS = "rj.retry.backoff.max.ms";
    public static final String MULTIPLIER = "rj.retry.backoff.multiplier";
    public static final String JITTER = "rj.retry.backoff.jitter";
    public static final String BUDGET_MS = "rj.retry.budget.ms";
    public static final String RESET_AFTER_MS = "rj.retry.reset.after.ms";

    /** How a streak waits; injected so that tests never sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public RetryBackoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= max, got " + initial + " and " + max);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("multiplier must be at least 1, got " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, got " + jitter);
        }
        if (budget.isNegative() || resetAfter.isNegative()) {
            throw new IllegalArgumentException("budget and reset-after must not be negative");
        }
    }

    /** 1 s doubling up to 30 s, ±20 %, for at most 10 minutes; a new streak after 2 minutes of work. */
    public static RetryBackoff defaults() {
        return new RetryBackoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 2.0, 0.2, Duration.ofMinutes(10), Duration.ofMinutes(2));
    }

    /** Adds the retry settings, with {@link #defaults()}, to a service's config definition. */
    public static ConfigDef define(ConfigDef def) {
        RetryBackoff d = defaults();
        return def.define(
                        INITIAL_MS,
                        Type.LONG,
                        d.initial().toMillis(),
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "Wait before the first retry of a failure that may pass (broker, registry or database down).")
                .define(
                        MAX_MS,
                        Type.LONG,
                        d.max().toMillis(),
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "Longest wait between retries; at least " + INITIAL_MS + ".")
                .define(
                        MULTIPLIER,
                        Type.DOUBLE,
                        d.multiplier(),
                        ConfigDef.Range.atLeast(1),
                        Importance.LOW,
                        "How much each wait grows over the previous one.")
                .define(
                        JITTER,
                        Type.DOUBLE,
                        d.jitter(),
                        ConfigDef.Range.between(0, 1),
                        Importance.LOW,
                        "Random spread of each wait, as a fraction of it, so that instances do not retry in step.")
                .define(
                        BUDGET_MS,
                        Type.LONG,
                        d.budget().toMillis(),
                        ConfigDef.Range.atLeast(0),
                        Importance.MEDIUM,
                        "How long a streak of retriable failures may be retried before the service stops (with a "
                                + "clear log line) instead of retrying for ever; 0 never retries.")
                .define(
                        RESET_AFTER_MS,
                        Type.LONG,
                        d.resetAfter().toMillis(),
                        ConfigDef.Range.atLeast(0),
                        Importance.LOW,
                        "How long the service must work again before a new failure starts a new streak.");
    }

    /** The policy a service's config holds (its definition went through {@link #define}). */
    public static RetryBackoff from(AbstractConfig config) {
        return new RetryBackoff(
                Duration.ofMillis(config.getLong(INITIAL_MS)),
                Duration.ofMillis(config.getLong(MAX_MS)),
                config.getDouble(MULTIPLIER),
                config.getDouble(JITTER),
                Duration.ofMillis(config.getLong(BUDGET_MS)),
                Duration.ofMillis(config.getLong(RESET_AFTER_MS)));
    }

    /**
     * The wait before retry number {@code retry} of a streak (1 is the first).
     *
     * @param random a number in [0, 1): 0.5 gives the wait without jitter, 0 the shortest, near 1 the longest
     */
    public Duration delay(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries count from 1, got " + retry);
        }
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(multiplier, retry - 1));
        double spread = base * (1.0 + jitter * (2.0 * random - 1.0));
        return Duration.ofMillis(Math.round(Math.min(max.toMillis(), Math.max(0.0, spread))));
    }

    /** A streak on the system clock, sleeping the calling thread; retries counted in {@code registry}. */
    public RetryStreak streak(String service, MeterRegistry registry) {
        return streak(
                service,
                registry,
                InstantSource.system(),
                d -> Thread.sleep(d.toMillis()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** A streak with its clock, its way of waiting and its randomness given (tests). */
    public RetryStreak streak(
            String service, MeterRegistry registry, InstantSource clock, Sleeper sleeper, DoubleSupplier random) {
        return new RetryStreak(this, service, registry, clock, sleeper, random);
    }
}
