package org.rjhub.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.OperationsServer;
import org.rjhub.common.http.StreamsMeters;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.RetryingUncaughtExceptionHandler;
import org.rjhub.common.streams.StreamsLifecycle;

/**
 * The router running: builds the topology from config, starts Kafka Streams with the shared retry
 * handler (retriable failures retried with backoff within a budget, fatal ones stop the client),
 * binds its metrics once RUNNING, and stops cleanly.
 */
public final class RouterService implements AutoCloseable {

    static final String NAME = "router";

    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private final StreamsMeters meters;

    private RouterService(KafkaStreams streams, PrometheusMeterRegistry registry, StreamsMeters meters) {
        this.streams = streams;
        this.registry = registry;
        this.meters = meters;
    }

    public static RouterService start(RouterConfig config) {
        UnaryOperator<String> naming = config.naming();
        RouterTopics topics = RouterTopics.create(naming, new AvroSerdes(config.connection()));
        KafkaStreams streams = KafkaClients.of(config.connection()).streams(RouterTopology.build(config, topics),
                config.streamsProperties());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamsMeters meters = new StreamsMeters(streams, registry);
        RetryingUncaughtExceptionHandler.install(streams, NAME, config.retryBackoff(), registry,
                meters.bindingWhenRunning(null));
        streams.start();
        return new RouterService(streams, registry, meters);
    }

    /** Serves {@code /health/live}, {@code /health/ready} and {@code /metrics} on loopback; port 0 picks one. */
    public OperationsServer serveOperations(int port) {
        return OperationsServer.start(port, Health.live(streams), Health.ready(streams), registry);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Waits until the router is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        StreamsLifecycle.awaitRunning(streams, timeout, NAME);
        meters.bind();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Every Kafka Streams and client metric, and the retry counters, as {@code /metrics} serves them. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        streams.close(Duration.ofSeconds(30));
        meters.close();
    }
}
