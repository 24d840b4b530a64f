package org.rjhub.reporting.facts;

import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.RetryingUncaughtExceptionHandler;
import org.rjhub.common.streams.StreamsService;
import org.rjhub.common.streams.StreamsServiceHandle;

/**
 * The facts service running ({@link StreamsService}): builds the topology from config, starts Kafka Streams, stops
 * cleanly. A stream thread failing on a retriable error is replaced after a backoff; a fatal error, or retries
 * outlasting their budget, stop the service ({@link RetryingUncaughtExceptionHandler}). Its HTTP port
 * ({@link FactsConfig#HTTP_HOST}:{@link FactsConfig#HTTP_PORT}) serves {@code /health/live}, {@code /health/ready}
 * (RUNNING) and {@code /metrics}: every Kafka Streams and client metric (facts produced:
 * {@code kafka_stream_topic_records_produced_total{topic=~".*rj.reporting.case-facts.v1"}}) and
 * {@code rj_retries_total{service="reporting-facts"}}.
 */
public final class FactsService extends StreamsServiceHandle {

    static final String NAME = "reporting-facts";

    private FactsService(StreamsService service) {
        super(service);
    }

    /** The facts service processing, with its HTTP port open. */
    public static FactsService start(FactsConfig config) {
        return started(create(config));
    }

    /**
     * The repartition and changelog topics the facts service needs under {@code config}'s application id:
     * provisioning creates them ahead, so its principal needs no Create.
     */
    public static java.util.List<org.rjhub.common.streams.InternalTopics.InternalTopic> internalTopics(
            FactsConfig config) {
        return config.internalTopics(
                FactsTopology.build(config, FactsTopics.create(config.naming(), new AvroSerdes(config.connection()))));
    }

    /** The facts service with its HTTP port open, not yet processing ({@link #start()}): what {@link FactsMain} runs. */
    public static FactsService create(FactsConfig config) {
        FactsTopics topics = FactsTopics.create(config.naming(), new AvroSerdes(config.connection()));
        return new FactsService(StreamsService.open(
                NAME,
                config,
                FactsTopology.build(config, topics),
                config.streamsProperties(),
                StreamsService.OPERATIONS));
    }
}
