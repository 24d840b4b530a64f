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
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.registry.CatalogueSchemas;
import org.rjhub.common.registry.SchemaRegistrar;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.SourceAgency;

/** The production topology in a {@link TopologyTestDriver}, with the real registry's serdes. */
public final class CasesDriver implements AutoCloseable {

    /** Wall-clock time of the driver at the start: the tests' "today". */
    public static final Instant START = Instant.parse("2026-11-02T09:00:00Z");

    private static volatile boolean registered;

    final CasesTopics topics;
    final TopologyTestDriver driver;
    private final Map<String, TestOutputTopic<String, ?>> outputs = new HashMap<>();

    public CasesDriver(KafkaConnection connection) {
        this(connection, Map.of());
    }

    public CasesDriver(KafkaConnection connection, Map<String, Object> overrides) {
        try {
            register(connection);
            Map<String, Object> values = new HashMap<>(overrides);
            values.put(CasesConfig.STATE_DIR, Files.createTempDirectory("cases-ttd").toString());
            CasesConfig config = CasesConfig.of(connection, values);
            topics = CasesTopics.create(UnaryOperator.identity(), new AvroSerdes(connection));
            driver = new TopologyTestDriver(CasesTopology.build(config, topics), config.streamsProperties(), START);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void register(KafkaConnection connection) {
        if (!registered) {
            new SchemaRegistrar(connection).registerAll(CatalogueSchemas.subjects(TopicCatalogue.load(),
                    UnaryOperator.identity()));
            registered = true;
        }
    }

    /** A router's queue item, with its creation time as the record time. */
    public void item(QueueItem item) {
        driver.createInputTopic(topics.queue(item.getQueue()), Serdes.String().serializer(),
                topics.queueTemplate().valueSerde().serializer()).pipeInput(item.getCaseId(), item, item.getCreatedAt());
    }

    /** A facilitator's case event, with its occurred-at time as the record time. */
    public void event(CaseEvent event) {
        driver.createInputTopic(topics.caseEvents().name(), Serdes.String().serializer(),
                topics.caseEvents().valueSerde().serializer()).pipeInput(event.getCaseId(), event, event.getOccurredAt());
    }

    public void events(CaseEvent... events) {
        for (CaseEvent e : events) {
            event(e);
        }
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    public CaseState state(String caseId) {
        KeyValueStore<String, CaseState> store = driver.getKeyValueStore(CaseStore.CASES);
        return store.get(caseId);
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
        return (TestOutputTopic<String, V>) outputs.computeIfAbsent(name, n -> driver.createOutputTopic(n,
                Serdes.String().deserializer(), topic.valueSerde().deserializer()));
    }

    private <V> List<V> values(String name, org.rjhub.common.topics.Topic<String, V> topic) {
        return output(name, topic).readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
