package org.rjhub.cases;

import java.time.Clock;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.api.KafkaCaseEventSender;
import org.rjhub.cases.api.StoreCaseReader;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.RetryingUncaughtExceptionHandler;
import org.rjhub.common.streams.StreamsService;
import org.rjhub.common.streams.StreamsServiceHandle;

/**
 * The case service running ({@link StreamsService}): Kafka Streams on its topology, and the facilitators' HTTP API on
 * its state, with {@code /health/live}, {@code /health/ready} (from the Kafka Streams state) and {@code /metrics}
 * (Kafka Streams and client metrics, {@code rj_retries_total}) on the same port ({@code rj.http.host}:
 * {@code rj.http.port}). Stream threads failing on retriable errors are replaced after a backoff
 * ({@link RetryingUncaughtExceptionHandler}); the service stops on a fatal error or when the retry budget is spent.
 */
public final class CasesService extends StreamsServiceHandle {

    static final String NAME = "cases";

    private CasesService(StreamsService service) {
        super(service);
    }

    /** The case service processing, with its HTTP API open. */
    public static CasesService start(CasesConfig config) {
        return started(create(config));
    }

    /**
     * The repartition and changelog topics the case service needs under {@code config}'s application id:
     * provisioning creates them ahead, so its principal needs no Create.
     */
    public static java.util.List<org.rjhub.common.streams.InternalTopics.InternalTopic> internalTopics(
            CasesConfig config) {
        return config.internalTopics(
                CasesTopology.build(config, CasesTopics.create(config.naming(), new AvroSerdes(config.connection()))));
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
}
