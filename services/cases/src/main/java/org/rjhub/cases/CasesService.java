package org.rjhub.cases;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.api.KafkaCaseEventSender;
import org.rjhub.cases.api.StoreCaseReader;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.StreamsMeters;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.RetryingUncaughtExceptionHandler;
import org.rjhub.common.streams.StreamsLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The case service running: Kafka Streams on its topology, and the facilitators' HTTP API on its state, with
 * {@code /health/live}, {@code /health/ready} (from the Kafka Streams state) and {@code /metrics} (Kafka Streams and
 * client metrics, {@code rj_retries_total}) on the same port. Stream threads failing on retriable errors are
 * replaced after a backoff ({@link RetryingUncaughtExceptionHandler}); the service stops on a fatal error or when
 * the retry budget is spent.
 */
public final class CasesService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CasesService.class);
    private static final String NAME = "cases";

    private final KafkaStreams streams;
    private final KafkaCaseEventSender sender;
    private final CasesHttpApi api;
    private final StreamsMeters meters;
    private final CountDownLatch ended;

    private CasesService(KafkaStreams streams, KafkaCaseEventSender sender, CasesHttpApi api, StreamsMeters meters,
                         CountDownLatch ended) {
        this.streams = streams;
        this.sender = sender;
        this.api = api;
        this.meters = meters;
        this.ended = ended;
    }

    public static CasesService start(CasesConfig config) {
        BearerTokens tokens = config.httpPort() >= 0 ? config.bearerTokens() : null; // fails before anything starts
        CasesTopics topics = CasesTopics.create(config.naming(), new AvroSerdes(config.connection()));
        KafkaStreams streams = KafkaClients.of(config.connection()).streams(CasesTopology.build(config, topics),
                config.streamsProperties());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamsMeters meters = new StreamsMeters(streams, registry);
        CountDownLatch ended = new CountDownLatch(1);
        RetryingUncaughtExceptionHandler.install(streams, NAME, config.retryBackoff(), registry,
                meters.bindingWhenRunning(StreamsLifecycle.countDownWhenStopped(ended)));
        streams.start();
        KafkaCaseEventSender sender = null;
        CasesHttpApi api = null;
        if (config.httpPort() >= 0) {
            sender = new KafkaCaseEventSender(KafkaClients.of(config.connection()), topics.caseEvents());
            api = CasesHttpApi.start(config.httpHost(), config.httpPort(), tokens, new StoreCaseReader(streams), sender,
                    config.serviceLevels(), Clock.systemUTC());
            api.serveOperations(Health.live(streams), Health.ready(streams), registry::scrape);
            LOG.info("Facilitators' API on {} port {}", config.httpHost(), api.port());
        }
        return new CasesService(streams, sender, api, meters, ended);
    }

    /** Waits until the service is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        StreamsLifecycle.awaitRunning(streams, timeout, "case service");
        meters.bind();
    }

    /** Blocks until the service has stopped (closed, or stopped on a fatal error or a spent retry budget). */
    public void awaitTermination() throws InterruptedException {
        ended.await();
    }

    /** The port of the HTTP API, or -1 when it serves none. */
    public int httpPort() {
        return api == null ? -1 : api.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        meters.close();
        if (api != null) {
            api.close();
        }
        streams.close(Duration.ofSeconds(30));
        if (sender != null) {
            sender.close();
        }
    }
}
