package org.rjhub.reporting.facts;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.AgreementDetails;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ClosureDetails;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IndirectCommunicationDetails;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingDetails;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentDetails;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * Four cases and two referrals that never became cases, with figures known by hand:
 * <ul>
 *   <li>RJ-1 (police PR-1, Harlow, with Victim Support's VS-1 linked): contact after 2 days, both consent,
 *       a meeting, an agreement of two actions, both completed;</li>
 *   <li>RJ-2 (police PR-2, Basildon): contact after 4 days, the victim declines;</li>
 *   <li>RJ-3 (probation PROB-3, Thurrock): contact after 10 days, both consent, letters, one action never done;</li>
 *   <li>RJ-4 (police PR-4, Harlow): found unsuitable at the initial assessment (risk of harm);</li>
 *   <li>PR-5 not eligible; PROB-6 rejected.</li>
 * </ul>
 */
public final class Scenario {

    static final Instant T0 = Hub.T0;
    private static final Duration DAY = Duration.ofDays(1);

    private final FactsDriver hub;

    public Scenario(FactsDriver hub) {
        this.hub = hub;
    }

    public void play() {
        open(SourceAgency.POLICE, "PR-1", "Harlow", "RJ-1", OutcomeType.RECEIVED, T0);
        open(SourceAgency.VICTIM_SUPPORT, "VS-1", "Harlow", "RJ-1", OutcomeType.LINKED, T0.plus(Duration.ofHours(5)));
        open(SourceAgency.POLICE, "PR-2", "Basildon", "RJ-2", OutcomeType.RECEIVED, T0);
        open(SourceAgency.PROBATION, "PROB-3", "Thurrock", "RJ-3", OutcomeType.RECEIVED, T0);
        open(SourceAgency.POLICE, "PR-4", "Harlow", "RJ-4", OutcomeType.RECEIVED, T0);
        hub.referral(Hub.referral(SourceAgency.POLICE, "PR-5", "Chelmsford", T0));
        hub.outcome(Hub.ack(OutcomeType.NOT_ELIGIBLE, SourceAgency.POLICE, "PR-5", null, T0));
        hub.outcome(Hub.ack(OutcomeType.REJECTED, SourceAgency.PROBATION, "PROB-6", null, T0));

        suitable("RJ-1", T0.plus(DAY));
        contactAndConsent("RJ-1", T0.plus(DAY.multipliedBy(2)));
        accept(
                "RJ-1",
                CaseEventType.MEETING_HELD,
                null,
                T0.plus(DAY.multipliedBy(10)),
                new MeetingDetails(MeetingFormat.FACE_TO_FACE_CONFERENCE, 4));
        accept(
                "RJ-1",
                CaseEventType.AGREEMENT_RECORDED,
                null,
                T0.plus(DAY.multipliedBy(10)),
                new AgreementDetails(2, 0, null, List.of(action("A1"), action("A2")), null));
        accept(
                "RJ-1",
                CaseEventType.ACTION_COMPLETED,
                null,
                T0.plus(DAY.multipliedBy(20)),
                new AgreementDetails(0, 0, null, List.of(), "A1"));
        accept(
                "RJ-1",
                CaseEventType.ACTION_COMPLETED,
                null,
                T0.plus(DAY.multipliedBy(25)),
                new AgreementDetails(0, 0, null, List.of(), "A2"));
        accept(
                "RJ-1",
                CaseEventType.CASE_CLOSED,
                null,
                T0.plus(DAY.multipliedBy(26)),
                new ClosureDetails(ClosureReason.AGREEMENT_COMPLETED));

        suitable("RJ-2", T0.plus(DAY));
        accept(
                "RJ-2",
                CaseEventType.CONTACT_MADE,
                PartyRole.VICTIM,
                T0.plus(DAY.multipliedBy(4)),
                new ContactAttemptDetails(ContactMethod.LETTER, true));
        accept("RJ-2", CaseEventType.CONSENT_WITHDRAWN, PartyRole.VICTIM, T0.plus(DAY.multipliedBy(5)), null);

        suitable("RJ-3", T0.plus(DAY));
        contactAndConsent("RJ-3", T0.plus(DAY.multipliedBy(10)));
        accept(
                "RJ-3",
                CaseEventType.INDIRECT_COMMUNICATION,
                null,
                T0.plus(DAY.multipliedBy(15)),
                new IndirectCommunicationDetails(IndirectMethod.LETTER));
        accept(
                "RJ-3",
                CaseEventType.AGREEMENT_RECORDED,
                null,
                T0.plus(DAY.multipliedBy(15)),
                new AgreementDetails(1, 0, null, List.of(action("A1")), null));
        accept(
                "RJ-3",
                CaseEventType.CASE_CLOSED,
                null,
                T0.plus(DAY.multipliedBy(60)),
                new ClosureDetails(ClosureReason.AGREEMENT_NOT_COMPLETED));

        accept(
                "RJ-4",
                CaseEventType.RISK_ASSESSED,
                null,
                T0.plus(DAY),
                new RiskAssessmentDetails(
                        RiskAssessmentStage.INITIAL, RiskLevel.HIGH, false, UnsuitabilityReason.RISK_OF_HARM));
    }

    /**
     * The first half of a case that spans a key rotation: RJ-9 opened by police PR-9 (Harlow, two days after T0),
     * found suitable, the victim contacted.
     */
    public void beforeRotation() {
        Instant at = T0.plus(DAY.multipliedBy(2));
        open(SourceAgency.POLICE, "PR-9", "Harlow", "RJ-9", OutcomeType.RECEIVED, at);
        suitable("RJ-9", at.plus(DAY));
        accept(
                "RJ-9",
                CaseEventType.CONTACT_MADE,
                PartyRole.VICTIM,
                at.plus(DAY.multipliedBy(3)),
                new ContactAttemptDetails(ContactMethod.PHONE, true));
    }

    /**
     * Its second half, after the rotation: Victim Support's VS-9 joins RJ-9, then a meeting; and RJ-10 (police PR-10,
     * Basildon), a case begun after the rotation.
     */
    public void afterRotation() {
        Instant at = T0.plus(DAY.multipliedBy(8));
        open(SourceAgency.VICTIM_SUPPORT, "VS-9", "Harlow", "RJ-9", OutcomeType.LINKED, at);
        accept(
                "RJ-9",
                CaseEventType.MEETING_HELD,
                null,
                at.plus(DAY),
                new MeetingDetails(MeetingFormat.FACE_TO_FACE_CONFERENCE, 3));
        open(SourceAgency.POLICE, "PR-10", "Basildon", "RJ-10", OutcomeType.RECEIVED, at);
    }

    private void open(SourceAgency agency, String id, String district, String caseId, OutcomeType type, Instant at) {
        hub.referral(Hub.referral(agency, id, district, at));
        hub.outcome(Hub.ack(type, agency, id, caseId, at));
    }

    private void suitable(String caseId, Instant at) {
        accept(
                caseId,
                CaseEventType.RISK_ASSESSED,
                null,
                at,
                new RiskAssessmentDetails(RiskAssessmentStage.INITIAL, RiskLevel.LOW, true, null));
    }

    private void contactAndConsent(String caseId, Instant at) {
        for (PartyRole party : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
            accept(caseId, CaseEventType.CONTACT_MADE, party, at, new ContactAttemptDetails(ContactMethod.PHONE, true));
            accept(
                    caseId,
                    CaseEventType.CONSENT_GIVEN,
                    party,
                    at.plusSeconds(600),
                    new ConsentDetails(ConsentScope.DIRECT_MEETING, true));
        }
    }

    private void accept(String caseId, CaseEventType type, PartyRole party, Instant at, Object details) {
        CaseEvent e = Hub.event(caseId, type, party, at, details);
        hub.caseEvent(e);
        hub.result(Hub.result(e, CaseEventStatus.ACCEPTED));
    }

    private static AgreementAction action(String id) {
        return new AgreementAction(id, ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, LocalDate.parse("2026-12-01"));
    }
}
