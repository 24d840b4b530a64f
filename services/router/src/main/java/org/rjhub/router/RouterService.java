package org.rjhub.router;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.service.ServiceRunner;
import org.rjhub.common.streams.StreamsService;

/**
 * The router running ({@link StreamsService}): builds the topology from config, starts Kafka Streams with the shared
 * retry handler (retriable failures retried with backoff within a budget, fatal ones stop the client), binds its
 * metrics once RUNNING, serves {@code /health/live}, {@code /health/ready} and {@code /metrics} on
 * {@code rj.http.host}:{@code rj.http.port} (-1 serves none), and stops cleanly.
 */
public final class RouterService implements ServiceRunner.Service {

    static final String NAME = "router";

    private final StreamsService service;

    private RouterService(StreamsService service) {
        this.service = service;
    }

    /** The router processing, with its HTTP port open. */
    public static RouterService start(RouterConfig config) {
        RouterService router = create(config);
        try {
            router.start();
        } catch (RuntimeException e) {
            router.close();
            throw e;
        }
        return router;
    }

    /** The router with its HTTP port open, not yet processing ({@link #start()}): what {@link RouterMain} runs. */
    public static RouterService create(RouterConfig config) {
        UnaryOperator<String> naming = config.naming();
        RouterTopics topics = RouterTopics.create(naming, new AvroSerdes(config.connection()));
        return new RouterService(StreamsService.open(
                NAME,
                config,
                RouterTopology.build(config, topics),
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

    /** Waits until the router is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        service.awaitRunning(timeout);
    }

    /** Blocks until the router has stopped: closed, or stopped on a fatal error or a spent retry budget. */
    @Override
    public ServiceRunner.Stop awaitStop() throws InterruptedException {
        return service.awaitStop();
    }

    /** The port of {@code /health/*} and {@code /metrics}, or -1 when it serves none. */
    public int httpPort() {
        return service.httpPort();
    }

    public KafkaStreams streams() {
        return service.streams();
    }

    /** Every Kafka Streams and client metric, and the retry counters, as {@code /metrics} serves them. */
    public PrometheusMeterRegistry registry() {
        return service.registry();
    }

    @Override
    public void close() {
        service.close();
    }
}
