package org.rjhub.common.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Supplier;
import org.rjhub.common.config.HttpSettings;

/**
 * The operations port every hub service serves: {@code GET /health/live} and {@code GET /health/ready} (200 or 503,
 * with {@code {"state": ...}}), and {@code GET /metrics} in Prometheus text. {@link #start} serves them alone, on
 * loopback unless told otherwise (a sidecar or node agent scrapes and probes; nothing else is exposed);
 * {@link #routes} adds them to a service's own API.
 */
public final class OperationsServer implements AutoCloseable {

    /** The content type of the Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    private OperationsServer(Javalin app) {
        this.app = app;
    }

    /**
     * Serves the three routes on loopback.
     *
     * @param port 0 picks a free one (see {@link #port()})
     */
    public static OperationsServer start(
            int port, Health.Probe live, Health.Probe ready, PrometheusMeterRegistry registry) {
        return start(HttpSettings.LOOPBACK, port, live, ready, registry);
    }

    /**
     * Serves the three routes on {@code host} ({@link HttpSettings#HOST}: loopback, or e.g. {@code 0.0.0.0}).
     *
     * @param port 0 picks a free one (see {@link #port()})
     */
    public static OperationsServer start(
            String host, int port, Health.Probe live, Health.Probe ready, PrometheusMeterRegistry registry) {
        if (port < 0) {
            throw new IllegalArgumentException("port " + port + ": a service with its operations port off starts none");
        }
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false);
        routes(app, live, ready, registry::scrape);
        app.start(host, port);
        return new OperationsServer(app);
    }

    /** Adds {@code /health/live}, {@code /health/ready} and {@code /metrics} to {@code app}. */
    public static Javalin routes(Javalin app, Health.Probe live, Health.Probe ready, Supplier<String> metrics) {
        return app.get("/health/live", ctx -> answer(ctx, live.get()))
                .get("/health/ready", ctx -> answer(ctx, ready.get()))
                .get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.get()));
    }

    private static void answer(Context ctx, Health health) {
        ctx.status(health.up() ? 200 : 503).json(Map.of("state", health.state()));
    }

    /** The port actually bound. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
