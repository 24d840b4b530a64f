package org.rjhub.reporting.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.CaseStatus;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.reporting.facts.Facts.Change;

/**
 * The case stage, keyed by the case's pseudonym: keeps the case's referrals and progress, and writes one fact per
 * change with the case as it stands after it.
 *
 * <p>Case events count only once the case service has ACCEPTED them ({@code rj.case-event-results.v1}), and in
 * their order on {@code rj.case-events.v1}: a case's earliest unanswered event holds back the later ones until its
 * answer arrives; a REFUSED or DUPLICATE event is dropped. Progress times keep the first occurrence (first contact, first consent ...). The agreement is complete
 * when every action it lists is completed (the case service's rule; an action cancelled by a withdrawal is never
 * completed). A case whose referrals all moved to another case is MERGED.
 */
final class CaseStage implements Processor<String, CaseInput, String, CaseFact> {

    static final String STORE = "facts-cases";

    private final Pseudonymiser pseudonyms;
    private ProcessorContext<String, CaseFact> context;
    private KeyValueStore<String, CaseState> store;

    /** @param pseudonyms publishes the stage's internal pseudonyms under the current key version */
    CaseStage(Pseudonymiser pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    @Override
    public void init(ProcessorContext<String, CaseFact> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, CaseInput> record) {
        CaseState state = store.get(record.key());
        if (state == null) {
            state = new CaseState();
        }
        CaseInput in = record.value();
        List<Change> changes = new ArrayList<>();
        switch (in.kind()) {
            case JOINED -> {
                state.referrals.put(in.referral().details().referralKey(), in.referral());
                if (state.status == CaseStatus.MERGED) {
                    state.status = state.closedAt == null ? CaseStatus.OPEN : CaseStatus.CLOSED;
                }
                changes.add(referralChange(in.change(), in, true));
            }
            case AMENDED -> {
                state.referrals.put(in.referral().details().referralKey(), in.referral());
                changes.add(referralChange(CaseChange.REFERRAL_AMENDED, in, true));
            }
            case MOVED_OUT -> {
                state.referrals.remove(in.referral().details().referralKey());
                if (state.referrals.isEmpty()) {
                    state.status = CaseStatus.MERGED;
                }
                changes.add(referralChange(CaseChange.REFERRAL_MOVED_OUT, in, false));
            }
            case EVENT -> {
                state.pendingEvents.add(in.event());
                applyAnswered(state, changes);
            }
            case RESULT -> {
                state.pendingResults
                        .computeIfAbsent(in.eventId(), id -> new ArrayList<>())
                        .add(in.status());
                applyAnswered(state, changes);
            }
            default -> throw new IllegalArgumentException("the case stage does not take " + in.kind());
        }
        for (Change change : changes) {
            int previousVersion = state.sequence == 0 ? pseudonyms.keyVersion() : state.keyVersion;
            state.sequence++;
            context.forward(record.withKey(pseudonyms.publish(record.key()))
                    .withValue(Facts.ofCase(record.key(), state.sequence, change, state, previousVersion, pseudonyms)));
            state.keyVersion = pseudonyms.keyVersion();
        }
        store.put(record.key(), state);
    }

    private static Change referralChange(CaseChange change, CaseInput in, boolean withSnapshot) {
        ReferralView v = in.referral();
        return new Change(
                change,
                in.at(),
                v.details().agency(),
                v.details().referralKey(),
                null,
                null,
                null,
                withSnapshot ? v : null);
    }

    /**
     * Applies the waiting events in their order on rj.case-events.v1 for as long as the earliest has its answer: the
     * case service decides a case's events one by one in that order, and answers on another topic whose partitions
     * do not keep it (answers are keyed by event id), so facts follow the events' order, not the answers'.
     */
    private static void applyAnswered(CaseState s, List<Change> changes) {
        while (!s.pendingEvents.isEmpty()) {
            CaseEventView next = s.pendingEvents.get(0);
            List<CaseEventStatus> answers = s.pendingResults.get(next.eventId());
            if (answers == null || answers.isEmpty()) {
                return;
            }
            CaseEventStatus answer = answers.remove(0);
            if (answers.isEmpty()) {
                s.pendingResults.remove(next.eventId());
            }
            s.pendingEvents.remove(0);
            if (answer == CaseEventStatus.ACCEPTED) {
                changes.add(apply(s, next));
            }
        }
    }

    /** Applies an accepted case event to the case; returns the change to report. */
    static Change apply(CaseState s, CaseEventView e) {
        Instant at = e.at();
        PartyRole party = e.partyRole();
        return switch (e.type()) {
            case ASSIGNED -> {
                s.assignedAt = earliest(s.assignedAt, at);
                yield Change.of(CaseChange.ASSIGNED, at, null, null, null);
            }
            case CONTACT_ATTEMPTED -> Change.of(CaseChange.CONTACT_ATTEMPTED, at, party, e.detail(), null);
            case CONTACT_MADE -> {
                s.firstContactAt = earliest(s.firstContactAt, at);
                addOnce(s.contacted, party);
                yield Change.of(CaseChange.CONTACT_MADE, at, party, e.detail(), null);
            }
            case INFORMATION_GIVEN -> Change.of(CaseChange.INFORMATION_GIVEN, at, party, null, null);
            case CONSENT_GIVEN -> {
                s.consentedAt = earliest(s.consentedAt, at);
                addOnce(s.consented, party);
                yield Change.of(CaseChange.CONSENT_GIVEN, at, party, e.detail(), null);
            }
            case CONSENT_WITHDRAWN -> {
                String reason = party != null && s.consented.contains(party) ? "WITHDREW_CONSENT" : "DECLINED";
                if (party != null) {
                    s.declines.add(new CaseState.Decline(party, reason, at));
                }
                yield Change.of(CaseChange.CONSENT_WITHDRAWN, at, party, null, reason);
            }
            case RISK_ASSESSED -> {
                if (Boolean.FALSE.equals(e.suitable()) && s.unsuitableReason == null) {
                    s.unsuitableStage = e.stage();
                    s.unsuitableReason = e.unsuitableReason();
                }
                yield Change.of(CaseChange.RISK_ASSESSED, at, null, e.detail(), e.unsuitableReason());
            }
            case STAKEHOLDER_LIAISON -> Change.of(CaseChange.STAKEHOLDER_LIAISON, at, null, null, null);
            case MEETING_HELD -> {
                s.meetingAt = earliest(s.meetingAt, at);
                yield Change.of(CaseChange.MEETING_HELD, at, null, e.detail(), null);
            }
            case INDIRECT_COMMUNICATION -> {
                s.indirectAt = earliest(s.indirectAt, at);
                yield Change.of(CaseChange.INDIRECT_COMMUNICATION, at, null, e.detail(), null);
            }
            case AGREEMENT_RECORDED -> {
                s.agreementAt = earliest(s.agreementAt, at);
                e.actionIds().forEach(id -> addOnce(s.agreedActions, id));
                yield Change.of(CaseChange.AGREEMENT_RECORDED, at, null, progress(s), null);
            }
            case ACTION_COMPLETED -> {
                if (e.actionId() != null && s.agreedActions.contains(e.actionId())) {
                    addOnce(s.completedActions, e.actionId());
                }
                if (!s.agreedActions.isEmpty() && s.completedActions.containsAll(s.agreedActions)) {
                    s.agreementCompletedAt = earliest(s.agreementCompletedAt, at);
                }
                yield Change.of(CaseChange.ACTION_COMPLETED, at, null, progress(s), null);
            }
            case CASE_CLOSED -> {
                s.closedAt = at;
                s.closureReason = e.closureReason();
                if (s.status != CaseStatus.MERGED) {
                    s.status = CaseStatus.CLOSED;
                }
                yield Change.of(CaseChange.CASE_CLOSED, at, null, null, e.closureReason());
            }
            case LINK_CONFIRMED -> Change.of(CaseChange.LINK_CONFIRMED, at, null, null, null);
            case KEEP_APART -> Change.of(CaseChange.KEEP_APART, at, null, null, null);
            default -> Change.of(CaseChange.OTHER, at, party, null, null);
        };
    }

    private static String progress(CaseState s) {
        return s.completedActions.size() + "/" + s.agreedActions.size();
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate != null && candidate.isBefore(current) ? candidate : current;
    }

    private static <T> void addOnce(List<T> list, T value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
