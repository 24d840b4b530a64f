package org.rjhub.reporting.facts;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.serde.AvroSerdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The facts service running: builds the topology from config, starts Kafka Streams, stops cleanly. */
public final class FactsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FactsService.class);

    private final KafkaStreams streams;
    private final CountDownLatch ended = new CountDownLatch(1);

    private FactsService(KafkaStreams streams) {
        this.streams = streams;
    }

    public static FactsService start(FactsConfig config) {
        FactsTopics topics = FactsTopics.create(config.naming(), new AvroSerdes(config.connection()));
        KafkaStreams streams = new KafkaStreams(FactsTopology.build(config, topics), config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            if (ErrorClassifier.classify(e) == ErrorClassifier.Kind.RETRIABLE) {
                LOG.warn("Stream thread failed on a retriable error; replacing it (its transaction was aborted)", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            LOG.error("Stream thread failed on a fatal error; stopping the facts service (nothing was half-written)", e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        FactsService service = new FactsService(streams);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                service.ended.countDown();
            }
        });
        streams.start();
        return service;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Waits until the service is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        org.rjhub.common.streams.StreamsLifecycle.awaitRunning(streams, timeout, "facts service");
    }

    /** Blocks until the service has stopped (closed, or stopped on a fatal error). */
    public void awaitTermination() throws InterruptedException {
        ended.await();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
    }
}
