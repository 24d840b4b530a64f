package org.rjhub.reporting.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.CaseSnapshot;
import org.rjhub.contracts.hub.DeclineSnapshot;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.PartySnapshot;
import org.rjhub.contracts.hub.PseudonymLink;
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

    /**
     * A fact about a case, keyed by the case's published pseudonym.
     *
     * @param caseKey         the case's internal pseudonym
     * @param previousVersion the key version of the case's previous fact (the current one for its first)
     * @param p               publishes internal pseudonyms under the current key version
     */
    static CaseFact ofCase(
            String caseKey, long sequence, Change c, CaseState state, int previousVersion, Pseudonymiser p) {
        String published = p.publish(caseKey);
        Map<String, Integer> linked = new LinkedHashMap<>();
        String carried = c.referral() == null ? null : c.referral().details().referralKey();
        if (previousVersion != p.keyVersion()) {
            linked.put(caseKey, previousVersion);
            state.referrals.values().stream()
                    .filter(v -> !v.details().referralKey().equals(carried))
                    .forEach(v -> keys(v).forEach(k -> linked.put(k, previousVersion)));
        }
        if (c.referral() != null) {
            addReferralLinks(c.referral(), p, linked);
        }
        return CaseFact.newBuilder()
                .setFactId(published + ":" + sequence)
                .setCaseKey(published)
                .setSequence(sequence)
                .setChange(c.change())
                .setOccurredAt(c.at())
                .setAgency(c.agency())
                .setReferralKey(p.publish(c.referralKey()))
                .setPartyRole(c.partyRole())
                .setDetail(c.detail())
                .setReason(c.reason())
                .setReferral(c.referral() == null ? null : referral(c.referral(), p))
                .setCaseState(snapshot(state, p))
                .setKeyVersion(p.keyVersion())
                .setPseudonymLinks(links(linked, p))
                .build();
    }

    /** The links of internal pseudonyms to their form under the version each was last published with. */
    private static List<PseudonymLink> links(Map<String, Integer> linked, Pseudonymiser p) {
        List<PseudonymLink> links = new ArrayList<>();
        linked.forEach((internal, from) -> {
            if (from != p.keyVersion() && from != 0) {
                links.add(new PseudonymLink(p.publish(internal), p.publish(internal, from), from));
            }
        });
        return links;
    }

    /** The referral's pseudonyms, when it was last published under another key version than the current. */
    private static void addReferralLinks(ReferralView v, Pseudonymiser p, Map<String, Integer> linked) {
        if (v.publishedKeyVersion() != 0 && v.publishedKeyVersion() != p.keyVersion()) {
            keys(v).forEach(k -> linked.putIfAbsent(k, v.publishedKeyVersion()));
        }
    }

    /** The internal pseudonyms of a referral: its own and its parties'. */
    private static List<String> keys(ReferralView v) {
        List<String> keys = new ArrayList<>();
        keys.add(v.details().referralKey());
        v.details().parties().stream()
                .map(ReferralDetails.Party::personKey)
                .filter(k -> k != null)
                .forEach(keys::add);
        return keys;
    }

    /** A fact about a referral that is not in a case, keyed by the referral's published pseudonym. */
    static CaseFact ofReferral(CaseInput in, Pseudonymiser p) {
        ReferralView v = in.referral();
        String key = p.publish(v.details().referralKey());
        Map<String, Integer> linked = new LinkedHashMap<>();
        addReferralLinks(v, p, linked);
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
                .setReferral(referral(v, p))
                .setCaseState(null)
                .setKeyVersion(p.keyVersion())
                .setPseudonymLinks(links(linked, p))
                .build();
    }

    static ReferralSnapshot referral(ReferralView v, Pseudonymiser p) {
        ReferralDetails d = v.details();
        List<PartySnapshot> parties = d.parties().stream()
                .map(party -> new PartySnapshot(party.role(), party.ageBand(), p.publish(party.personKey())))
                .toList();
        return ReferralSnapshot.newBuilder()
                .setReferralKey(p.publish(d.referralKey()))
                .setAgency(d.agency())
                .setVersion(v.version())
                .setIntake(v.intake())
                .setCaseKey(p.publish(v.caseKey()))
                .setReceivedAt(d.receivedAt())
                .setDistrict(d.district())
                .setCaseType(d.caseType())
                .setOffenceCategory(d.offenceCategory())
                .setJusticeStage(d.justiceStage())
                .setParties(parties)
                .build();
    }

    static CaseSnapshot snapshot(CaseState s, Pseudonymiser p) {
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
                .setReferrals(referrals.stream().map(v -> referral(v, p)).toList())
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
