package org.rjhub.lagmonitor;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.rjhub.lagmonitor.business.BusinessLagSource;
import org.rjhub.lagmonitor.http.LagHttpServer;
import org.rjhub.lagmonitor.http.LagMetrics;

/** The deployable: a {@link LagMonitor} polling on its own thread, its Prometheus metrics and its HTTP server. */
public final class LagMonitorService implements AutoCloseable {

    private final LagMonitor monitor;
    private final PrometheusMeterRegistry registry;
    private final LagHttpServer server;

    private LagMonitorService(LagMonitor monitor, PrometheusMeterRegistry registry, LagHttpServer server) {
        this.monitor = monitor;
        this.registry = registry;
        this.server = server;
    }

    public static LagMonitorService start(LagMonitorConfig config) {
        return start(config, List.of());
    }

    /** Starts polling and serving; the HTTP server answers at once, ready after the first successful poll. */
    public static LagMonitorService start(LagMonitorConfig config, List<BusinessLagSource> businessSources) {
        LagMonitor monitor = LagMonitor.create(config, businessSources);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            LagMetrics.bind(monitor, registry);
            LagHttpServer server = LagHttpServer.start(config.httpPort(), monitor, registry);
            monitor.start();
            return new LagMonitorService(monitor, registry, server);
        } catch (RuntimeException e) {
            monitor.close();
            registry.close();
            throw e;
        }
    }

    public LagMonitor monitor() {
        return monitor;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The HTTP port actually bound. */
    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        monitor.close();
        registry.close();
    }
}
