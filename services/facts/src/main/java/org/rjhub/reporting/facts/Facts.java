package org.rjhub.reporting.facts;

import java.time.Instant;
import java.util.List;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.CaseSnapshot;
import org.rjhub.contracts.hub.DeclineSnapshot;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.PartySnapshot;
import org.rjhub.contracts.hub.ReferralSnapshot;
import org.rjhub.contracts.hub.SourceAgency;

/** Builds the {@link CaseFact} records of the contract from the stages' pseudonymised state. */
final class Facts {

    private Facts() {}

    /**
     * One change, before it is numbered.
     *
     * @param change      what changed
     * @param at          when
     * @param agency      referral changes: the agency
     * @param referralKey referral changes: the referral
     * @param partyRole   party changes: the party
     * @param detail      a fixed code, or null
     * @param reason      a fixed reason code, or null
     * @param referral    the referral after the change, or null
     */
    record Change(
            CaseChange change,
            Instant at,
            SourceAgency agency,
            String referralKey,
            PartyRole partyRole,
            String detail,
            String reason,
            ReferralView referral) {

        static Change of(CaseChange change, Instant at, PartyRole party, String detail, String reason) {
            return new Change(change, at, null, null, party, detail, reason, null);
        }
    }

    /** A fact about a case, keyed by the case's pseudonym. */
    static CaseFact ofCase(String caseKey, long sequence, Change c, CaseState state) {
        return CaseFact.newBuilder()
                .setFactId(caseKey + ":" + sequence)
                .setCaseKey(caseKey)
                .setSequence(sequence)
                .setChange(c.change())
                .setOccurredAt(c.at())
                .setAgency(c.agency())
                .setReferralKey(c.referralKey())
                .setPartyRole(c.partyRole())
                .setDetail(c.detail())
                .setReason(c.reason())
                .setReferral(c.referral() == null ? null : referral(c.referral()))
                .setCaseState(snapshot(state))
                .build();
    }

    /** A fact about a referral that is not in a case, keyed by the referral's pseudonym. */
    static CaseFact ofReferral(CaseInput in) {
        ReferralView v = in.referral();
        String key = v.details().referralKey();
        return CaseFact.newBuilder()
                .setFactId(key + ":" + in.sequence())
                .setCaseKey(null)
                .setSequence(in.sequence())
                .setChange(in.change())
                .setOccurredAt(in.at())
                .setAgency(v.details().agency())
                .setReferralKey(key)
                .setPartyRole(null)
                .setDetail(null)
                .setReason(null)
                .setReferral(referral(v))
                .setCaseState(null)
                .build();
    }

    static ReferralSnapshot referral(ReferralView v) {
        ReferralDetails d = v.details();
        List<PartySnapshot> parties = d.parties().stream()
                .map(p -> new PartySnapshot(p.role(), p.ageBand(), p.personKey()))
                .toList();
        return ReferralSnapshot.newBuilder()
                .setReferralKey(d.referralKey())
                .setAgency(d.agency())
                .setVersion(v.version())
                .setIntake(v.intake())
                .setCaseKey(v.caseKey())
                .setReceivedAt(d.receivedAt())
                .setDistrict(d.district())
                .setCaseType(d.caseType())
                .setOffenceCategory(d.offenceCategory())
                .setJusticeStage(d.justiceStage())
                .setParties(parties)
                .build();
    }

    static CaseSnapshot snapshot(CaseState s) {
        List<ReferralView> referrals = s.referralsInOrder();
        ReferralDetails first = referrals.isEmpty() ? null : referrals.get(0).details();
        var offence = referrals.stream()
                .map(v -> v.details().offenceCategory())
                .filter(o -> o != null)
                .findFirst()
                .orElse(null);
        return CaseSnapshot.newBuilder()
                .setStatus(s.status)
                .setReferredAt(first == null ? null : first.receivedAt())
                .setDistrict(first == null ? null : first.district())
                .setCaseType(first == null ? null : first.caseType())
                .setOffenceCategory(offence)
                .setReferrals(referrals.stream().map(Facts::referral).toList())
                .setAssignedAt(s.assignedAt)
                .setFirstContactAt(s.firstContactAt)
                .setContactedParties(List.copyOf(s.contacted))
                .setConsentedAt(s.consentedAt)
                .setConsentedParties(List.copyOf(s.consented))
                .setMeetingAt(s.meetingAt)
                .setIndirectCommunicationAt(s.indirectAt)
                .setAgreementAt(s.agreementAt)
                .setActionsAgreed(s.agreedActions.size())
                .setActionsCompleted(s.completedActions.size())
                .setAgreementCompletedAt(s.agreementCompletedAt)
                .setDeclines(s.declines.stream()
                        .map(d -> new DeclineSnapshot(d.role(), d.reason(), d.at()))
                        .toList())
                .setUnsuitableStage(s.unsuitableStage)
                .setUnsuitableReason(s.unsuitableReason)
                .setClosedAt(s.closedAt)
                .setClosureReason(s.closureReason)
                .build();
    }
}
