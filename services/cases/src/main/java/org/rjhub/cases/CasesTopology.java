package org.rjhub.cases;

import java.util.ArrayList;
import java.util.List;
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
import org.rjhub.cases.contacts.StoredContacts;
import org.rjhub.cases.intake.CaseInput;
import org.rjhub.cases.intake.CaseInput.Claim;
import org.rjhub.cases.intake.CaseItem;
import org.rjhub.cases.intake.CaseItemProcessor;
import org.rjhub.cases.intake.ReferralOwnersProcessor;
import org.rjhub.cases.lifecycle.CaseEventProcessor;
import org.rjhub.cases.lifecycle.CaseStateJson;
import org.rjhub.cases.lifecycle.CaseStore;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.cases.notes.CaseNoteProcessor;
import org.rjhub.cases.outcomes.Emission;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;

/**
 * The case service's topology, a pure function of its config and topics.
 *
 * <pre>
 * rj.queue.*.v1 ─ intake-items ─ to-case-item ─┬─ referral-claims-out ⇒ [referral-claims] ─ referral-owners ─┐ (moved,
 * rj.referrals.v1 ─ referral-contacts-out ⇒ [referral-contacts] ─────────────────┘ (stores: referral-owners,│  contacts)
 *                                                                                    referral-contacts)     │
 *                                               └─ item-input ───────────────────────────────────────────────┴─ merge
 *     ⇒ [case-items, as many partitions as rj.case-events.v1] ─ case-intake ──────────────┐
 * rj.case-events.v1 ─ case-lifecycle (state machine; sweeps deadlines) ──────────────────┴─ emissions ─┬─ outcomes ─> &lt;agency&gt;.outcomes.v1
 *                     refused: handler ─> rj.dead-letters.v1 + rj.case-event-results.v1               ├─ results  ─> rj.case-event-results.v1
 *                     stores: cases, case-deadlines                                                   ├─ queue    ─> rj.queue.&lt;name&gt;.v1
 *                                                                                                     └─ escalations ─> rj.escalations.v1
 * rj.case-notes.v1 ─ case-notes (kept with the case in the cases store; forwards nothing)
 * (a sealed referral's contact details stay sealed, as the router sealed them, on referral-contacts, in its store and
 *  in the cases store; with a master key, the global store data-keys holds the data keys of rj.data-keys.v1, with
 *  which the case API opens them per request: a referral whose key is erased gives no contact details)
 * </pre>
 */
public final class CasesTopology {

    private CasesTopology() {}

    public static Topology build(CasesConfig config, CasesTopics topics) {
        ServiceLevels levels = config.serviceLevels();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CaseStore.CASES), Serdes.String(), CaseStateJson.serde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CaseStore.DEADLINES), Serdes.String(), Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ReferralOwnersProcessor.STORE),
                Serdes.String(),
                JsonSerde.of(Claim.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ReferralOwnersProcessor.CONTACTS),
                Serdes.String(),
                JsonSerde.of(Claim.class)));

        // with a master key, the offence's wording is not kept: the API opens it from the case's sealed referrals
        boolean withholdWording = config.masterKey().isPresent();
        KStream<String, CaseItem> items = builder.stream(
                        topics.queueTopics(),
                        Consumed.with(Serdes.String(), topics.queueTemplate().valueSerde())
                                .withName("read-queues"))
                .filter((k, item) -> CaseItem.isIntake(item), Named.as("intake-items"))
                .map(
                        (k, item) -> KeyValue.pair(item.getCaseId(), CaseItem.of(item, withholdWording)),
                        Named.as("to-case-item"));

        KStream<String, Claim> claims = items.flatMap(
                (caseId, item) -> {
                    List<KeyValue<String, Claim>> out = new ArrayList<>();
                    item.referrals()
                            .forEach(r -> out.add(KeyValue.pair(r.key(), Claim.of(r, caseId, item.createdAt()))));
                    return out;
                },
                Named.as("referral-claims-out"));
        // the referrals' contact details, repartitioned by referral like the claims (as many partitions), so that each
        // meets its referral's owner in one task, in their own sub-topology until then
        // a sealed referral's details stay sealed (StoredContacts): the stream never needs, nor waits for, a data key;
        // the API opens them per request with the keys of rj.data-keys.v1, in a global store with a master key
        if (config.masterKey().isPresent()) {
            DataKeyStore.addTo(builder, topics.dataKeys());
        }
        KStream<String, Claim> contacts = builder.stream(
                        topics.referrals().name(), topics.referrals().consumed().withName("read-referrals"))
                .filter((k, r) -> r != null, Named.as("referral-present"))
                .map(
                        (k, r) -> {
                            StoredContacts c = StoredContacts.of(r);
                            return KeyValue.pair(c.referral().key(), Claim.contactsOf(c, r.getReceivedAt()));
                        },
                        Named.as("referral-contacts-out"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(Claim.class))
                        .withName("referral-contacts")
                        .withNumberOfPartitions(topics.referralClaimPartitions()));

        KStream<String, CaseInput> moved = claims.repartition(
                        Repartitioned.with(Serdes.String(), JsonSerde.of(Claim.class))
                                .withName("referral-claims")
                                .withNumberOfPartitions(topics.referralClaimPartitions()))
                .merge(contacts, Named.as("merge-contacts"))
                .process(
                        () -> new ReferralOwnersProcessor(topics.referralsRetention()),
                        Named.as("referral-owners"),
                        ReferralOwnersProcessor.STORE,
                        ReferralOwnersProcessor.CONTACTS);

        KStream<String, Emission> fromItems = items.mapValues(CaseInput::item, Named.as("item-input"))
                .merge(moved, Named.as("merge-moved"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(CaseInput.class))
                        .withName("case-items")
                        .withNumberOfPartitions(topics.caseEventPartitions()))
                .process(
                        () -> new CaseItemProcessor(levels),
                        Named.as("case-intake"),
                        CaseStore.CASES,
                        CaseStore.DEADLINES);

        KStream<String, Emission> fromEvents = builder.stream(
                        topics.caseEvents().name(), topics.caseEvents().consumed())
                .process(
                        () -> new CaseEventProcessor(
                                levels,
                                config.streamTimeSweep(),
                                config.wallClockSweep(),
                                new CaseEventProcessor.Retention(config.closedRetention(), config.retentionSweep())),
                        Named.as("case-lifecycle"),
                        CaseStore.CASES,
                        CaseStore.DEADLINES);

        builder.stream(topics.caseNotes().name(), topics.caseNotes().consumed())
                .process(
                        () -> new CaseNoteProcessor(levels),
                        Named.as("case-notes"),
                        CaseStore.CASES,
                        CaseStore.DEADLINES);

        var out = fromEvents
                .merge(fromItems, Named.as("emissions"))
                .split(Named.as("emit-"))
                .branch((k, e) -> e.kind() == Emission.Kind.OUTCOME, Branched.as("outcome"))
                .branch((k, e) -> e.kind() == Emission.Kind.RESULT, Branched.as("result"))
                .branch((k, e) -> e.kind() == Emission.Kind.QUEUE, Branched.as("queue"))
                .defaultBranch(Branched.as("escalation"));
        out.get("emit-outcome")
                .mapValues(e -> e.as(Outcome.class), Named.as("outcome-value"))
                .to(
                        (k, v, ctx) -> topics.outcomes(v.getAgency()),
                        Produced.with(Serdes.String(), topics.outcomesTemplate().valueSerde())
                                .withName("write-outcomes"));
        out.get("emit-result")
                .mapValues(e -> e.as(CaseEventResult.class), Named.as("result-value"))
                .to(topics.results().name(), topics.results().produced());
        out.get("emit-queue")
                .mapValues(e -> e.as(QueueItem.class), Named.as("queue-value"))
                .to(
                        (k, v, ctx) -> topics.queue(v.getQueue()),
                        Produced.with(Serdes.String(), topics.queueTemplate().valueSerde())
                                .withName("write-queues"));
        out.get("emit-escalation")
                .mapValues(e -> e.as(CaseEvent.class), Named.as("escalation-value"))
                .to(topics.escalations().name(), topics.escalations().produced());
        return builder.build();
    }
}
