package org.rjhub.cases;

import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.api.KafkaCaseEventSender;
import org.rjhub.cases.api.StoreCaseReader;
import org.rjhub.common.serde.AvroSerdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The case service running: Kafka Streams on its topology, and the facilitators' HTTP API on its state. */
public final class CasesService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CasesService.class);

    private final KafkaStreams streams;
    private final KafkaCaseEventSender sender;
    private final CasesHttpApi api;
    private final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry =
            new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
    private io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics binder;

    private CasesService(KafkaStreams streams, KafkaCaseEventSender sender, CasesHttpApi api) {
        this.streams = streams;
        this.sender = sender;
        this.api = api;
    }

    public static CasesService start(CasesConfig config) {
        CasesTopics topics = CasesTopics.create(config.naming(), new AvroSerdes(config.connection()));
        KafkaStreams streams = new KafkaStreams(CasesTopology.build(config, topics), config.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; replacing it (the transaction was aborted, nothing is lost)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        KafkaCaseEventSender sender = null;
        CasesHttpApi api = null;
        if (config.httpPort() >= 0) {
            sender = new KafkaCaseEventSender(config.connection().bootstrapServers(), topics.caseEvents());
            api = CasesHttpApi.start(config.httpPort(), new StoreCaseReader(streams), sender, config.serviceLevels(),
                    Clock.systemUTC());
            LOG.info("Facilitators' API on port {}", api.port());
        }
        return new CasesService(streams, sender, api);
    }

    /** Waits until the service is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        org.rjhub.common.streams.StreamsLifecycle.awaitRunning(streams, timeout, "case service");
        bindMetrics();
    }

    /** Kafka Streams and client metrics on {@code /metrics}, bound once the tasks exist. */
    private synchronized void bindMetrics() {
        if (binder == null && api != null) {
            binder = new io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics(streams);
            binder.bindTo(registry);
            api.serveMetrics(registry::scrape);
        }
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
        if (binder != null) {
            binder.close();
        }
        if (api != null) {
            api.close();
        }
        streams.close(Duration.ofSeconds(30));
        if (sender != null) {
            sender.close();
        }
    }
}
