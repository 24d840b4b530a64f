package org.rjhub.common.http;

import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One answer of a health probe: up or not, and a word on why (a state name, never personal data).
 *
 * @param up    whether the probe passes (HTTP 200) or not (503)
 * @param state what the service is doing, e.g. {@code RUNNING}, {@code REBALANCING}, {@code NO_ASSIGNMENT}
 */
public record Health(boolean up, String state) {

    /** A probe: asked on every request, so it must be cheap and thread-safe. */
    @FunctionalInterface
    public interface Probe extends Supplier<Health> {}

    /** Live while Kafka Streams has not stopped or failed (a restart would help only then). */
    public static Probe live(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            return new Health(
                    state != KafkaStreams.State.ERROR
                            && state != KafkaStreams.State.NOT_RUNNING
                            && state != KafkaStreams.State.PENDING_ERROR,
                    state.name());
        };
    }

    /** Ready while Kafka Streams is RUNNING: it processes, and its state stores answer. */
    public static Probe ready(KafkaStreams streams) {
        return () -> {
            KafkaStreams.State state = streams.state();
            return new Health(state == KafkaStreams.State.RUNNING, state.name());
        };
    }
}
