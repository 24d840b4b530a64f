package org.rjhub.reporting.facts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.testsupport.InMemoryRegistry;

/**
 * The production facts topology in a {@link TopologyTestDriver}, with production's serdes over an in-memory registry
 * holding the catalogue's schemas: no broker, no registry server.
 */
public final class FactsDriver implements AutoCloseable {

    final FactsTopics topics;
    final TopologyTestDriver driver;
    final Pseudonymiser pseudonyms;
    private final TestOutputTopic<String, CaseFact> facts;
    private Instant clock = Hub.T0;

    public FactsDriver() {
        this(Map.of(FactsConfig.HMAC_KEY, TestSecrets.hmacKey()));
    }

    /** The facts service with these key settings ({@link FactsConfig#HMAC_KEY} or {@link FactsConfig#PSEUDONYM_KEYS}). */
    public FactsDriver(Map<String, ?> keySettings) {
        this(keySettings, Instant.now());
    }

    /** The same with the driver's wall clock starting at {@code wallClock} ({@link #advanceWallClock}). */
    public FactsDriver(Map<String, ?> keySettings, Instant wallClock) {
        try {
            Map<String, Object> settings = new java.util.HashMap<>(keySettings);
            settings.put(
                    FactsConfig.STATE_DIR,
                    Files.createTempDirectory("facts-ttd").toString());
            FactsConfig config = FactsConfig.of(InMemoryRegistry.connection(), settings);
            pseudonyms = config.pseudonymiser();
            InMemoryRegistry registry = InMemoryRegistry.withCatalogue();
            topics = FactsTopics.create(UnaryOperator.identity(), registry.serdes());
            driver = new TopologyTestDriver(
                    FactsTopology.build(config, topics), registry.bind(config.streamsProperties()), wallClock);
            facts = driver.createOutputTopic(
                    topics.facts().name(),
                    Serdes.String().deserializer(),
                    topics.facts().valueSerde().deserializer());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A data key as the router writes it to {@code rj.data-keys.v1}; {@code null}: its tombstone ({@code hub erase}). */
    public void dataKey(String id, byte[] wrappedOrTombstone) {
        clock = clock.plusMillis(10);
        driver.createInputTopic(
                        topics.dataKeys(),
                        Serdes.String().serializer(),
                        Serdes.ByteArray().serializer())
                .pipeInput(id, wrappedOrTombstone, clock);
    }

    public void referral(Referral r) {
        pipe(
                topics.referrals().name(),
                r.getHubReferralId(),
                r,
                topics.referrals().valueSerde().serializer());
    }

    public void outcome(Outcome o) {
        int i = o.getAgency() == SourceAgency.POLICE ? 0 : o.getAgency() == SourceAgency.PROBATION ? 1 : 2;
        pipe(
                topics.outcomes().get(i).name(),
                o.getAgencyReferralId(),
                o,
                topics.outcomes().get(i).valueSerde().serializer());
    }

    public void caseEvent(CaseEvent e) {
        pipe(
                topics.caseEvents().name(),
                e.getCaseId(),
                e,
                topics.caseEvents().valueSerde().serializer());
    }

    public void result(CaseEventResult r) {
        pipe(
                topics.eventResults().name(),
                r.getEventId(),
                r,
                topics.eventResults().valueSerde().serializer());
    }

    /** The wall clock moved on by {@code by}, running the wall-clock punctuations due. */
    public void advanceWallClock(java.time.Duration by) {
        driver.advanceWallClockTime(by);
    }

    /** The facts written since the last call, with their keys. */
    public List<KeyValue<String, CaseFact>> factRecords() {
        return facts.readKeyValuesToList();
    }

    /** The facts written since the last call. */
    public List<CaseFact> facts() {
        List<CaseFact> out = new ArrayList<>();
        factRecords().forEach(kv -> out.add(kv.value));
        return out;
    }

    public Pseudonymiser pseudonyms() {
        return pseudonyms;
    }

    /**
     * The service restarted with other key settings (after a key rotation): a new driver whose state stores hold what
     * this one's do, as a restarted instance restores them from its changelogs. This one is closed.
     */
    public FactsDriver restart(Map<String, ?> keySettings) {
        FactsDriver next = new FactsDriver(keySettings);
        for (String store : List.of(ReferralStage.STORE, CaseStage.STORE)) {
            var to = next.driver.<Object, Object>getKeyValueStore(store);
            try (var it = driver.<Object, Object>getKeyValueStore(store).all()) {
                it.forEachRemaining(kv -> to.put(kv.key, kv.value));
            }
        }
        next.clock = clock;
        close();
        return next;
    }

    /** Everything in the service's own state stores, as text. */
    public List<String> storeContents() {
        List<String> out = new ArrayList<>();
        for (String store : List.of(ReferralStage.STORE, CaseStage.STORE)) {
            try (var it = driver.getKeyValueStore(store).all()) {
                it.forEachRemaining(kv -> out.add(kv.key + " " + json(kv.value)));
            }
        }
        return out;
    }

    private static String json(Object value) {
        return new String(
                org.rjhub.common.serde.JsonSerde.of(Object.class).serializer().serialize("", value),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    private <T extends SpecificRecord> void pipe(String topic, String key, T value, Serializer<T> serializer) {
        clock = clock.plusMillis(10);
        driver.createInputTopic(topic, Serdes.String().serializer(), serializer).pipeInput(key, value, clock);
    }

    @Override
    public void close() {
        driver.close();
    }
}
