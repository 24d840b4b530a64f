package org.rjhub.common.streams;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;

/** What every Kafka Streams service of the hub does the same way around its running topology. */
public final class StreamsLifecycle {

    private StreamsLifecycle() {}

    /**
     * Waits until {@code streams} is processing (RUNNING), or fails after {@code timeout} or as soon
     * as it can no longer get there (stopped, failed).
     *
     * @param service the service's name, for the error message
     */
    public static void awaitRunning(KafkaStreams streams, Duration timeout, String service)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            KafkaStreams.State state = streams.state();
            if (System.nanoTime() > deadline
                    || !state.isRunningOrRebalancing() && state != KafkaStreams.State.CREATED) {
                throw new IllegalStateException(service + " not running after " + timeout + ": " + state);
            }
            Thread.sleep(50);
        }
    }

    /** A state listener that counts {@code ended} down once the client has stopped: closed, or failed (ERROR). */
    public static KafkaStreams.StateListener countDownWhenStopped(CountDownLatch ended) {
        return (now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                ended.countDown();
            }
        };
    }
}
