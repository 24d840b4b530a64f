package org.rjhub.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStore;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.testsupport.InMemoryRegistry;

/**
 * The production topology in a {@link TopologyTestDriver}, with production's serdes over an in-memory registry holding
 * the catalogue's schemas: no broker, no registry server.
 */
public final class CasesDriver implements AutoCloseable {

    /** Wall-clock time of the driver at the start: the tests' "today". */
    public static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    final CasesTopics topics;
    final TopologyTestDriver driver;
    private final Map<String, TestOutputTopic<String, ?>> outputs = new HashMap<>();

    public CasesDriver() {
        this(Map.of());
    }

    public CasesDriver(Map<String, Object> overrides) {
        try {
            Map<String, Object> values = new HashMap<>(overrides);
            values.put(
                    CasesConfig.STATE_DIR,
                    Files.createTempDirectory("cases-ttd").toString());
            CasesConfig config = CasesConfig.of(InMemoryRegistry.connection(), values);
            InMemoryRegistry registry = InMemoryRegistry.withCatalogue();
            topics = CasesTopics.create(UnaryOperator.identity(), registry.serdes());
            driver = new TopologyTestDriver(
                    CasesTopology.build(config, topics), registry.bind(config.streamsProperties()), START);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A router's queue item, with its creation time as the record time. */
    public void item(QueueItem item) {
        driver.createInputTopic(
                        topics.queue(item.getQueue()),
                        Serdes.String().serializer(),
                        topics.queueTemplate().valueSerde().serializer())
                .pipeInput(item.getCaseId(), item, item.getCreatedAt());
    }

    /** A facilitator's case event, with its occurred-at time as the record time. */
    public void event(CaseEvent event) {
        driver.createInputTopic(
                        topics.caseEvents().name(),
                        Serdes.String().serializer(),
                        topics.caseEvents().valueSerde().serializer())
                .pipeInput(event.getCaseId(), event, event.getOccurredAt());
    }

    /** A note on a case, with its writing time as the record time. */
    public void note(org.rjhub.contracts.hub.CaseNote note) {
        driver.createInputTopic(
                        topics.caseNotes().name(),
                        Serdes.String().serializer(),
                        topics.caseNotes().valueSerde().serializer())
                .pipeInput(note.getCaseId(), note, note.getWrittenAt());
    }

    /** A canonical referral as the router writes it to {@code rj.referrals.v1}, keyed by its hub referral id. */
    public void referral(org.rjhub.contracts.hub.Referral referral) {
        driver.createInputTopic(
                        topics.referrals().name(),
                        Serdes.String().serializer(),
                        topics.referrals().valueSerde().serializer())
                .pipeInput(referral.getHubReferralId(), referral, referral.getReceivedAt());
    }

    /** A data key as the router writes it to {@code rj.data-keys.v1}; {@code null}: its tombstone ({@code hub erase}). */
    public void dataKey(String id, byte[] wrappedOrTombstone) {
        driver.createInputTopic(
                        topics.dataKeys(),
                        Serdes.String().serializer(),
                        Serdes.ByteArray().serializer())
                .pipeInput(id, wrappedOrTombstone, START);
    }

    public void events(CaseEvent... events) {
        for (CaseEvent e : events) {
            event(e);
        }
    }

    /** Every record written to a store's changelog (values as bytes; a tombstone's is null). */
    public List<org.apache.kafka.streams.test.TestRecord<String, byte[]>> changelog(String store) {
        String topic = driver.producedTopicNames().stream()
                .filter(n -> n.endsWith("-" + store + "-changelog"))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError("no changelog for " + store + " in " + driver.producedTopicNames()));
        return driver.createOutputTopic(
                        topic,
                        Serdes.String().deserializer(),
                        org.apache.kafka.common.serialization.Serdes.ByteArray().deserializer())
                .readRecordsToList();
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    public CaseState state(String caseId) {
        KeyValueStore<String, CaseState> store = driver.getKeyValueStore(CaseStore.CASES);
        return store.get(caseId);
    }

    /** Every case the store holds, by its id. */
    public Map<String, CaseState> states() {
        KeyValueStore<String, CaseState> store = driver.getKeyValueStore(CaseStore.CASES);
        Map<String, CaseState> all = new HashMap<>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    public List<Outcome> outcomes(SourceAgency agency) {
        return values(topics.outcomes(agency), topics.outcomesTemplate());
    }

    public List<KeyValue<String, Outcome>> outcomeRecords(SourceAgency agency) {
        return output(topics.outcomes(agency), topics.outcomesTemplate()).readKeyValuesToList();
    }

    public List<CaseEventResult> results() {
        return values(topics.results().name(), topics.results());
    }

    public List<DeadLetter> deadLetters() {
        return values(topics.deadLetters().name(), topics.deadLetters());
    }

    public List<CaseEvent> escalations() {
        return values(topics.escalations().name(), topics.escalations());
    }

    public List<QueueItem> queue(String name) {
        return values(topics.queue(name), topics.queueTemplate());
    }

    /** Everything written to every outcome topic, in order per topic. */
    public List<Outcome> allOutcomes() {
        List<Outcome> all = new ArrayList<>();
        for (SourceAgency a : SourceAgency.values()) {
            all.addAll(outcomes(a));
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private <V> TestOutputTopic<String, V> output(String name, org.rjhub.common.topics.Topic<String, V> topic) {
        return (TestOutputTopic<String, V>) outputs.computeIfAbsent(
                name,
                n -> driver.createOutputTopic(
                        n, Serdes.String().deserializer(), topic.valueSerde().deserializer()));
    }

    private <V> List<V> values(String name, org.rjhub.common.topics.Topic<String, V> topic) {
        return output(name, topic).readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
