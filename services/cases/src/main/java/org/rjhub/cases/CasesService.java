package org.rjhub.cases;

import java.time.Clock;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.api.KafkaCaseEventSender;
import org.rjhub.cases.api.StoreCaseReader;
import org.rjhub.cases.contacts.ContactsOpener;
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

    /**
     * The case service with its HTTP API open, not yet processing ({@link #start()}): what {@link CasesMain} runs. The
     * API opens first, so that Kafka Streams can tell the other instances where this one answers
     * ({@code application.server}: the advertised host and the port bound, a free one when the setting is 0).
     */
    public static CasesService create(CasesConfig config) {
        CasesTopics topics = CasesTopics.create(config.naming(), new AvroSerdes(config.connection()));
        Topology topology = CasesTopology.build(config, topics);
        if (config.httpPort() < 0) {
            return new CasesService(
                    StreamsService.open(NAME, config, topology, config.streamsProperties(), StreamsService.OPERATIONS));
        }
        BearerTokens tokens = config.bearerTokens(); // fails before anything starts
        String advertised = config.advertisedHost();
        KafkaCaseEventSender sender = new KafkaCaseEventSender(
                KafkaClients.of(config.connection()),
                topics.caseEvents(),
                topics.caseNotes(),
                config.masterKey(),
                topics.dataKeys());
        StoreCaseReader reader = new StoreCaseReader(topics.caseEvents().name(), sender::partitions);
        CasesHttpApi api;
        try {
            api = CasesHttpApi.start(
                    config.httpHost(),
                    config.httpPort(),
                    tokens,
                    reader,
                    sender,
                    ContactsOpener.of(config.masterKey(), reader::dataKey),
                    config.serviceLevels(),
                    Clock.systemUTC());
        } catch (RuntimeException e) {
            sender.close();
            throw e;
        }
        HostInfo self = new HostInfo(advertised, api.port());
        try {
            return new CasesService(StreamsService.open(
                    NAME, config, topology, config.streamsProperties(self), (service, host, port) -> {
                        reader.attach(service.streams(), self);
                        service.closeWith(sender);
                        service.closeWith(api);
                        api.serveOperations(service.live(), service.ready(), service.registry()::scrape);
                        return api.port();
                    }));
        } catch (RuntimeException e) {
            api.close();
            sender.close();
            throw e;
        }
    }
}
