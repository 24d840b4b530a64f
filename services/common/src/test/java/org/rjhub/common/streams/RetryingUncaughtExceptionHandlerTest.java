package org.rjhub.common.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.rjhub.common.errors.RetryBackoff;

class RetryingUncaughtExceptionHandlerTest {

    private static final RetryBackoff POLICY = new RetryBackoff(
            Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0, Duration.ofSeconds(30), Duration.ofMinutes(2));
    private static final RetryBackoff LONG_BUDGET = new RetryBackoff(
            Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.0, Duration.ofHours(1), Duration.ofMinutes(2));
    /** What a record handler's FAIL reaches the thread as: the broker timed out under a StreamsException. */
    private static final Throwable BROKER_DOWN =
            new StreamsException("task failed", new TimeoutException("Expiring 3 record(s) for t-0"));

    private Instant now = Instant.parse("2026-11-02T09:00:00Z");
    private final List<Duration> slept = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RetryingUncaughtExceptionHandler handler = handler(POLICY);

    @Test
    void shouldShutTheClientDownAtOnceOnAFatalFailure() {
        StreamThreadExceptionResponse response =
                handler.handle(new StreamsException("bad", new SerializationException("unknown magic byte")));

        assertThat(response).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(slept).isEmpty();
        assertThat(retries()).isZero();
    }

    @Test
    void shouldWaitLongerBeforeEachReplacementOfAFailingThread() {
        List<StreamThreadExceptionResponse> responses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            responses.add(handler.handle(BROKER_DOWN));
        }

        assertThat(responses).containsOnly(REPLACE_THREAD);
        assertThat(slept)
                .containsExactly(
                        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(retries()).isEqualTo(4.0);
    }

    @Test
    void shouldShutTheClientDownOnceRetriesOutlastTheBudget() {
        // waits 1 + 2 + 4 + 8 + 8 = 23 s; the next 8 s would pass the 30 s budget
        List<StreamThreadExceptionResponse> responses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            responses.add(handler.handle(BROKER_DOWN));
        }

        assertThat(responses)
                .containsExactly(
                        REPLACE_THREAD,
                        REPLACE_THREAD,
                        REPLACE_THREAD,
                        REPLACE_THREAD,
                        REPLACE_THREAD,
                        SHUTDOWN_CLIENT);
        assertThat(registry.get("rj.retries.exhausted").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldStartANewStreakOnceTheServiceHasRunLongEnough() {
        // Given two failures, then the service RUNNING again for the reset period
        handler.handle(BROKER_DOWN);
        handler.handle(BROKER_DOWN);
        handler.onChange(State.REBALANCING, State.RUNNING);
        handler.onChange(State.RUNNING, State.REBALANCING);
        now = now.plus(Duration.ofMinutes(2));

        // When it fails again
        handler.handle(BROKER_DOWN);

        // Then it waits the shortest wait again
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    @Test
    void shouldKeepTheStreakWhenTheServiceFailsAgainSoonAfterRecovering() {
        RetryingUncaughtExceptionHandler handler = handler(LONG_BUDGET);
        handler.handle(BROKER_DOWN);
        handler.handle(BROKER_DOWN);
        handler.onChange(State.RUNNING, State.REBALANCING);
        now = now.plus(Duration.ofSeconds(119));

        handler.handle(BROKER_DOWN);

        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void shouldKeepTheStreakWhileTheServiceNeverGotBackToRunning() {
        RetryingUncaughtExceptionHandler handler = handler(LONG_BUDGET);
        handler.handle(BROKER_DOWN);
        handler.onChange(State.REBALANCING, State.RUNNING);
        now = now.plus(Duration.ofMinutes(10));

        handler.handle(BROKER_DOWN);

        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    private RetryingUncaughtExceptionHandler handler(RetryBackoff policy) {
        return RetryingUncaughtExceptionHandler.of(
                "test",
                policy.streak(
                        "test",
                        registry,
                        () -> now,
                        d -> {
                            slept.add(d);
                            now = now.plus(d);
                        },
                        () -> 0.5),
                () -> now);
    }

    private double retries() {
        return registry.get("rj.retries").tag("service", "test").counter().count();
    }
}
