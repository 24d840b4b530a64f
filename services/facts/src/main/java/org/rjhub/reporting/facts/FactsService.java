package org.rjhub.reporting.facts;

import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.service.ServiceRunner;
import org.rjhub.common.streams.RetryingUncaughtExceptionHandler;
import org.rjhub.common.streams.StreamsService;

/**
 * The facts service running ({@link StreamsService}): builds the topology from config, starts Kafka Streams, stops
 * cleanly. A stream thread failing on a retriable error is replaced after a backoff; a fatal error, or retries
 * outlasting their budget, stop the service ({@link RetryingUncaughtExceptionHandler}). Its HTTP port
 * ({@link FactsConfig#HTTP_HOST}:{@link FactsConfig#HTTP_PORT}) serves {@code /health/live}, {@code /health/ready}
 * (RUNNING) and {@code /metrics}: every Kafka Streams and client metric (facts produced:
 * {@code kafka_stream_topic_records_produced_total{topic=~".*rj.reporting.case-facts.v1"}}) and
 * {@code rj_retries_total{service="reporting-facts"}}.
 */
public final class FactsService implements ServiceRunner.Service {

    static final String NAME = "reporting-facts";

    private final StreamsService service;

    private FactsService(StreamsService service) {
        this.service = service;
    }

    /** The facts service processing, with its HTTP port open. */
    public static FactsService start(FactsConfig config) {
        FactsService facts = create(config);
        try {
            facts.start();
        } catch (RuntimeException e) {
            facts.close();
            throw e;
        }
        return facts;
    }

    /** The facts service with its HTTP port open, not yet processing ({@link #start()}): what {@link FactsMain} runs. */
    public static FactsService create(FactsConfig config) {
        FactsTopics topics = FactsTopics.create(config.naming(), new AvroSerdes(config.connection()));
        return new FactsService(StreamsService.open(
                NAME,
                config,
                FactsTopology.build(config, topics),
                config.streamsProperties(),
                StreamsService.OPERATIONS));
    }

    /** Starts processing (after {@link #create}). */
    @Override
    public void start() {
        service.start();
    }

    public KafkaStreams.State state() {
        return service.state();
    }

    /** Waits until the service is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        service.awaitRunning(timeout);
    }

    /** Blocks until the service has stopped: closed, or stopped on a fatal error or a spent retry budget. */
    @Override
    public ServiceRunner.Stop awaitStop() throws InterruptedException {
        return service.awaitStop();
    }

    /** The operations port, or -1 when it is off. */
    public int httpPort() {
        return service.httpPort();
    }

    public KafkaStreams streams() {
        return service.streams();
    }

    @Override
    public void close() {
        service.close();
    }
}
