package org.rjhub.cases;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.api.KafkaCaseEventSender;
import org.rjhub.cases.api.StoreCaseReader;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.service.ServiceRunner;
import org.rjhub.common.streams.RetryingUncaughtExceptionHandler;
import org.rjhub.common.streams.StreamsService;

/**
 * The case service running ({@link StreamsService}): Kafka Streams on its topology, and the facilitators' HTTP API on
 * its state, with {@code /health/live}, {@code /health/ready} (from the Kafka Streams state) and {@code /metrics}
 * (Kafka Streams and client metrics, {@code rj_retries_total}) on the same port ({@code rj.http.host}:
 * {@code rj.http.port}). Stream threads failing on retriable errors are replaced after a backoff
 * ({@link RetryingUncaughtExceptionHandler}); the service stops on a fatal error or when the retry budget is spent.
 */
public final class CasesService implements ServiceRunner.Service {

    static final String NAME = "cases";

    private final StreamsService service;

    private CasesService(StreamsService service) {
        this.service = service;
    }

    /** The case service processing, with its HTTP API open. */
    public static CasesService start(CasesConfig config) {
        CasesService cases = create(config);
        try {
            cases.start();
        } catch (RuntimeException e) {
            cases.close();
            throw e;
        }
        return cases;
    }

    /** Starts processing (after {@link #create}). */
    @Override
    public void start() {
        service.start();
    }

    /** The case service with its HTTP API open, not yet processing ({@link #start()}): what {@link CasesMain} runs. */
    public static CasesService create(CasesConfig config) {
        BearerTokens tokens = config.httpPort() >= 0 ? config.bearerTokens() : null; // fails before anything starts
        CasesTopics topics = CasesTopics.create(config.naming(), new AvroSerdes(config.connection()));
        return new CasesService(StreamsService.open(
                NAME,
                config,
                CasesTopology.build(config, topics),
                config.streamsProperties(),
                (service, host, port) -> {
                    KafkaCaseEventSender sender =
                            new KafkaCaseEventSender(KafkaClients.of(config.connection()), topics.caseEvents());
                    service.closeWith(sender);
                    CasesHttpApi api = CasesHttpApi.start(
                            host,
                            port,
                            tokens,
                            new StoreCaseReader(service.streams()),
                            sender,
                            config.serviceLevels(),
                            Clock.systemUTC());
                    service.closeWith(api);
                    api.serveOperations(service.live(), service.ready(), service.registry()::scrape);
                    return api.port();
                }));
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

    /** The port of the HTTP API, or -1 when it serves none. */
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
