package org.rjhub.common.streams;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.common.service.ServiceRunner;

/**
 * What the router, the case service and the facts service have in common once built: a {@link StreamsService} to
 * start, watch, measure and close. Each service adds only how it is built from its config.
 */
public abstract class StreamsServiceHandle implements ServiceRunner.Service {

    private final StreamsService service;

    protected StreamsServiceHandle(StreamsService service) {
        this.service = service;
    }

    /** Starts {@code built}, closing it if it cannot start: what each service's {@code start(config)} returns. */
    protected static <S extends StreamsServiceHandle> S started(S built) {
        try {
            built.start();
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
        return built;
    }

    /** Starts processing (after the service was built with its HTTP port open). */
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

    /** The port of {@code /health/*} and {@code /metrics} (and the case service's API), or -1 when it serves none. */
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
