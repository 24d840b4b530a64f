package org.rjhub.router;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.router.graph.GraphSerdes;
import org.rjhub.router.graph.OwnerMessage;
import org.rjhub.router.routing.RulesStore;
import org.rjhub.testsupport.InMemoryRegistry;

/**
 * The production topology in a {@link TopologyTestDriver}, with production's serdes over an in-memory registry holding
 * the catalogue's schemas: no broker, no registry server.
 */
public final class RouterDriver implements AutoCloseable {

    final RouterTopics topics;
    final TopologyTestDriver driver;
    final RouterConfig config;
    private final AvroSerdes avro;
    private Instant clock = Instant.parse("2026-11-02T10:00:00Z");

    RouterDriver() {
        this(Map.of());
    }

    /**
     * The cases one router makes of {@code records}, in this order: each a set of {@code AGENCY/referral id}
     * ({@link #casesOf(Iterable)}).
     */
    public static Set<Set<String>> cases(List<AgencyRecord> records) {
        return cases(records, Map.of());
    }

    /** The same, with router settings over the defaults (e.g. {@link RouterConfig#GRAPH_PARTITIONED}). */
    public static Set<Set<String>> cases(List<AgencyRecord> records, Map<String, Object> settings) {
        try (RouterDriver router = new RouterDriver(settings)) {
            records.forEach(router::pipe);
            return router.cases();
        }
    }

    /**
     * The cases one router makes of {@code records}, in this order, by id: each the set of {@code AGENCY/referral id}
     * last told that case id ({@link #casesById(Iterable)}).
     */
    public static Map<String, Set<String>> casesById(List<AgencyRecord> records, Map<String, Object> settings) {
        try (RouterDriver router = new RouterDriver(settings)) {
            records.forEach(router::pipe);
            List<Outcome> outcomes = new ArrayList<>();
            for (SourceAgency agency : SourceAgency.values()) {
                outcomes.addAll(router.outcomes(agency));
            }
            return casesById(outcomes);
        }
    }

    /**
     * Every queue item one router writes for {@code records}, in this order, oldest first: what a case service is
     * given (a case held until sentence has none until it is released).
     */
    public static List<QueueItem> queueItems(List<AgencyRecord> records) {
        try (RouterDriver router = new RouterDriver()) {
            records.forEach(router::pipe);
            List<QueueItem> items = new ArrayList<>(router.allQueues());
            items.sort(java.util.Comparator.comparing(QueueItem::getCreatedAt));
            return items;
        }
    }

    /** The cases of what was piped so far, as {@link #casesOf(Iterable)} tells them from every agency's outcomes. */
    Set<Set<String>> cases() {
        return Set.copyOf(casesById().values());
    }

    /** The cases of what was piped so far by id, as {@link #casesById(Iterable)} tells them from every outcome. */
    Map<String, Set<String>> casesById() {
        List<Outcome> outcomes = new ArrayList<>();
        for (SourceAgency agency : SourceAgency.values()) {
            outcomes.addAll(outcomes(agency));
        }
        return casesById(outcomes);
    }

    /**
     * The cases that {@code outcomes} (each referral's in order) tell: each referral in the last case it was
     * answered with, each case a set of {@code AGENCY/referral id}.
     */
    public static Set<Set<String>> casesOf(Iterable<Outcome> outcomes) {
        return Set.copyOf(casesById(outcomes).values());
    }

    /**
     * The cases that {@code outcomes} (each referral's in order) tell, by case id: each referral in the last case it
     * was answered with, each case a set of {@code AGENCY/referral id}.
     */
    public static Map<String, Set<String>> casesById(Iterable<Outcome> outcomes) {
        Map<String, String> caseOf = new HashMap<>();
        for (Outcome o : outcomes) {
            if (o.getHubCaseId() != null) {
                caseOf.put(o.getAgency() + "/" + o.getAgencyReferralId(), o.getHubCaseId());
            }
        }
        Map<String, Set<String>> byCase = new TreeMap<>();
        caseOf.forEach((referral, caseId) ->
                byCase.computeIfAbsent(caseId, k -> new TreeSet<>()).add(referral));
        return byCase;
    }

    RouterDriver(Map<String, Object> overrides) {
        try {
            var values = new java.util.HashMap<String, Object>(overrides);
            values.put(
                    RouterConfig.STATE_DIR,
                    Files.createTempDirectory("router-ttd").toString());
            config = RouterConfig.of(InMemoryRegistry.connection(), values);
            InMemoryRegistry registry = InMemoryRegistry.withCatalogue();
            avro = registry.serdes();
            // the router decodes agency topics itself and asks the registry for writer schemas by id
            topics = RouterTopics.create(
                    UnaryOperator.identity(),
                    avro,
                    id -> registry.schemaText(id).map(text -> new org.apache.avro.Schema.Parser().parse(text)));
            driver = new TopologyTestDriver(
                    RouterTopology.build(config, topics), registry.bind(config.streamsProperties()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void police(PoliceReferral r) {
        pipe(
                topics.police().name(),
                r.getReferralId(),
                r,
                topics.police().valueSerde().serializer());
    }

    void probation(ProbationReferral r) {
        pipe(
                topics.probation().name(),
                r.getReferralId(),
                r,
                topics.probation().valueSerde().serializer());
    }

    void victimSupport(VictimSupportReferral r) {
        pipe(
                topics.victimSupport().name(),
                r.getVsCaseId(),
                r,
                topics.victimSupport().valueSerde().serializer());
    }

    /** Any simulator record, onto its agency's topic. */
    @SuppressWarnings("unchecked")
    void pipe(org.rjhub.agencies.AgencyRecord r) {
        switch (r.agency()) {
            case POLICE -> police((PoliceReferral) r.value());
            case PROBATION -> probation((ProbationReferral) r.value());
            case VICTIM_SUPPORT -> victimSupport((VictimSupportReferral) r.value());
            default -> throw new IllegalArgumentException("unknown agency " + r.agency());
        }
    }

    void rawBytes(String topic, String key, byte[] value) {
        TestInputTopic<String, byte[]> in = driver.createInputTopic(
                topic, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        in.pipeInput(key, value, tick());
    }

    void rules(String yaml) {
        driver.createInputTopic(
                        topics.routingRules().name(),
                        Serdes.String().serializer(),
                        Serdes.String().serializer())
                .pipeInput(RulesStore.KEY, yaml, tick());
    }

    void caseEvent(org.rjhub.contracts.hub.CaseEvent e) {
        pipe(
                topics.caseEvents().name(),
                e.getCaseId(),
                e,
                topics.caseEvents().valueSerde().serializer());
    }

    /** The case service's answer to a case event, keyed by the event id as the case service writes it. */
    void caseEventResult(org.rjhub.contracts.hub.CaseEventResult r) {
        pipe(
                topics.caseEventResults().name(),
                r.getEventId(),
                r,
                topics.caseEventResults().valueSerde().serializer());
    }

    private <T extends SpecificRecord> void pipe(
            String topic, String key, T value, org.apache.kafka.common.serialization.Serializer<T> serializer) {
        driver.createInputTopic(topic, Serdes.String().serializer(), serializer).pipeInput(key, value, tick());
    }

    /** The time the next record is piped at, plus the usual step: to pipe records out of time order. */
    void clockAt(Instant at) {
        clock = at;
    }

    private Instant tick() {
        clock = clock.plusMillis(10);
        return clock;
    }

    List<Outcome> outcomes(SourceAgency agency) {
        return driver.createOutputTopic(
                        topics.outcomes(agency),
                        Serdes.String().deserializer(),
                        topics.outcomesTemplate().valueSerde().deserializer())
                .readValuesToList();
    }

    List<QueueItem> queue(String queue) {
        return driver.createOutputTopic(
                        topics.queue(queue),
                        Serdes.String().deserializer(),
                        topics.queueTemplate().valueSerde().deserializer())
                .readValuesToList();
    }

    /** The data keys the router wrote to {@code rj.data-keys.v1} so far, by id (wrapped by the master key). */
    Map<String, byte[]> dataKeys() {
        return driver.createOutputTopic(
                        topics.dataKeys(),
                        Serdes.String().deserializer(),
                        Serdes.ByteArray().deserializer())
                .readKeyValuesToMap();
    }

    /** Every queue item written to any queue, in order per queue. */
    List<QueueItem> allQueues() {
        List<QueueItem> all = new ArrayList<>();
        for (String name : driver.producedTopicNames()) {
            if (name.startsWith("rj.queue.")) {
                all.addAll(driver.createOutputTopic(
                                name,
                                Serdes.String().deserializer(),
                                topics.queueTemplate().valueSerde().deserializer())
                        .readValuesToList());
            }
        }
        return all;
    }

    /** Every message written to the partitioned case graph's topic so far, in the order written. */
    List<OwnerMessage> graphMessages() {
        return driver.createOutputTopic(
                        RouterTopology.graphTopic(config),
                        Serdes.String().deserializer(),
                        GraphSerdes.ownerMessages().deserializer())
                .readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return driver.createOutputTopic(
                        topics.deadLetters().name(),
                        Serdes.String().deserializer(),
                        avro.value(DeadLetter.class).deserializer())
                .readValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
