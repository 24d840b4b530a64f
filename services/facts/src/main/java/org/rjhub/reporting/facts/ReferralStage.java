package org.rjhub.reporting.facts;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.ReferralIntake;

/**
 * The referral stage, keyed by the referral's pseudonym: puts each minimised canonical referral together with
 * the router's acknowledgements of it, whichever arrives first, and says which case it is in.
 *
 * <ul>
 *   <li>RECEIVED / LINKED: the referral joins the named case ({@code JOINED}); if it was in another case (a
 *       merge or a split), that case is told it left ({@code MOVED_OUT}).</li>
 *   <li>A new canonical version of a referral in a case: {@code AMENDED} (the AMENDED acknowledgement itself
 *       says nothing more, so it is not used: one fact per change).</li>
 *   <li>NOT_ELIGIBLE / REFERRED_ON, and REJECTED of a referral the hub never accepted: a fact under the
 *       referral's own key ({@code REFERRAL_ONLY}); REJECTED of a later version leaves the earlier standing.</li>
 *   <li>An acknowledgement that needs the referral's details and arrives before them waits in the store.</li>
 * </ul>
 */
final class ReferralStage implements Processor<String, ReferralInput, String, CaseInput> {

    static final String STORE = "facts-referrals";

    private final int keyVersion;
    private ProcessorContext<String, CaseInput> context;
    private KeyValueStore<String, ReferralState> store;

    /** @param keyVersion the key version facts are published under */
    ReferralStage(int keyVersion) {
        this.keyVersion = keyVersion;
    }

    @Override
    public void init(ProcessorContext<String, CaseInput> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, ReferralInput> record) {
        ReferralState state = store.get(record.key());
        if (state == null) {
            state = new ReferralState();
        }
        List<KeyValue<String, CaseInput>> out = new ArrayList<>();
        if (record.value().kind() == ReferralInput.Kind.DETAILS) {
            details(record.key(), state, record.value().details(), out);
        } else {
            ack(record.key(), state, record.value(), out);
        }
        store.put(record.key(), state);
        for (KeyValue<String, CaseInput> kv : out) {
            context.forward(record.withKey(kv.key).withValue(kv.value));
        }
    }

    private void details(String key, ReferralState s, ReferralDetails details, List<KeyValue<String, CaseInput>> out) {
        boolean first = s.details == null;
        s.details = details;
        s.agency = details.agency();
        if (first) {
            List<ReferralInput> waiting = s.pending;
            s.pending = new ArrayList<>();
            waiting.forEach(ack -> ack(key, s, ack, out));
        } else if (s.caseKey != null && inCase(s.intake)) {
            s.version++;
            out.add(KeyValue.pair(s.caseKey, CaseInput.amended(s.view(keyVersion), details.receivedAt())));
        }
    }

    private void ack(String key, ReferralState s, ReferralInput ack, List<KeyValue<String, CaseInput>> out) {
        switch (ack.ack()) {
            case RECEIVED, LINKED -> {
                if (s.details == null) {
                    s.pending.add(ack);
                    return;
                }
                if (ack.caseKey() == null) {
                    return;
                }
                String previous = s.caseKey;
                boolean opened = ack.ack() == org.rjhub.contracts.hub.OutcomeType.RECEIVED;
                s.caseKey = ack.caseKey();
                s.intake = opened ? ReferralIntake.OPENED_CASE : ReferralIntake.LINKED_TO_CASE;
                s.version++;
                ReferralView view = s.view(keyVersion);
                if (previous != null && !previous.equals(s.caseKey)) {
                    out.add(KeyValue.pair(previous, CaseInput.movedOut(view, ack.at())));
                }
                out.add(KeyValue.pair(
                        s.caseKey,
                        CaseInput.joined(
                                opened ? CaseChange.REFERRAL_OPENED_CASE : CaseChange.REFERRAL_LINKED,
                                view,
                                ack.at())));
            }
            case NOT_ELIGIBLE, REFERRED_ON -> {
                if (s.details == null) {
                    s.pending.add(ack);
                    return;
                }
                boolean referredOn = ack.ack() == org.rjhub.contracts.hub.OutcomeType.REFERRED_ON;
                s.intake = referredOn ? ReferralIntake.REFERRED_ON : ReferralIntake.NOT_ELIGIBLE;
                s.version++;
                s.factSequence++;
                out.add(KeyValue.pair(
                        key,
                        CaseInput.referralOnly(
                                referredOn ? CaseChange.REFERRAL_REFERRED_ON : CaseChange.REFERRAL_NOT_ELIGIBLE,
                                s.view(keyVersion),
                                s.factSequence,
                                ack.at())));
            }
            case REJECTED -> {
                if (s.details != null) {
                    return;
                }
                s.agency = ack.agency();
                s.intake = ReferralIntake.REJECTED;
                s.version++;
                s.factSequence++;
                ReferralView view = s.view(ReferralDetails.rejected(key, ack.agency(), ack.at()), keyVersion);
                out.add(KeyValue.pair(
                        key, CaseInput.referralOnly(CaseChange.REFERRAL_REJECTED, view, s.factSequence, ack.at())));
            }
            default -> {
                // AMENDED: the new canonical version is the change; lifecycle outcomes: the case events are
            }
        }
    }

    private static boolean inCase(ReferralIntake intake) {
        return intake == ReferralIntake.OPENED_CASE || intake == ReferralIntake.LINKED_TO_CASE;
    }
}
