package org.rjhub.router.http;

import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The router's operations port: {@code /health/live}, {@code /health/ready} from the Kafka Streams
 * state, and {@code /metrics} in Prometheus text with every Kafka Streams and client metric
 * (records consumed and produced per topic, the router's {@code deduplicated-total}, lag, commit
 * latency ...) bound through Micrometer.
 */
public final class RouterHttp implements AutoCloseable {

    private final Javalin app;
    private final KafkaStreamsMetrics binder;
    private final PrometheusMeterRegistry registry;

    private RouterHttp(Javalin app, KafkaStreamsMetrics binder, PrometheusMeterRegistry registry) {
        this.app = app;
        this.binder = binder;
        this.registry = registry;
    }

    /**
     * Binds the Kafka Streams metrics; call once the router is RUNNING, so the metrics its tasks
     * register on assignment (such as {@code deduplicated-total}) are there to bind.
     */
    public void bindMetrics() {
        binder.bindTo(registry);
    }

    /** Starts the port; {@code port} 0 picks a free one. */
    public static RouterHttp start(KafkaStreams streams, int port) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams);
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/health/live", ctx -> {
                    boolean live = streams.state() != KafkaStreams.State.ERROR
                            && streams.state() != KafkaStreams.State.NOT_RUNNING;
                    ctx.status(live ? 200 : 503).json(java.util.Map.of("state", streams.state().name()));
                })
                .get("/health/ready", ctx -> {
                    boolean ready = streams.state() == KafkaStreams.State.RUNNING;
                    ctx.status(ready ? 200 : 503).json(java.util.Map.of("state", streams.state().name()));
                })
                .get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(registry.scrape()))
                .start("127.0.0.1", port);
        return new RouterHttp(app, binder, registry);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        binder.close();
        app.stop();
    }
}
