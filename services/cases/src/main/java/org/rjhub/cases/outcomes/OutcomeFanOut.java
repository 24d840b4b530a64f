package org.rjhub.cases.outcomes;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.rjhub.agencies.outcomes.Acknowledgements;
import org.rjhub.cases.lifecycle.CaseState.Announcement;
import org.rjhub.cases.lifecycle.CaseState.Audience;
import org.rjhub.cases.lifecycle.CaseState.Ref;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Turns one announcement on a case into the outcome envelopes its referrers receive: one per linked
 * referral, keyed by and naming only that referral. The envelope is the router's
 * ({@link Acknowledgements}): event type, version, occurred-at, the agency's referral id, the hub
 * case id, a fixed-wording reason; nothing about the parties, nothing of another agency.
 */
public final class OutcomeFanOut {

    private OutcomeFanOut() {}

    /** The outcomes of {@code announcement} for each of {@code referrals} it is meant for, keyed by referral id. */
    public static List<KeyValue<String, Outcome>> outcomes(
            String caseId, List<Ref> referrals, Announcement announcement) {
        List<KeyValue<String, Outcome>> out = new ArrayList<>();
        for (Ref ref : referrals) {
            if (announcement.audience() == Audience.PROBATION && ref.agency() != SourceAgency.PROBATION) {
                continue;
            }
            Outcome envelope = Acknowledgements.outcome(
                    announcement.type(),
                    ref.agency(),
                    ref.agencyReferralId(),
                    caseId,
                    announcement.reason(),
                    announcement.at());
            envelope.setDeclinedBy(announcement.declinedBy());
            envelope.setAdditionalInformation(new java.util.HashMap<>(announcement.additional()));
            out.add(KeyValue.pair(ref.agencyReferralId(), envelope));
        }
        return out;
    }

    /** The story so far for referrals that joined the case late, in the order it happened. */
    public static List<KeyValue<String, Outcome>> catchUp(String caseId, List<Ref> joined, List<Announcement> history) {
        List<KeyValue<String, Outcome>> out = new ArrayList<>();
        for (Announcement a : history) {
            out.addAll(outcomes(caseId, joined, a));
        }
        return out;
    }
}
