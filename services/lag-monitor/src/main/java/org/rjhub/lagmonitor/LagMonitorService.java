package org.rjhub.lagmonitor;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.rjhub.common.service.ServiceRunner;
import org.rjhub.lagmonitor.business.BusinessLagSource;
import org.rjhub.lagmonitor.http.LagHttpServer;
import org.rjhub.lagmonitor.http.LagMetrics;

/**
 * The deployable: a {@link LagMonitor} polling on its own thread, its Prometheus metrics and its HTTP server (on
 * {@code rj.http.host}:{@code rj.http.port}; -1 serves none). It runs until closed ({@link ServiceRunner}): a failed
 * poll is counted and retried at the next interval, never a reason to stop.
 */
public final class LagMonitorService implements ServiceRunner.Service {

    private final LagMonitor monitor;
    private final PrometheusMeterRegistry registry;
    private final LagHttpServer server;
    private final CountDownLatch closed = new CountDownLatch(1);

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
            LagHttpServer server = config.httpPort() < 0
                    ? null
                    : LagHttpServer.start(config.httpHost(), config.httpPort(), monitor, registry);
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

    /** The HTTP port actually bound, or -1 when it serves none. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    /** Blocks until closed: the monitor does not stop on its own. */
    @Override
    public ServiceRunner.Stop awaitStop() throws InterruptedException {
        closed.await();
        return ServiceRunner.Stop.CLOSED;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed.getCount() == 0) {
                return;
            }
            closed.countDown();
        }
        if (server != null) {
            server.close();
        }
        monitor.close();
        registry.close();
    }
}
