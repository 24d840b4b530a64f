package org.rjhub.lagmonitor.http;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.rjhub.lagmonitor.LagJson;
import org.rjhub.lagmonitor.LagMonitor;

/**
 * The monitor over HTTP:
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format;</li>
 *   <li>{@code GET /lag}: the latest snapshot as JSON (503 before the first successful poll);</li>
 *   <li>{@code GET /health/live}: 200 while the process serves;</li>
 *   <li>{@code GET /health/ready}: 200 once a poll has succeeded, 503 before.</li>
 * </ul>
 */
public final class LagHttpServer implements AutoCloseable {

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;

    private LagHttpServer(Javalin app) {
        this.app = app;
    }

    /** Starts serving on {@code host} (loopback, or e.g. {@code 0.0.0.0}), on {@code port} (0 picks a free one). */
    public static LagHttpServer start(String host, int port, LagMonitor monitor, PrometheusMeterRegistry registry) {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
        app.get(
                "/lag",
                ctx -> monitor.latest()
                        .ifPresentOrElse(
                                snapshot -> ctx.contentType("application/json").result(LagJson.render(snapshot)),
                                () -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                                        .contentType("application/json")
                                        .result("{\"error\":\"no successful poll yet\"}")));
        app.get("/health/live", ctx -> ctx.result("live"));
        app.get("/health/ready", ctx -> {
            if (monitor.isReady()) {
                ctx.result("ready");
            } else {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result("no successful poll yet");
            }
        });
        app.start(host, port);
        return new LagHttpServer(app);
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
