package org.rjhub.common.streams;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.common.errors.RetryStreak;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hub Kafka Streams service does when a stream thread dies:
 * <ul>
 *   <li>a <b>retriable</b> failure ({@link ErrorClassifier}: broker or registry unavailable, a task the record
 *       handlers failed so it would be retried) waits the {@link RetryBackoff} wait, then replaces the thread,
 *       which resumes from the last committed transaction: nothing is lost, nothing is dead-lettered;</li>
 *   <li>once a streak of such failures has outlasted the retry budget, the client shuts down with one clear log line
 *       (the orchestrator restarts it, or an operator looks);</li>
 *   <li>a <b>fatal</b> failure shuts the client down at once: the record handlers have already dead-lettered what a
 *       record could cause, so what reaches here is a broken contract or a bug, which a new thread would only repeat.</li>
 * </ul>
 * A streak ends once the service is RUNNING and has been for the policy's {@code resetAfter} since it last became
 * RUNNING and since the last failure. It also serves as the
 * client's state listener (to see RUNNING, and to stop waiting when the client closes); {@link #install} sets both.
 * Logs name the exception class only with the stack trace, never record contents.
 */
public final class RetryingUncaughtExceptionHandler
        implements StreamsUncaughtExceptionHandler, KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingUncaughtExceptionHandler.class);

    private final String service;
    private final RetryStreak streak;
    private final InstantSource clock;
    private final KafkaStreams.StateListener next;
    private final CountDownLatch closing;
    private Instant lastFailure;
    private Instant runningSince;

    RetryingUncaughtExceptionHandler(
            String service,
            RetryStreak streak,
            InstantSource clock,
            KafkaStreams.StateListener next,
            CountDownLatch closing) {
        this.service = service;
        this.streak = streak;
        this.clock = clock;
        this.next = next;
        this.closing = closing;
    }

    /**
     * Makes a handler for {@code streams} and sets it as its uncaught-exception handler and state listener; call
     * before {@code start()}. Waits end early when the client starts closing.
     *
     * @param service  the service's name, in logs and on the {@code rj.retries} counter
     * @param also     a state listener of the service's own, told of every change after this one (or null)
     */
    public static RetryingUncaughtExceptionHandler install(
            KafkaStreams streams,
            String service,
            RetryBackoff policy,
            MeterRegistry registry,
            KafkaStreams.StateListener also) {
        CountDownLatch closing = new CountDownLatch(1);
        RetryStreak streak = policy.streak(
                service,
                registry,
                InstantSource.system(),
                d -> closing.await(d.toMillis(), TimeUnit.MILLISECONDS),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        RetryingUncaughtExceptionHandler handler =
                new RetryingUncaughtExceptionHandler(service, streak, InstantSource.system(), also, closing);
        streams.setUncaughtExceptionHandler(handler);
        streams.setStateListener(handler);
        return handler;
    }

    /** A handler on a given streak and clock (tests). */
    static RetryingUncaughtExceptionHandler of(String service, RetryStreak streak, InstantSource clock) {
        return new RetryingUncaughtExceptionHandler(service, streak, clock, null, new CountDownLatch(1));
    }

    @Override
    public StreamThreadExceptionResponse handle(Throwable failure) {
        if (ErrorClassifier.classify(failure) == ErrorClassifier.Kind.FATAL) {
            LOG.error(
                    "{}: stream thread failed on a fatal error ({}); shutting the client down (its transaction was "
                            + "aborted, nothing was half-written)",
                    service,
                    failure.getClass().getName(),
                    failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        Optional<Duration> delay;
        synchronized (this) {
            Instant now = clock.instant();
            if (lastFailure != null && runningSince != null) {
                // working since it was last RUNNING, or since the last failure if it never left RUNNING
                Instant working = runningSince.isAfter(lastFailure) ? runningSince : lastFailure;
                if (!now.isBefore(working.plus(streak.policy().resetAfter()))) {
                    streak.reset();
                }
            }
            lastFailure = now;
            delay = streak.next();
        }
        if (delay.isEmpty()) {
            LOG.error(
                    "{}: {} retriable failures in a row over {} s, past the retry budget of {} s; shutting the client "
                            + "down (last: {})",
                    service,
                    streak.failures(),
                    streak.elapsed().toSeconds(),
                    streak.policy().budget().toSeconds(),
                    failure.getClass().getName(),
                    failure);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.warn(
                "{}: stream thread failed on a retriable error ({}, {} in a row); replacing it in {} ms (its transaction "
                        + "was aborted, nothing is lost)",
                service,
                failure.getClass().getName(),
                streak.failures(),
                delay.get().toMillis(),
                failure);
        try {
            streak.sleep(delay.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        synchronized (this) {
            runningSince = newState == KafkaStreams.State.RUNNING ? clock.instant() : null;
        }
        if (newState == KafkaStreams.State.PENDING_SHUTDOWN
                || newState == KafkaStreams.State.PENDING_ERROR
                || newState == KafkaStreams.State.NOT_RUNNING
                || newState == KafkaStreams.State.ERROR) {
            closing.countDown();
        }
        if (next != null) {
            next.onChange(newState, oldState);
        }
    }
}
