package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgeBand;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.AgreementDetails;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.CaseStatus;
import org.rjhub.contracts.hub.ClosureDetails;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IdentifierType;
import org.rjhub.contracts.hub.MeetingDetails;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.ReferralIntake;
import org.rjhub.contracts.hub.RiskAssessmentDetails;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * The production facts topology, behaviour by behaviour, in a TopologyTestDriver with production's serdes
 * over an in-memory registry.
 */
class FactsTopologyTest {

    private static final SourceAgency POLICE = SourceAgency.POLICE;
    private static final SourceAgency VS = SourceAgency.VICTIM_SUPPORT;

    private FactsDriver facts;

    @BeforeEach
    void start() {
        facts = new FactsDriver();
    }

    @AfterEach
    void stop() {
        facts.close();
    }

    @Test
    void shouldOpenACaseWhenTheRouterReceivesAReferral() {
        // Given a canonical police referral, When the router acknowledges it RECEIVED into case RJ-1
        facts.referral(Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0));
        facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));

        // Then one fact, keyed by the case's pseudonym, says the referral opened the case
        List<KeyValue<String, CaseFact>> out = facts.factRecords();
        assertThat(out).hasSize(1);
        CaseFact fact = out.get(0).value;
        String caseKey = facts.pseudonyms().caseKey("RJ-1");
        assertThat(out.get(0).key).isEqualTo(caseKey).startsWith("c-").hasSize(34);
        assertThat(fact.getChange()).isEqualTo(CaseChange.REFERRAL_OPENED_CASE);
        assertThat(fact.getFactId()).isEqualTo(caseKey + ":1");
        assertThat(fact.getReferralKey()).isEqualTo(facts.pseudonyms().referralKey(POLICE, "PR-1"));
        assertThat(fact.getReferral().getIntake()).isEqualTo(ReferralIntake.OPENED_CASE);
        assertThat(fact.getReferral().getDistrict()).isEqualTo("Harlow");
        assertThat(fact.getReferral().getParties())
                .extracting(p -> p.getAgeBand())
                .containsExactly(AgeBand.AGE_55_64, AgeBand.AGE_18_24);
        assertThat(fact.getReferral().getParties().get(1).getPersonKey())
                .isEqualTo(facts.pseudonyms().personKey(IdentifierType.PNC, "2019/0123456A"));
        assertThat(fact.getCaseState().getStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(fact.getCaseState().getReferredAt()).isEqualTo(Hub.T0);
        assertThat(fact.getCaseState().getReferrals()).hasSize(1);
    }

    @Test
    void shouldWaitForTheReferralWhenItsAcknowledgementArrivesFirst() {
        facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));
        assertThat(facts.facts()).isEmpty();

        facts.referral(Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0));

        assertThat(facts.facts()).extracting(CaseFact::getChange).containsExactly(CaseChange.REFERRAL_OPENED_CASE);
    }

    @Test
    void shouldLinkAnotherAgencysReferralIntoTheSameCase() {
        facts.referral(Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0));
        facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));
        facts.referral(Hub.referral(VS, "VS-1", "Harlow", Hub.T0.plusSeconds(3600)));
        facts.outcome(Hub.ack(OutcomeType.LINKED, VS, "VS-1", "RJ-1", Hub.T0.plusSeconds(3600)));

        List<CaseFact> out = facts.facts();
        assertThat(out)
                .extracting(CaseFact::getChange)
                .containsExactly(CaseChange.REFERRAL_OPENED_CASE, CaseChange.REFERRAL_LINKED);
        CaseFact linked = out.get(1);
        assertThat(linked.getSequence()).isEqualTo(2);
        assertThat(linked.getReferral().getIntake()).isEqualTo(ReferralIntake.LINKED_TO_CASE);
        assertThat(linked.getCaseState().getReferrals())
                .extracting(r -> r.getAgency())
                .containsExactly(POLICE, VS);
        assertThat(linked.getCaseState().getReferredAt()).isEqualTo(Hub.T0);
    }

    @Test
    void shouldMoveReferralsOutOfACaseMergedIntoAnother() {
        facts.referral(Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0));
        facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));
        facts.referral(Hub.referral(VS, "VS-1", "Harlow", Hub.T0.plusSeconds(60)));
        facts.outcome(Hub.ack(OutcomeType.RECEIVED, VS, "VS-1", "RJ-2", Hub.T0.plusSeconds(60)));
        facts.facts();

        // When a facilitator confirms the link and the router merges RJ-2 into RJ-1
        facts.outcome(Hub.ack(OutcomeType.LINKED, VS, "VS-1", "RJ-1", Hub.T0.plusSeconds(120)));

        List<KeyValue<String, CaseFact>> out = facts.factRecords();
        assertThat(out)
                .extracting(kv -> kv.value.getChange())
                .containsExactly(CaseChange.REFERRAL_MOVED_OUT, CaseChange.REFERRAL_LINKED);
        assertThat(out.get(0).key).isEqualTo(facts.pseudonyms().caseKey("RJ-2"));
        assertThat(out.get(0).value.getCaseState().getStatus()).isEqualTo(CaseStatus.MERGED);
        assertThat(out.get(0).value.getReferral()).isNull();
        assertThat(out.get(1).key).isEqualTo(facts.pseudonyms().caseKey("RJ-1"));
        assertThat(out.get(1).value.getCaseState().getReferrals()).hasSize(2);
        assertThat(out.get(1).value.getReferral().getVersion()).isEqualTo(2);
    }

    @Test
    void shouldReportAReferralThatNeverBecameACaseUnderItsOwnKey() {
        facts.referral(Hub.referral(POLICE, "PR-7", "Thurrock", Hub.T0));
        facts.outcome(Hub.ack(OutcomeType.NOT_ELIGIBLE, POLICE, "PR-7", null, Hub.T0));
        facts.outcome(Hub.ack(OutcomeType.REJECTED, SourceAgency.PROBATION, "PROB-9", null, Hub.T0));

        List<KeyValue<String, CaseFact>> out = facts.factRecords();
        assertThat(out)
                .extracting(kv -> kv.value.getChange())
                .containsExactly(CaseChange.REFERRAL_NOT_ELIGIBLE, CaseChange.REFERRAL_REJECTED);
        assertThat(out.get(0).key).isEqualTo(facts.pseudonyms().referralKey(POLICE, "PR-7"));
        assertThat(out.get(0).value.getCaseKey()).isNull();
        assertThat(out.get(0).value.getCaseState()).isNull();
        assertThat(out.get(0).value.getReferral().getDistrict()).isEqualTo("Thurrock");
        CaseFact rejected = out.get(1).value;
        assertThat(rejected.getReferral().getIntake()).isEqualTo(ReferralIntake.REJECTED);
        assertThat(rejected.getReferral().getAgency()).isEqualTo(SourceAgency.PROBATION);
        assertThat(rejected.getReferral().getDistrict()).isNull();
        assertThat(rejected.getReason())
                .as("the rejection's free-text reason stays out")
                .isNull();
    }

    @Test
    void shouldReportAnAmendmentOnceAsAChangeOfTheCase() {
        facts.referral(Hub.referral(POLICE, "PR-1", "Harlow", Hub.T0));
        facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-1", "RJ-1", Hub.T0));
        facts.facts();

        facts.outcome(Hub.ack(OutcomeType.AMENDED, POLICE, "PR-1", "RJ-1", Hub.T0.plusSeconds(60)));
        facts.referral(Hub.referral(POLICE, "PR-1", "Epping Forest", Hub.T0.plusSeconds(60)));

        List<CaseFact> out = facts.facts();
        assertThat(out).extracting(CaseFact::getChange).containsExactly(CaseChange.REFERRAL_AMENDED);
        assertThat(out.get(0).getReferral().getDistrict()).isEqualTo("Epping Forest");
        assertThat(out.get(0).getReferral().getVersion()).isEqualTo(2);
        assertThat(out.get(0).getCaseState().getDistrict()).isEqualTo("Epping Forest");
    }

    @Test
    void shouldCountOnlyTheCaseEventsTheCaseServiceAccepted() {
        openCase("RJ-1");
        CaseEvent contact = Hub.event(
                "RJ-1",
                CaseEventType.CONTACT_MADE,
                PartyRole.VICTIM,
                Hub.T0.plusSeconds(3600),
                new ContactAttemptDetails(ContactMethod.PHONE, true));
        CaseEvent refused = Hub.event(
                "RJ-1",
                CaseEventType.MEETING_HELD,
                null,
                Hub.T0.plusSeconds(7200),
                new MeetingDetails(MeetingFormat.FACE_TO_FACE_CONFERENCE, 4));
        CaseEvent answeredFirst =
                Hub.event("RJ-1", CaseEventType.INFORMATION_GIVEN, PartyRole.VICTIM, Hub.T0.plusSeconds(9000), null);

        facts.caseEvent(contact);
        assertThat(facts.facts()).as("nothing until the case service answers").isEmpty();
        facts.result(Hub.result(contact, CaseEventStatus.ACCEPTED));
        facts.caseEvent(refused);
        facts.result(Hub.result(refused, CaseEventStatus.REFUSED));
        facts.result(Hub.result(answeredFirst, CaseEventStatus.ACCEPTED));
        facts.caseEvent(answeredFirst);
        facts.caseEvent(contact); // a resend of the same event, answered DUPLICATE
        facts.result(Hub.result(contact, CaseEventStatus.DUPLICATE));

        List<CaseFact> out = facts.facts();
        assertThat(out)
                .extracting(CaseFact::getChange)
                .containsExactly(CaseChange.CONTACT_MADE, CaseChange.INFORMATION_GIVEN);
        assertThat(out.get(0).getDetail()).isEqualTo("PHONE");
        assertThat(out.get(0).getPartyRole()).isEqualTo(PartyRole.VICTIM);
        assertThat(out.get(1).getCaseState().getFirstContactAt()).isEqualTo(Hub.T0.plusSeconds(3600));
        assertThat(out.get(1).getCaseState().getMeetingAt()).isNull();
    }

    @Test
    void shouldFollowACaseToACompletedAgreement() {
        openCase("RJ-1");
        Instant t = Hub.T0;
        accept(Hub.event(
                "RJ-1",
                CaseEventType.RISK_ASSESSED,
                null,
                t = t.plusSeconds(3600),
                new RiskAssessmentDetails(RiskAssessmentStage.INITIAL, RiskLevel.LOW, true, null)));
        accept(Hub.event("RJ-1", CaseEventType.ASSIGNED, null, t = t.plusSeconds(3600), null));
        Instant firstContact = t = t.plusSeconds(86_400 * 3);
        for (PartyRole party : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
            accept(Hub.event(
                    "RJ-1",
                    CaseEventType.CONTACT_MADE,
                    party,
                    t = t.plusSeconds(3600),
                    new ContactAttemptDetails(ContactMethod.PHONE, true)));
            accept(Hub.event("RJ-1", CaseEventType.INFORMATION_GIVEN, party, t = t.plusSeconds(60), null));
            accept(Hub.event(
                    "RJ-1",
                    CaseEventType.CONSENT_GIVEN,
                    party,
                    t = t.plusSeconds(60),
                    new ConsentDetails(ConsentScope.DIRECT_MEETING, true)));
        }
        accept(Hub.event(
                "RJ-1",
                CaseEventType.MEETING_HELD,
                null,
                t = t.plusSeconds(86_400),
                new MeetingDetails(MeetingFormat.FACE_TO_FACE_CONFERENCE, 4)));
        List<AgreementAction> actions = List.of(
                new AgreementAction(
                        "A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, java.time.LocalDate.parse("2026-12-01")),
                new AgreementAction(
                        "A2", ActionKind.REPARATION_WORK, PartyRole.OFFENDER, java.time.LocalDate.parse("2026-12-20")));
        accept(Hub.event(
                "RJ-1",
                CaseEventType.AGREEMENT_RECORDED,
                null,
                t = t.plusSeconds(3600),
                new AgreementDetails(2, 0, null, actions, null)));
        accept(Hub.event(
                "RJ-1",
                CaseEventType.ACTION_COMPLETED,
                null,
                t = t.plusSeconds(86_400),
                new AgreementDetails(0, 0, null, List.of(), "A1")));
        Instant completed = t = t.plusSeconds(86_400);
        accept(Hub.event(
                "RJ-1",
                CaseEventType.ACTION_COMPLETED,
                null,
                completed,
                new AgreementDetails(0, 0, null, List.of(), "A2")));
        accept(Hub.event(
                "RJ-1",
                CaseEventType.CASE_CLOSED,
                null,
                t.plusSeconds(3600),
                new ClosureDetails(ClosureReason.AGREEMENT_COMPLETED)));

        List<CaseFact> out = facts.facts();
        assertThat(out)
                .extracting(CaseFact::getSequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(2, out.size() + 1).boxed().toList());
        CaseFact last = out.get(out.size() - 1);
        assertThat(last.getChange()).isEqualTo(CaseChange.CASE_CLOSED);
        assertThat(last.getReason()).isEqualTo("AGREEMENT_COMPLETED");
        var c = last.getCaseState();
        assertThat(c.getStatus()).isEqualTo(CaseStatus.CLOSED);
        assertThat(c.getFirstContactAt()).isEqualTo(firstContact.plusSeconds(3600));
        assertThat(c.getContactedParties()).containsExactly(PartyRole.VICTIM, PartyRole.OFFENDER);
        assertThat(c.getConsentedParties()).containsExactly(PartyRole.VICTIM, PartyRole.OFFENDER);
        assertThat(c.getMeetingAt()).isNotNull();
        assertThat(c.getActionsAgreed()).isEqualTo(2);
        assertThat(c.getActionsCompleted()).isEqualTo(2);
        assertThat(c.getAgreementCompletedAt()).isEqualTo(completed);
        assertThat(out)
                .filteredOn(f -> f.getChange() == CaseChange.ACTION_COMPLETED)
                .extracting(CaseFact::getDetail)
                .containsExactly("1/2", "2/2");
    }

    @Test
    void shouldRecordDeclinesAndUnsuitabilityWithFixedReasons() {
        openCase("RJ-1");
        accept(Hub.event(
                "RJ-1",
                CaseEventType.CONSENT_GIVEN,
                PartyRole.VICTIM,
                Hub.T0.plusSeconds(60),
                new ConsentDetails(ConsentScope.RESTORATIVE_PROCESS, true)));
        accept(Hub.event("RJ-1", CaseEventType.CONSENT_WITHDRAWN, PartyRole.VICTIM, Hub.T0.plusSeconds(120), null));
        accept(Hub.event("RJ-1", CaseEventType.CONSENT_WITHDRAWN, PartyRole.OFFENDER, Hub.T0.plusSeconds(180), null));
        accept(Hub.event(
                "RJ-1",
                CaseEventType.RISK_ASSESSED,
                null,
                Hub.T0.plusSeconds(240),
                new RiskAssessmentDetails(
                        RiskAssessmentStage.FACILITATION, RiskLevel.HIGH, false, UnsuitabilityReason.RISK_OF_HARM)));

        List<CaseFact> out = facts.facts();
        assertThat(out)
                .filteredOn(f -> f.getChange() == CaseChange.CONSENT_WITHDRAWN)
                .extracting(CaseFact::getReason)
                .containsExactly("WITHDREW_CONSENT", "DECLINED");
        CaseFact last = out.get(out.size() - 1);
        assertThat(last.getDetail()).isEqualTo("FACILITATION_UNSUITABLE");
        assertThat(last.getReason()).isEqualTo("RISK_OF_HARM");
        assertThat(last.getCaseState().getUnsuitableStage()).isEqualTo("FACILITATION");
        assertThat(last.getCaseState().getDeclines())
                .extracting(d -> d.getPartyRole() + "/" + d.getReason())
                .containsExactly("VICTIM/WITHDREW_CONSENT", "OFFENDER/DECLINED");
    }

    private void openCase(String caseId) {
        facts.referral(Hub.referral(POLICE, "PR-" + caseId, "Harlow", Hub.T0));
        facts.outcome(Hub.ack(OutcomeType.RECEIVED, POLICE, "PR-" + caseId, caseId, Hub.T0));
        assertThat(facts.facts()).hasSize(1);
    }

    private void accept(CaseEvent e) {
        facts.caseEvent(e);
        facts.result(Hub.result(e, CaseEventStatus.ACCEPTED));
    }
}
