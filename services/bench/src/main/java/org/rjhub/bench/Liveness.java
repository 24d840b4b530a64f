package org.rjhub.bench;

import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Whether what the bench is waiting on can still answer: checked between the polls of every wait for
 * acknowledgements, so that a router stopped on a fatal error (or past its retry budget), or a broker or registry
 * process of the local stack that exited, ends the run at once with what stopped, instead of after the wait's budget
 * (minutes: it is sized for a router that is alive but slow).
 */
@FunctionalInterface
interface Liveness {

    /** Empty while it may still answer; otherwise what stopped and where to read why, in a sentence. */
    Optional<String> stopped();

    /**
     * A Kafka Streams service running inside the bench's JVM (the router, the exactly-once baseline), judged by its
     * client's state.
     *
     * @param name  what it is, in the message: "the router"
     * @param state its client's state, read at each check
     */
    static Liveness ofStreams(String name, Supplier<KafkaStreams.State> state) {
        return () -> stopped(name, state.get());
    }

    /**
     * The decision: CREATED, REBALANCING and RUNNING may still answer; ERROR and PENDING_ERROR mean it stopped on a
     * fatal error or a spent retry budget (the shared handler then shuts the client down, with no thread left to
     * process); PENDING_SHUTDOWN and NOT_RUNNING mean it was closed.
     */
    static Optional<String> stopped(String name, KafkaStreams.State state) {
        return switch (state) {
            case CREATED, REBALANCING, RUNNING -> Optional.empty();
            case ERROR, PENDING_ERROR ->
                Optional.of(name + " stopped: its Kafka Streams client is in state " + state
                        + " (a fatal error, or retriable failures past the retry budget). It runs inside the bench, so its"
                        + " log, with the cause, is the bench's standard error above");
            case PENDING_SHUTDOWN, NOT_RUNNING ->
                Optional.of(name + " was closed: its Kafka Streams client is in state " + state);
        };
    }

    /** This, then {@code other}: the first that has stopped. */
    default Liveness and(Liveness other) {
        return () -> {
            Optional<String> stopped = stopped();
            return stopped.isPresent() ? stopped : other.stopped();
        };
    }

    /**
     * Fails the wait at once when it has stopped.
     *
     * @param waiting what the wait still lacks, at the start of the message: "12 of 300 referrals not acknowledged"
     * @throws StoppedException naming what stopped
     */
    default void check(String waiting) {
        Optional<String> stopped = stopped();
        if (stopped.isPresent()) {
            throw new StoppedException(waiting + ": " + stopped.get());
        }
    }

    /** What the bench was waiting on stopped: waiting longer would not bring what is missing. */
    final class StoppedException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        StoppedException(String message) {
            super(message);
        }
    }
}
