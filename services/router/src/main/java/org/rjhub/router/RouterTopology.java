package org.rjhub.router;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.agencies.mapping.Intake;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.KeyTombstones;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.LinkDetails;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.consent.WithheldParties;
import org.rjhub.router.graph.CaseGraphProcessor;
import org.rjhub.router.graph.CaseOwners;
import org.rjhub.router.graph.CaseOwnersProcessor;
import org.rjhub.router.graph.DecisionHalf;
import org.rjhub.router.graph.DecisionJoinProcessor;
import org.rjhub.router.graph.Emission;
import org.rjhub.router.graph.GraphClock;
import org.rjhub.router.graph.GraphMessage;
import org.rjhub.router.graph.GraphRetention;
import org.rjhub.router.graph.GraphSerdes;
import org.rjhub.router.graph.OwnerMessage;
import org.rjhub.router.graph.PendingDecision;
import org.rjhub.router.intake.Admitted;
import org.rjhub.router.intake.AgencyRecordReader;
import org.rjhub.router.intake.DeduplicationProcessor;
import org.rjhub.router.intake.EligibilityProcessor;
import org.rjhub.router.intake.IntakeProcessor;
import org.rjhub.router.linkage.BlockProbe;
import org.rjhub.router.linkage.BlockRetention;
import org.rjhub.router.linkage.BlockSerdes;
import org.rjhub.router.linkage.BlockingProcessor;
import org.rjhub.router.linkage.ReferralBlocking;
import org.rjhub.router.linkage.SealedLinkage;
import org.rjhub.router.linkage.ShardPartitioner;
import org.rjhub.router.routing.RulesStore;

/**
 * The referral router's topology, a pure function of its config and topics.
 *
 * <pre>
 * agency topics ─ intake (map, validate) ─ deduplicate ─ eligibility ─┬─ ineligible → outcomes
 *                                                                    ├─ canonical (sealed, with a master key) → rj.referrals.v1
 *                                                                    │     (+ its data key → rj.data-keys.v1)
 *                                                                    ├─ blocking keys ⇒ [repartition by key's shard] ─ compare ─┐
 *                                                                    └─ announce ───────────────────────────────────────────────┤
 * rj.case-events.v1 (LINK_CONFIRMED / KEEP_APART) ─┬⇒ [repartition by event id] ─ accepted decisions (once ACCEPTED) ───────────┤
 * rj.case-event-results.v1 (their answers) ───────┘                                                                             │
 *                 ⇒ [graph topic, by referral / case id] ⇄ case graph, owners per component ─ outcomes, facilitator queues ─┘
 *       (rj.graph.partitioned=false: ⇒ [repartition: 1 partition] ⇒ case graph)
 * queue items + CONSENT_WITHDRAWN events and their answers ⇒ [repartition by case id] ─ withhold withdrawn parties ─> queues
 * </pre>
 */
public final class RouterTopology {

    /** The single key under which the one-partition case graph receives its messages. */
    static final String GRAPH_KEY = "graph";

    private RouterTopology() {}

    /** An eligible referral with its probes, one per blocking shard it touches. */
    private record Probed(Admitted admitted, List<BlockProbe> probes) {}

    /**
     * Seals each referral under a new data key of its referral ({@link SealedReferrals}: no personal field in clear on
     * {@code rj.referrals.v1}), and with the same key each party's queue display fields ({@link SealedParties}) and the
     * offence's wording and flags ({@link SealedDetails}), which the router's summary carries to the case graph so that
     * the queue items name no one, and hold neither wording nor flags, in clear without the graph needing the key.
     */
    private static Admitted sealed(DataKeys keys, SealedLinkage linkage, int shards, boolean earlierRules, Admitted a) {
        Referral r = a.intake().referral();
        DataKeys.DataKey key =
                keys.create(DataKeys.referralSubject(r.getSourceAgency().name(), r.getAgencyReferralId()));
        try {
            Referral out = SealedReferrals.seal(keys, key.id(), r);
            List<String> parties = r.getParties().stream()
                    .map(p -> Base64.getEncoder()
                            .encodeToString(SealedParties.sealedBytes(SealedParties.seal(
                                    keys,
                                    key.id(),
                                    new QueueParty(
                                            p.getRole(),
                                            p.getForename(),
                                            p.getSurname(),
                                            r.getDistrict(),
                                            null,
                                            null)))))
                    .toList();
            var offence = r.getOffence();
            String details = Base64.getEncoder()
                    .encodeToString(SealedDetails.sealedBytes(SealedDetails.seal(
                            keys,
                            key.id(),
                            offence == null ? null : offence.getDescription(),
                            r.getSensitivityFlags())));
            List<BlockProbe> probes = a.ineligibility() != null
                    ? List.of()
                    : List.copyOf(
                            linkage.probes(ReferralSummary.of(r), shards, keys, key.id(), key.wrapped(), earlierRules)
                                    .values());
            return a.withSealing(new Admitted.Sealing(out, key.id(), key.wrapped(), parties, details, probes));
        } finally {
            keys.remove(key.id());
        }
    }

    /**
     * Writes each sealed canonical referral, the key to {@code rj.data-keys.v1} in the same transaction, keyed by its id
     * ({@code <SourceAgency>:<agency referral id>/<random>}, as the dead letters' keys), so that {@code hub erase} of the
     * referral makes every version of it, and of its parties on the queues, unreadable.
     */
    private static void writeSealed(KStream<String, Admitted> sealed, RouterTopics topics) {
        sealed.map(
                        (k, a) -> KeyValue.pair(a.sealing().keyId(), a.sealing().wrappedKey()),
                        Named.as("canonical-data-key"))
                .to(
                        topics.dataKeys(),
                        Produced.with(Serdes.String(), Serdes.ByteArray()).withName("write-canonical-data-keys"));
        sealed.mapValues(a -> a.sealing().referral(), Named.as("sealed-canonical"))
                .to(topics.referrals().name(), topics.referrals().produced());
    }

    public static Topology build(RouterConfig config, RouterTopics topics) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Admitted> deduplicated = deduplicated(
                builder,
                topics,
                () -> new DeduplicationProcessor(config.referralVersionsRetention(), config.retentionSweepInterval()));
        // no record cache: the task keeps the entries it reads decoded (BlockMembers); reads of candidates the record
        // cache missed filled it, evicting and flushing others (12% of the stream thread over a history of 60,000
        // referrals, RocksDB's own gets 0.1%); a probe writes its entry once, so the cache saved no writes
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(BlockingProcessor.STORE), Serdes.String(), BlockSerdes.entries())
                .withCachingDisabled());
        // the earlier layout's retention store: read once, to convert its members (BlockMembers.load)
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(BlockRetention.STORE),
                        Serdes.String(),
                        JsonSerde.of(BlockRetention.Seen.class))
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(DecisionJoinProcessor.STORE),
                        Serdes.String(),
                        JsonSerde.of(PendingDecision.class))
                .withCachingEnabled());

        KStream<String, Admitted> eligibility =
                deduplicated.processValues(EligibilityProcessor::new, Named.as("eligibility"));

        KStream<String, Admitted> admitted;
        SealedLinkage linkage = config.masterKey().map(SealedLinkage::new).orElse(null);
        // the global key store's tombstones, told to the blocking shards: what they opened stays usable until one comes
        KeyTombstones tombstones = new KeyTombstones();
        int shards = config.linkageShards();
        if (config.masterKey().isPresent()) {
            DataKeys keys = new DataKeys(config.masterKey().get());
            admitted = eligibility.mapValues(
                    a -> sealed(keys, linkage, shards, config.earlierRules(), a), Named.as("seal-canonical"));
            writeSealed(admitted, topics);
            // the blocking shards open the parties with the keys of rj.data-keys.v1, and forget those erased
            DataKeyStore.addTo(builder, topics.dataKeys(), tombstones);
        } else {
            admitted = eligibility;
            admitted.mapValues(a -> a.intake().referral(), Named.as("canonical"))
                    .to(topics.referrals().name(), topics.referrals().produced());
        }

        var branches = admitted.split(Named.as("eligibility-"))
                .branch((k, a) -> a.ineligibility() != null, Branched.as("ineligible"))
                .defaultBranch(Branched.as("eligible"));
        KStream<String, Emission> ineligible = branches.get("eligibility-ineligible")
                .map(
                        (k, a) -> KeyValue.pair(
                                a.intake().referral().getAgencyReferralId(),
                                Emission.outcome(Acknowledgements.outcome(
                                        a.ineligibility().youth() ? OutcomeType.REFERRED_ON : OutcomeType.NOT_ELIGIBLE,
                                        a.intake().referral().getSourceAgency(),
                                        a.intake().referral().getAgencyReferralId(),
                                        null,
                                        a.ineligibility().reason(),
                                        a.intake().referral().getReceivedAt()))),
                        Named.as("acknowledge-ineligible"));
        KStream<String, Admitted> eligible = branches.get("eligibility-eligible");
        // an amendment that withdraws consent to refer (or makes the referral ineligible) takes it out of its case
        KStream<String, GraphMessage> withdrawals = branches.get("eligibility-ineligible")
                .filter((k, a) -> a.amendment(), Named.as("ineligible-amendments"))
                .mapValues(
                        a -> GraphMessage.withdraw(a.intake().referral().getHubReferralId()),
                        Named.as("withdraw-from-case"));

        PersonMatcher matcher = PersonMatcher.withDefaults();
        // the probes are computed once per referral: their count tells the graph how many results to await
        // (sealed, they were made with the referral's data key)
        KStream<String, Probed> probed = eligible.mapValues(
                a -> new Probed(
                        a,
                        a.sealing() != null
                                ? a.sealing().probes()
                                : List.copyOf(ReferralBlocking.probes(a.summary(), shards, config.earlierRules())
                                        .values())),
                Named.as("blocking-keys"));
        KStream<String, GraphMessage> blockResults = probed.flatMap(
                        (k, p) -> {
                            List<KeyValue<String, BlockProbe>> out = new ArrayList<>();
                            p.probes().forEach(probe -> out.add(KeyValue.pair(probe.hubReferralId(), probe)));
                            return out;
                        },
                        Named.as("probe-per-shard"))
                .repartition(Repartitioned.with(Serdes.String(), BlockSerdes.probes())
                        .withName("linkage-blocking")
                        .withNumberOfPartitions(shards)
                        .withStreamPartitioner(new ShardPartitioner(shards)))
                .process(
                        () -> new BlockingProcessor(
                                matcher,
                                config.maxBlockSize(),
                                config.referralVersionsRetention(),
                                config.retentionSweepInterval(),
                                config.masterKey(),
                                config.memberCacheEntries(),
                                tombstones),
                        Named.as("compare-in-block"),
                        BlockingProcessor.STORE,
                        BlockRetention.STORE);
        KStream<String, GraphMessage> announcements = probed.mapValues(
                p -> GraphMessage.announce(
                        linkage == null
                                ? p.admitted().summary()
                                : p.admitted().summary().forCaseGraph(linkage::partyIdentity),
                        p.admitted().amendment(),
                        p.probes().size()),
                Named.as("announce"));
        // a facilitator's decision counts once the case service has accepted it: decisions (keyed by case id)
        // and answers (keyed by event id) meet by event id
        // each topic is a source once: the case events and answers also feed the queue-item output stage
        KStream<String, CaseEvent> caseEvents =
                builder.stream(topics.caseEvents().name(), topics.caseEvents().consumed());
        KStream<String, CaseEventResult> caseEventResults = builder.stream(
                topics.caseEventResults().name(), topics.caseEventResults().consumed());
        KStream<String, DecisionHalf> decisionEvents = caseEvents
                .filter(
                        (k, e) -> isLinkageDecision(e.getEventType().name()) && e.getDetails() instanceof LinkDetails,
                        Named.as("linkage-decisions"))
                .map(
                        (k, e) -> KeyValue.pair(
                                e.getEventId(),
                                DecisionHalf.event(GraphMessage.decision(
                                        e.getCaseId(),
                                        ((LinkDetails) e.getDetails()).getOtherCaseId(),
                                        e.getEventType() == CaseEventType.LINK_CONFIRMED))),
                        Named.as("decision-by-event-id"));
        KStream<String, DecisionHalf> decisionAnswers = caseEventResults
                .filter((k, r) -> isLinkageDecision(r.getEventType()), Named.as("linkage-decision-answers"))
                .map(
                        (k, r) -> KeyValue.pair(r.getEventId(), DecisionHalf.answer(r.getStatus())),
                        Named.as("answer-by-event-id"));
        KStream<String, GraphMessage> decisions = decisionEvents
                .merge(decisionAnswers, Named.as("decision-halves"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(DecisionHalf.class))
                        .withName("linkage-decision-results"))
                .process(
                        () -> new DecisionJoinProcessor(config.decisionMaxWait()),
                        Named.as("accepted-decisions"),
                        DecisionJoinProcessor.STORE);

        KStream<String, GraphMessage> graphIn = announcements
                .merge(blockResults, Named.as("graph-merge-blocks"))
                .merge(decisions, Named.as("graph-merge-decisions"))
                .merge(withdrawals, Named.as("graph-merge-withdrawals"));
        KStream<String, Emission> emitted = config.graphPartitioned()
                ? partitionedGraph(builder, config, graphIn)
                : onePartitionGraph(builder, config, graphIn);

        // ineligible answers get their own sink, so intake and the case graph stay separate sub-topologies
        ineligible
                .mapValues(Emission::outcome, Named.as("ineligible-outcome-value"))
                .to(
                        (k, v, ctx) -> topics.outcomes(v.getAgency()),
                        Produced.with(Serdes.String(), topics.outcomesTemplate().valueSerde())
                                .withName("write-ineligible-outcomes"));
        var outputs = emitted.split(Named.as("emit-"))
                .branch((k, e) -> e.isOutcome(), Branched.as("outcome"))
                .defaultBranch(Branched.as("queue"));
        outputs.get("emit-outcome")
                .mapValues(Emission::outcome, Named.as("outcome-value"))
                .to(
                        (k, v, ctx) -> topics.outcomes(v.getAgency()),
                        Produced.with(Serdes.String(), topics.outcomesTemplate().valueSerde())
                                .withName("write-outcomes"));
        WithheldParties.withhold(
                        builder,
                        outputs.get("emit-queue").mapValues(Emission::item, Named.as("queue-value")),
                        caseEvents,
                        caseEventResults,
                        config.graphPartitioned() ? graphPartitions(config) : 1,
                        config.graphPartitioned())
                .to(
                        (k, v, ctx) -> topics.queue(v.getQueue()),
                        Produced.with(Serdes.String(), topics.queueTemplate().valueSerde())
                                .withName("write-queues"));
        return builder.build();
    }

    /**
     * No stage with fewer partitions than the input: the partitioned case graph has as many partitions as the largest
     * agency topic of the catalogue.
     */
    public static int graphPartitions(RouterConfig config) {
        Map<String, Integer> catalogue = TopicCatalogue.load().partitions(config.naming());
        int partitions = 1;
        for (Agency agency : Agency.values()) {
            partitions = Math.max(partitions, catalogue.get(config.naming().apply(agency.topic())));
        }
        return partitions;
    }

    /** The case graph on one partition: every message under one key, one task decides every case. */
    private static KStream<String, Emission> onePartitionGraph(
            StreamsBuilder builder, RouterConfig config, KStream<String, GraphMessage> graphIn) {
        addClock(builder);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(GraphRetention.STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CaseGraphProcessor.NODES), Serdes.String(), GraphSerdes.nodes())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CaseGraphProcessor.CASES), Serdes.String(), GraphSerdes.cases())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CaseGraphProcessor.SUMMARIES),
                        Serdes.String(),
                        GraphSerdes.summaries())
                .withCachingEnabled());
        return graphIn.selectKey((k, v) -> GRAPH_KEY, Named.as("graph-key"))
                .repartition(Repartitioned.with(Serdes.String(), GraphSerdes.graphMessages())
                        .withName("case-graph")
                        .withNumberOfPartitions(1))
                .process(
                        () -> new CaseGraphProcessor(
                                config.referralVersionsRetention(), config.retentionSweepInterval()),
                        Named.as("case-graph"),
                        CaseGraphProcessor.NODES,
                        CaseGraphProcessor.CASES,
                        CaseGraphProcessor.SUMMARIES,
                        GraphRetention.STORE,
                        GraphClock.STORE);
    }

    /** The case graph's clock ({@link GraphClock}): one entry per task. */
    private static void addClock(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(GraphClock.STORE), Serdes.String(), Serdes.Long()));
    }

    /** The case graph on every partition ({@code rj.graph.partitioned}, the default; DESIGN.md, "As built"). */
    private static KStream<String, Emission> partitionedGraph(
            StreamsBuilder builder, RouterConfig config, KStream<String, GraphMessage> graphIn) {
        addClock(builder);
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CaseOwnersProcessor.OWNERS), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled()
                // a root's head names every member: a component's head takes the graph topic's limit too
                .withLoggingEnabled(config.graphTopicLimit()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(CaseOwnersProcessor.ADDRESSES),
                        Serdes.String(),
                        GraphSerdes.addresses())
                .withCachingEnabled());
        // the case graph on every partition: every message about a referral goes to its home on the graph topic, and
        // the owners send their own messages (joins, merges, forwards) back to it
        String graphTopic = graphTopic(config);
        Produced<String, OwnerMessage> toGraph = Produced.with(Serdes.String(), GraphSerdes.ownerMessages());
        graphIn.flatMap(
                        (k, m) -> CaseOwners.messages(m).stream()
                                .map(o -> KeyValue.pair(o.to(), o))
                                .toList(),
                        Named.as("graph-home"))
                .to(graphTopic, toGraph.withName("write-graph"));
        var graphOut = builder.stream(
                        graphTopic,
                        Consumed.with(Serdes.String(), GraphSerdes.ownerMessages())
                                .withName("read-graph"))
                .process(
                        () -> new CaseOwnersProcessor(
                                config.referralVersionsRetention(), config.retentionSweepInterval()),
                        Named.as("case-graph"),
                        CaseOwnersProcessor.OWNERS,
                        CaseOwnersProcessor.ADDRESSES,
                        GraphClock.STORE)
                .split(Named.as("graph-"))
                .branch((k, o) -> o.isMessage(), Branched.as("messages"))
                .defaultBranch(Branched.as("writes"));
        graphOut.get("graph-messages")
                .mapValues(CaseOwnersProcessor.Out::message, Named.as("graph-message"))
                .to(
                        graphTopic,
                        Produced.with(Serdes.String(), GraphSerdes.ownerMessages())
                                .withName("write-graph-messages"));
        return graphOut.get("graph-writes").mapValues(CaseOwnersProcessor.Out::emission, Named.as("graph-write"));
    }

    /**
     * The router's first steps, shared with {@code hub bench}'s exactly-once baseline: the routing rules (global
     * store), the three agency topics read, decoded, mapped and validated, then deduplicated (one put in the
     * changelogged {@code referral-versions} store per referral), keyed by hub referral id.
     */
    public static KStream<String, Admitted> deduplicated(StreamsBuilder builder, RouterTopics topics) {
        return deduplicated(builder, topics, DeduplicationProcessor::new);
    }

    private static KStream<String, Admitted> deduplicated(
            StreamsBuilder builder,
            RouterTopics topics,
            org.apache.kafka.streams.processor.api.ProcessorSupplier<String, Intake, String, Admitted> deduplication) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore(RulesStore.STORE), Serdes.String(), Serdes.String())
                        .withLoggingDisabled(),
                topics.routingRules().name(),
                topics.routingRules().consumed(),
                () -> new RulesStore.Loader(topics.catalogue().queues()));
        // caching coalesces the changelog writes of a store within one commit; processors forward
        // directly, so outputs are not delayed by it
        builder.addStateStore(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(DeduplicationProcessor.STORE), Serdes.String(), Serdes.String())
                .withCachingEnabled());
        KStream<String, Intake> police = intake(
                builder,
                topics,
                Agency.POLICE.topic(),
                new AgencyRecordReader<>(
                        SourceAgency.POLICE,
                        Agency.POLICE.topic(),
                        PoliceReferral.getClassSchema(),
                        PoliceReferral::getReferralId,
                        topics.limits(Agency.POLICE.topic()),
                        topics.writerSchemas()),
                CanonicalMapper::police,
                "intake-police");
        KStream<String, Intake> probation = intake(
                builder,
                topics,
                Agency.PROBATION.topic(),
                new AgencyRecordReader<>(
                        SourceAgency.PROBATION,
                        Agency.PROBATION.topic(),
                        ProbationReferral.getClassSchema(),
                        ProbationReferral::getReferralId,
                        topics.limits(Agency.PROBATION.topic()),
                        topics.writerSchemas()),
                CanonicalMapper::probation,
                "intake-probation");
        KStream<String, Intake> victimSupport = intake(
                builder,
                topics,
                Agency.VICTIM_SUPPORT.topic(),
                new AgencyRecordReader<>(
                        SourceAgency.VICTIM_SUPPORT,
                        Agency.VICTIM_SUPPORT.topic(),
                        VictimSupportReferral.getClassSchema(),
                        VictimSupportReferral::getVsCaseId,
                        topics.limits(Agency.VICTIM_SUPPORT.topic()),
                        topics.writerSchemas()),
                CanonicalMapper::victimSupport,
                "intake-victimsupport");

        return police.merge(probation, Named.as("intake-merge-probation"))
                .merge(victimSupport, Named.as("intake-merge-victimsupport"))
                .process(deduplication, Named.as("deduplicate"), DeduplicationProcessor.STORE);
    }

    /**
     * An agency topic read as bytes and decoded by the intake itself, so that a record that does not decode is
     * known to be the record's fault where it is caught (refused, never retried).
     */
    private static <A extends SpecificRecord> KStream<String, Intake> intake(
            StreamsBuilder builder,
            RouterTopics topics,
            String catalogueName,
            AgencyRecordReader<A> reader,
            BiFunction<A, Instant, Intake> mapper,
            String name) {
        String topic = topics.naming().apply(catalogueName);
        return builder.stream(
                        topic,
                        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-" + topic))
                .processValues(() -> new IntakeProcessor<>(reader, mapper), Named.as(name));
    }

    /**
     * The case graph's topic, {@code <application.id>-graph-owners}: as many partitions as the input, read and written
     * by the case graph itself, so a plain topic under the application id (created ahead with the internal topics).
     */
    public static String graphTopic(RouterConfig config) {
        return config.getString(RouterConfig.APPLICATION_ID) + "-" + CaseOwnersProcessor.OWNERS;
    }

    private static boolean isLinkageDecision(String eventType) {
        return CaseEventType.LINK_CONFIRMED.name().equals(eventType)
                || CaseEventType.KEEP_APART.name().equals(eventType);
    }
}
