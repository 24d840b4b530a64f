package org.rjhub.router;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.rjhub.common.serde.AvroSerdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router running: builds the topology from config, starts Kafka Streams, stops cleanly. */
public final class RouterService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouterService.class);

    private final KafkaStreams streams;

    private RouterService(KafkaStreams streams) {
        this.streams = streams;
    }

    public static RouterService start(RouterConfig config) {
        UnaryOperator<String> naming = config.naming();
        RouterTopics topics = RouterTopics.create(naming, new AvroSerdes(config.connection()));
        KafkaStreams streams = new KafkaStreams(RouterTopology.build(config, topics), config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it (the transaction was aborted, nothing is lost)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        return new RouterService(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Waits until the router is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        org.rjhub.common.streams.StreamsLifecycle.awaitRunning(streams, timeout, "router");
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
