package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.POLICE_REF;
import static org.rjhub.cases.CaseFixtures.PROBATION_REF;
import static org.rjhub.cases.CaseFixtures.VS_REF;
import static org.rjhub.cases.CaseFixtures.action;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.DeclinedBy;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/** Every transition of the case lifecycle and its outcomes, fanned out to each referrer, through the production topology. */
class CaseLifecycleTest {

    private static final Instant T0 = CasesDriver.START;

    private CasesDriver cases;
    private final CaseEvents fac = CaseEvents.on(CASE, "FAC-017");
    private int hour;

    @BeforeEach
    void start() {
        cases = new CasesDriver();
        cases.item(CaseFixtures.threeAgencyCase(T0));
    }

    @AfterEach
    void stop() {
        cases.close();
    }

    /** The next hour after the referral: events happen in order. */
    private Instant next() {
        return T0.plus(Duration.ofHours(++hour));
    }

    @Test
    void shouldOpenACaseFromTheRoutersQueueItemWithEveryReferralToAnswer() {
        CaseState state = cases.state(CASE);

        assertThat(state.open()).isTrue();
        assertThat(state.queue).isEqualTo("harlow");
        assertThat(state.referredAt).isEqualTo(T0);
        assertThat(state.referrals)
                .extracting(CaseState.Ref::agencyReferralId)
                .containsExactly(POLICE_REF, PROBATION_REF, VS_REF);
        assertThat(state.roles()).containsExactly(PartyRole.VICTIM, PartyRole.OFFENDER);
        assertThat(cases.allOutcomes()).isEmpty();
    }

    @Test
    void shouldTellEachAgencyTheCaseWasAcceptedUnderItsOwnReferralId() {
        // Given an initial risk assessment that found the case suitable
        cases.event(fac.suitable(next(), RiskAssessmentStage.INITIAL));
        // When a facilitator is allocated
        cases.event(fac.assigned(next(), "FAC-017"));

        // Then each agency hears ACCEPTED, keyed by and naming only its own referral
        assertThat(cases.outcomeRecords(SourceAgency.POLICE)).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo(POLICE_REF);
            assertThat(kv.value.getEventType()).isEqualTo(OutcomeType.ACCEPTED);
            assertThat(kv.value.getAgencyReferralId()).isEqualTo(POLICE_REF);
            assertThat(kv.value.getHubCaseId()).isEqualTo(CASE);
            assertThat(kv.value.getVersion()).isEqualTo(1);
        });
        assertThat(cases.outcomeRecords(SourceAgency.PROBATION))
                .extracting(kv -> kv.key)
                .containsExactly(PROBATION_REF);
        assertThat(cases.outcomeRecords(SourceAgency.VICTIM_SUPPORT))
                .extracting(kv -> kv.key)
                .containsExactly(VS_REF);
        assertThat(cases.state(CASE).facilitator).isEqualTo("FAC-017");
        assertThat(cases.results())
                .extracting(CaseEventResult::getStatus)
                .containsExactly(CaseEventStatus.ACCEPTED, CaseEventStatus.ACCEPTED);
    }

    @Test
    void shouldAnnounceContactMadeOnceAndCountAttempts() {
        cases.events(
                fac.contactAttempted(next(), PartyRole.VICTIM, ContactMethod.PHONE),
                fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.LETTER),
                fac.contactMade(next(), PartyRole.OFFENDER, ContactMethod.VIA_REFERRER));

        assertThat(cases.outcomes(SourceAgency.POLICE))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.CONTACT_MADE);
        assertThat(cases.outcomes(SourceAgency.PROBATION)).hasSize(1);
        assertThat(cases.outcomes(SourceAgency.VICTIM_SUPPORT)).hasSize(1);
        CaseState state = cases.state(CASE);
        assertThat(state.party(PartyRole.VICTIM).contactAttempts).isEqualTo(2);
        assertThat(state.party(PartyRole.OFFENDER).contactMade).isTrue();
    }

    @Test
    void shouldRecordInformedWrittenConsentPerParty() {
        cases.events(
                fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE),
                fac.informationGiven(next(), PartyRole.VICTIM),
                fac.consentGiven(next(), PartyRole.VICTIM, ConsentScope.RESTORATIVE_PROCESS),
                fac.stakeholderLiaison(next()));

        CaseState state = cases.state(CASE);
        assertThat(state.party(PartyRole.VICTIM).informed).isTrue();
        assertThat(state.party(PartyRole.VICTIM).consents).containsExactly(ConsentScope.RESTORATIVE_PROCESS);
        assertThat(state.party(PartyRole.OFFENDER).consents).isEmpty();
        assertThat(state.history).hasSize(4);
        assertThat(cases.results()).extracting(CaseEventResult::getStatus).containsOnly(CaseEventStatus.ACCEPTED);
    }

    @Test
    void shouldTakeACaseFromReferralToAgreementCompletedAndTellEveryAgencyInOrder() {
        // Given parties contacted, informed and consenting, both risk assessments suitable
        readyToMeet();
        // When they meet, agree two actions, and both are completed
        LocalDate due = LocalDate.of(2026, 12, 15);
        cases.events(
                fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 4),
                fac.agreementRecorded(
                        next(),
                        List.of(
                                action("A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, due),
                                action("A2", ActionKind.REPARATION_WORK, PartyRole.OFFENDER, due))),
                fac.actionCompleted(next(), "A1"),
                fac.actionCompleted(next(), "A2"),
                fac.closed(next(), ClosureReason.AGREEMENT_COMPLETED));

        // Then each agency has the whole lifecycle of its own referral, in order
        List<OutcomeType> lifecycle = List.of(
                OutcomeType.CONTACT_MADE,
                OutcomeType.ACCEPTED,
                OutcomeType.MEETING_HELD,
                OutcomeType.AGREEMENT_REACHED,
                OutcomeType.AGREEMENT_COMPLETED,
                OutcomeType.CLOSED);
        for (SourceAgency agency : SourceAgency.values()) {
            List<Outcome> outcomes = cases.outcomes(agency);
            assertThat(outcomes)
                    .extracting(Outcome::getEventType)
                    .as("%s", agency)
                    .isEqualTo(lifecycle);
            assertThat(outcomes).extracting(Outcome::getAgency).containsOnly(agency);
            assertThat(outcomes).extracting(Outcome::getEventId).doesNotHaveDuplicates();
        }
        CaseState state = cases.state(CASE);
        assertThat(state.status).isEqualTo(CaseState.Status.CLOSED);
        assertThat(state.closureReason).isEqualTo("AGREEMENT_COMPLETED");
    }

    @Test
    void shouldCarryTheAgreementSizeAndTheClosureReasonInTheEnvelope() {
        readyToMeet();
        cases.events(
                fac.indirectCommunication(next(), IndirectMethod.LETTER),
                fac.agreementRecorded(
                        next(),
                        List.of(action(
                                "A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, LocalDate.of(2026, 12, 1)))));
        cases.outcomes(SourceAgency.POLICE);
        cases.event(fac.closed(next(), ClosureReason.AGREEMENT_NOT_COMPLETED));

        List<Outcome> probation = cases.outcomes(SourceAgency.PROBATION);
        assertThat(probation)
                .extracting(Outcome::getEventType)
                .containsSubsequence(
                        OutcomeType.INDIRECT_COMMUNICATION,
                        OutcomeType.AGREEMENT_REACHED,
                        OutcomeType.AGREEMENT_NOT_COMPLETED,
                        OutcomeType.CLOSED);
        assertThat(probation)
                .filteredOn(o -> o.getEventType() == OutcomeType.AGREEMENT_REACHED)
                .singleElement()
                .satisfies(o -> assertThat(o.getAdditionalInformation()).containsEntry("actionsAgreed", "1"));
        assertThat(probation.get(probation.size() - 1).getReason()).isEqualTo("AGREEMENT_NOT_COMPLETED");
        assertThat(cases.outcomes(SourceAgency.POLICE))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.AGREEMENT_NOT_COMPLETED, OutcomeType.CLOSED);
    }

    @Test
    void shouldTellEveryAgencyWhoDeclinedWithoutPersonalDetail() {
        cases.events(
                fac.contactMade(next(), PartyRole.OFFENDER, ContactMethod.PHONE),
                fac.consentWithdrawn(next(), PartyRole.OFFENDER));

        Outcome declined = cases.outcomes(SourceAgency.VICTIM_SUPPORT).get(1);
        assertThat(declined.getEventType()).isEqualTo(OutcomeType.DECLINED);
        assertThat(declined.getDeclinedBy()).isEqualTo(DeclinedBy.OFFENDER);
        assertThat(declined.getReason()).isEqualTo("the offender declined").doesNotContain("Fairweather");
        assertThat(cases.outcomes(SourceAgency.POLICE))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.CONTACT_MADE, OutcomeType.DECLINED);
    }

    @Test
    void shouldStopTheProcessForAPartyWhoWithdrawsConsentAtAnyStage() {
        // Given a case with an agreement whose actions the offender owes
        readyToMeet();
        cases.events(
                fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 4),
                fac.agreementRecorded(
                        next(),
                        List.of(action(
                                "A1", ActionKind.REPARATION_WORK, PartyRole.OFFENDER, LocalDate.of(2026, 12, 15)))));
        cases.outcomes(SourceAgency.POLICE);
        // When the offender withdraws
        cases.event(fac.consentWithdrawn(next(), PartyRole.OFFENDER));
        // Then it is announced at once, the offender's actions are cancelled, and nothing more is accepted for them
        assertThat(cases.outcomes(SourceAgency.POLICE)).singleElement().satisfies(o -> {
            assertThat(o.getEventType()).isEqualTo(OutcomeType.DECLINED);
            assertThat(o.getReason()).isEqualTo("the offender withdrew consent");
        });
        assertThat(cases.state(CASE).action("A1").orElseThrow().status)
                .isEqualTo(CaseState.ActionState.Status.CANCELLED);
        cases.events(
                fac.contactMade(next(), PartyRole.OFFENDER, ContactMethod.PHONE),
                fac.actionCompleted(next(), "A1"),
                fac.consentWithdrawn(next(), PartyRole.OFFENDER),
                fac.closed(next(), ClosureReason.DECLINED_BY_OFFENDER));
        assertThat(refusals()).containsExactly("PARTY_WITHDRAWN", "ACTION_NOT_OPEN", "ALREADY_WITHDRAWN");
        assertThat(cases.state(CASE).closureReason).isEqualTo("DECLINED_BY_OFFENDER");
    }

    @Test
    void shouldAnnounceUnsuitableWithAReasonInFixedTermsAndHoldTheCase() {
        cases.event(fac.riskAssessed(
                next(),
                RiskAssessmentStage.INITIAL,
                RiskLevel.HIGH,
                false,
                UnsuitabilityReason.NO_ACCEPTANCE_OF_RESPONSIBILITY));
        cases.event(fac.assigned(next(), "FAC-017"));
        cases.event(fac.closed(next(), ClosureReason.UNSUITABLE));

        assertThat(cases.outcomes(SourceAgency.PROBATION))
                .extracting(Outcome::getEventType, Outcome::getReason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                OutcomeType.UNSUITABLE,
                                "the initial risk assessment found the case unsuitable: no acceptance of responsibility"),
                        org.assertj.core.groups.Tuple.tuple(OutcomeType.CLOSED, "UNSUITABLE"));
        assertThat(refusals()).containsExactly("CASE_UNSUITABLE");
    }

    @Test
    void shouldAnswerARedeliveredEventAsDuplicateWithoutAnnouncingTwice() {
        var contact = fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE);
        cases.events(contact, contact);

        assertThat(cases.results())
                .extracting(CaseEventResult::getStatus)
                .containsExactly(CaseEventStatus.ACCEPTED, CaseEventStatus.DUPLICATE);
        assertThat(cases.outcomes(SourceAgency.POLICE)).hasSize(1);
        assertThat(cases.state(CASE).history).hasSize(1);
        assertThat(cases.deadLetters()).isEmpty();
    }

    @Test
    void shouldAcceptLinkageDecisionsOnAKnownCaseAndLeaveThemToTheRouter() {
        cases.events(fac.linkConfirmed(next(), "RJ-VS-9"), fac.keepApart(next(), "RJ-VS-8"));

        assertThat(cases.results()).extracting(CaseEventResult::getStatus).containsOnly(CaseEventStatus.ACCEPTED);
        assertThat(cases.allOutcomes()).isEmpty();
    }

    /** Contacted, informed, consenting (both), initial assessment, allocation, facilitation assessment. */
    private void readyToMeet() {
        for (PartyRole role : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
            cases.events(
                    fac.contactMade(next(), role, ContactMethod.PHONE),
                    fac.informationGiven(next(), role),
                    fac.consentGiven(next(), role, ConsentScope.RESTORATIVE_PROCESS));
        }
        cases.events(
                fac.suitable(next(), RiskAssessmentStage.INITIAL),
                fac.assigned(next(), "FAC-017"),
                fac.suitable(next(), RiskAssessmentStage.FACILITATION));
    }

    private List<String> refusals() {
        return cases.results().stream()
                .filter(r -> r.getStatus() == CaseEventStatus.REFUSED)
                .map(CaseEventResult::getRule)
                .toList();
    }
}
