package org.rjhub.reporting.facts;

import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.common.topics.Topic;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;

/**
 * The facts service's topology, a pure function of its config and topics.
 *
 * <pre>
 * rj.referrals.v1 ── [open-referral] ── minimise-referral ──┐
 * &lt;agency&gt;.outcomes.v1 ── acknowledgements ─┴⇒ [facts-by-referral] ─ referral-stage [facts-referrals] ─┬─ referral-only ─────────┐
 *                                                                                                   └─ to-case ─┐             │
 * rj.case-events.v1 ── minimise-case-event ──────────────────────────────────────────────────────────────────┤             │
 * rj.case-event-results.v1 ── event-answers ─────────────────────────────────────────────────────────────────┴⇒ [facts-by-case]
 *                                                                         ─ case-stage [facts-cases] ─ merge ─> rj.reporting.case-facts.v1
 * </pre>
 *
 * With a master key, each sealed referral is first opened (open-referral) with its data key from the global store of
 * rj.data-keys.v1 ({@link DataKeyStore}); one read before its key waits for it in open-referral's store
 * ({@code parked-referrals}, sealed), the stream thread going on; one whose key was erased is counted by its
 * operational fields alone (agency, district, case type, offence category), with no person.
 *
 * <p>Everything is minimised and pseudonymised as it is read, before any repartition or store: the service's
 * internal topics and state hold no personal data either. They are keyed by internal pseudonyms (key version 1); the
 * facts are published under the current key version ({@link Pseudonymiser#publish}), so a key rotation changes no
 * state: a case's facts carry on, under new pseudonyms linked to the old ones once ({@code pseudonymLinks}).
 */
public final class FactsTopology {

    /** The acknowledgements that place a referral; lifecycle outcomes are taken from the case events instead. */
    static final Set<OutcomeType> INTAKE_ACKS = EnumSet.of(
            OutcomeType.RECEIVED,
            OutcomeType.LINKED,
            OutcomeType.NOT_ELIGIBLE,
            OutcomeType.REFERRED_ON,
            OutcomeType.REJECTED);

    private FactsTopology() {}

    public static Topology build(FactsConfig config, FactsTopics topics) {
        Pseudonymiser pseudonyms = config.pseudonymiser();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ReferralStage.STORE),
                Serdes.String(),
                JsonSerde.of(ReferralState.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CaseStage.STORE), Serdes.String(), JsonSerde.of(CaseState.class)));

        // sealed referrals opened with their data keys; an erased one is counted by its operational fields only
        KStream<String, ReferralInput> referrals = DataKeyStore.opened(
                        builder,
                        config.masterKey(),
                        topics.dataKeys(),
                        builder.stream(
                                topics.referrals().name(), topics.referrals().consumed()))
                .map(
                        (k, r) -> {
                            ReferralDetails details = Minimiser.referral(r, pseudonyms);
                            return KeyValue.pair(details.referralKey(), ReferralInput.details(details));
                        },
                        Named.as("minimise-referral"));
        KStream<String, ReferralInput> acks = builder.stream(
                        topics.outcomes().stream().map(Topic::name).toList(),
                        Consumed.with(Serdes.String(), topics.outcomes().get(0).valueSerde())
                                .withName("read-outcomes"))
                .filter((k, o) -> INTAKE_ACKS.contains(o.getEventType()), Named.as("intake-acknowledgements"))
                .map(
                        (k, o) -> KeyValue.pair(
                                pseudonyms.referralKey(o.getAgency(), o.getAgencyReferralId()), ack(o, pseudonyms)),
                        Named.as("acknowledgements"));

        var placed = referrals
                .merge(acks, Named.as("referral-inputs"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(ReferralInput.class))
                        .withName("facts-by-referral"))
                .process(
                        () -> new ReferralStage(pseudonyms.keyVersion()),
                        Named.as("referral-stage"),
                        ReferralStage.STORE)
                .split(Named.as("placed-"))
                .branch((k, in) -> in.kind() == CaseInput.Kind.REFERRAL_ONLY, Branched.as("referral-only"))
                .defaultBranch(Branched.as("to-case"));
        KStream<String, CaseFact> referralFacts = placed.get("placed-referral-only")
                .map(
                        (k, in) -> KeyValue.pair(pseudonyms.publish(k), Facts.ofReferral(in, pseudonyms)),
                        Named.as("referral-fact"));

        KStream<String, CaseInput> events = builder.stream(
                        topics.caseEvents().name(), topics.caseEvents().consumed())
                .map(
                        (k, e) -> KeyValue.pair(pseudonyms.caseKey(e.getCaseId()), CaseInput.event(Minimiser.event(e))),
                        Named.as("minimise-case-event"));
        KStream<String, CaseInput> answers = builder.stream(
                        topics.eventResults().name(), topics.eventResults().consumed())
                .map(
                        (k, r) -> KeyValue.pair(
                                pseudonyms.caseKey(r.getCaseId()),
                                CaseInput.result(r.getEventId(), r.getStatus(), r.getDecidedAt())),
                        Named.as("event-answers"));

        KStream<String, CaseFact> caseFacts = placed.get("placed-to-case")
                .merge(events, Named.as("case-inputs-events"))
                .merge(answers, Named.as("case-inputs-answers"))
                .repartition(Repartitioned.with(Serdes.String(), JsonSerde.of(CaseInput.class))
                        .withName("facts-by-case"))
                .process(() -> new CaseStage(pseudonyms), Named.as("case-stage"), CaseStage.STORE);

        caseFacts
                .merge(referralFacts, Named.as("facts"))
                .to(topics.facts().name(), topics.facts().produced());
        return builder.build();
    }

    private static ReferralInput ack(Outcome o, Pseudonymiser pseudonyms) {
        return ReferralInput.ack(
                o.getEventType(),
                o.getAgency(),
                o.getHubCaseId() == null ? null : pseudonyms.caseKey(o.getHubCaseId()),
                o.getOccurredAt());
    }
}
