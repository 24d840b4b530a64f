package org.rjhub.common.streams;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.OperationsServer;
import org.rjhub.common.http.StreamsMeters;
import org.rjhub.common.service.ServiceRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub Kafka Streams service running, the same way for each: its client with the shared retry handler
 * ({@link RetryingUncaughtExceptionHandler}: retriable failures replace the thread after a backoff, a fatal failure
 * or a spent retry budget stop the client), every client metric and {@code rj_retries_total} in one Prometheus
 * registry (bound once RUNNING), its HTTP port ({@code /health/live}, {@code /health/ready}, {@code /metrics}, and the
 * service's own API if it has one) on {@link StreamsServiceConfig#httpHost()}, and a clean, idempotent close. It is
 * what {@link ServiceRunner} runs: {@link #awaitStop()} tells a close from a failure.
 */
public final class StreamsService implements ServiceRunner.Service {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);

    /** Opens a service's HTTP port: what it serves, registered with {@link #closeWith} or {@link #serveOperations}. */
    @FunctionalInterface
    public interface Http {
        /**
         * @param host the bind address ({@link StreamsServiceConfig#httpHost()})
         * @param port the port, 0 for a free one
         * @return the port bound
         */
        int open(StreamsService service, String host, int port);
    }

    /** The operations routes alone: {@code /health/live}, {@code /health/ready}, {@code /metrics}. */
    public static final Http OPERATIONS =
            (service, host, port) -> service.serveOperations(host, port).port();

    private final String name;
    private final KafkaStreams streams;
    private final PrometheusMeterRegistry registry;
    private final StreamsMeters meters;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private volatile boolean failed;
    private volatile int httpPort = -1;
    private boolean closed;

    private StreamsService(String name, KafkaStreams streams, PrometheusMeterRegistry registry) {
        this.name = name;
        this.streams = streams;
        this.registry = registry;
        this.meters = new StreamsMeters(streams, registry);
    }

    /**
     * The client on {@code topology}, with the retry handler and metrics; not started, serving nothing.
     *
     * @param name the service's name, in logs and on {@code rj_retries_total{service}}
     */
    public static StreamsService create(String name, Topology topology, Properties properties, RetryBackoff retry) {
        StreamsService service = new StreamsService(
                name,
                KafkaClients.forCluster(properties).streams(topology, properties),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        RetryingUncaughtExceptionHandler.install(
                service.streams, name, retry, service.registry, service.meters.bindingWhenRunning(service::onChange));
        return service;
    }

    /**
     * What every hub Streams service does before it processes: {@link #create} the client, and open its HTTP port with
     * {@code http} on the config's host and port (unless the port is -1); {@link #start()} then starts processing.
     * When the port cannot be opened (e.g. in use), the client is closed and the failure thrown.
     */
    public static StreamsService open(
            String name, StreamsServiceConfig config, Topology topology, Properties properties, Http http) {
        StreamsService service = create(name, topology, properties, config.retryBackoff());
        try {
            if (config.httpPort() >= 0) {
                service.httpPort = http.open(service, config.httpHost(), config.httpPort());
                LOG.info("{}: HTTP (health, metrics) on {}:{}", name, config.httpHost(), service.httpPort);
            }
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** {@link #open}, then {@link #start()}: the service processing; a failure to start closes it. */
    public static StreamsService start(
            String name, StreamsServiceConfig config, Topology topology, Properties properties, Http http) {
        StreamsService service = open(name, config, topology, properties, http);
        try {
            service.start();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    private void onChange(KafkaStreams.State now, KafkaStreams.State before) {
        if (now == KafkaStreams.State.ERROR) {
            failed = true; // for good: a close after the failure does not make it a clean stop
        }
        if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
            stopped.countDown();
        }
    }

    /**
     * Starts processing (after {@link #create} or {@link #open}). Blocks while a global store initialises; a
     * {@link #close()} from another thread ends that.
     */
    @Override
    public void start() {
        streams.start();
    }

    /**
     * Serves {@code /health/live}, {@code /health/ready} and {@code /metrics} on {@code host} and {@code port}
     * (0 picks one) until the service closes.
     */
    public OperationsServer serveOperations(String host, int port) {
        OperationsServer server = OperationsServer.start(host, port, live(), ready(), registry);
        closeWith(server);
        return server;
    }

    /** Closes {@code resource} when the service closes, before the client (the last registered first). */
    public synchronized void closeWith(AutoCloseable resource) {
        resources.push(resource);
    }

    /** Live while Kafka Streams has not stopped or failed. */
    public Health.Probe live() {
        return Health.live(streams);
    }

    /** Ready while Kafka Streams is RUNNING. */
    public Health.Probe ready() {
        return Health.ready(streams);
    }

    /** Waits until the service is processing (RUNNING), or fails after {@code timeout} or once it cannot get there. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        StreamsLifecycle.awaitRunning(streams, timeout, name);
        meters.bind();
    }

    /** Blocks until the client has stopped: closed, or stopped on a fatal error or a spent retry budget. */
    @Override
    public ServiceRunner.Stop awaitStop() throws InterruptedException {
        stopped.await();
        return failed ? ServiceRunner.Stop.FAILED : ServiceRunner.Stop.CLOSED;
    }

    /** Whether the client stopped on a fatal error or a spent retry budget (state ERROR). */
    public boolean failed() {
        return failed;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Every Kafka Streams and client metric, and the retry counters, as {@code /metrics} serves them. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The HTTP port bound at {@link #start}, or -1 when it serves none. */
    public int httpPort() {
        return httpPort;
    }

    public String name() {
        return name;
    }

    /** Closes the HTTP port and what else was registered, then the client (waiting up to 30 s); only once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        AutoCloseable resource;
        while ((resource = nextResource()) != null) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn(
                        "{}: closing {} failed ({}); going on",
                        name,
                        resource.getClass().getSimpleName(),
                        e.getClass().getName(),
                        e);
            }
        }
        meters.close();
        streams.close(Duration.ofSeconds(30));
    }

    private synchronized AutoCloseable nextResource() {
        return resources.poll();
    }
}
