package org.rjhub.reporting.facts;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.http.Health;
import org.rjhub.common.http.OperationsServer;
import org.rjhub.common.http.StreamsMeters;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.RetryingUncaughtExceptionHandler;
import org.rjhub.common.streams.StreamsLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facts service running: builds the topology from config, starts Kafka Streams, stops cleanly. A stream thread
 * failing on a retriable error is replaced after a backoff; a fatal error, or retries outlasting their budget, stop
 * the service ({@link RetryingUncaughtExceptionHandler}). Its operations port ({@link FactsConfig#HTTP_PORT}) serves
 * {@code /health/live}, {@code /health/ready} (RUNNING) and {@code /metrics}: every Kafka Streams and client metric
 * (facts produced: {@code kafka_stream_topic_records_produced_total{topic=~".*rj.reporting.case-facts.v1"}}) and
 * {@code rj_retries_total{service="reporting-facts"}}.
 */
public final class FactsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FactsService.class);
    private static final String NAME = "reporting-facts";

    private final KafkaStreams streams;
    private final StreamsMeters meters;
    private final OperationsServer http;
    private final CountDownLatch ended;

    private FactsService(KafkaStreams streams, StreamsMeters meters, OperationsServer http, CountDownLatch ended) {
        this.streams = streams;
        this.meters = meters;
        this.http = http;
        this.ended = ended;
    }

    public static FactsService start(FactsConfig config) {
        FactsTopics topics = FactsTopics.create(config.naming(), new AvroSerdes(config.connection()));
        KafkaStreams streams = KafkaClients.of(config.connection()).streams(FactsTopology.build(config, topics),
                config.streamsProperties());
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamsMeters meters = new StreamsMeters(streams, registry);
        CountDownLatch ended = new CountDownLatch(1);
        RetryingUncaughtExceptionHandler.install(streams, NAME, config.retryBackoff(), registry,
                meters.bindingWhenRunning(StreamsLifecycle.countDownWhenStopped(ended)));
        OperationsServer http = null;
        if (config.httpPort() >= 0) {
            try {
                http = OperationsServer.start(config.httpPort(), Health.live(streams), Health.ready(streams), registry);
            } catch (RuntimeException e) {
                streams.close();
                throw e;
            }
            LOG.info("Facts service: health and metrics on 127.0.0.1:{}", http.port());
        }
        streams.start();
        return new FactsService(streams, meters, http, ended);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /** Waits until the service is processing (RUNNING), or fails after {@code timeout}. */
    public void awaitRunning(Duration timeout) throws InterruptedException {
        StreamsLifecycle.awaitRunning(streams, timeout, "facts service");
        meters.bind();
    }

    /** Blocks until the service has stopped (closed, or stopped on a fatal error or a spent retry budget). */
    public void awaitTermination() throws InterruptedException {
        ended.await();
    }

    /** The operations port, or -1 when it is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        meters.close();
        if (http != null) {
            http.close();
        }
        streams.close(Duration.ofSeconds(30));
    }
}
