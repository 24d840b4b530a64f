package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.action;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Every refusal of the state machine: the event is dead-lettered with its rule and original bytes,
 * the sender reads REFUSED with the rule and a reason under the event id, and the case is unchanged.
 */
class CaseEventRefusalTest {

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

    private Instant next() {
        return T0.plus(Duration.ofHours(++hour));
    }

    @Test
    void shouldRefuseAMeetingBeforeBothPartiesConsented() {
        // Given only the victim consented
        cases.events(
                fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE),
                fac.informationGiven(next(), PartyRole.VICTIM),
                fac.consentGiven(next(), PartyRole.VICTIM, ConsentScope.RESTORATIVE_PROCESS));
        int applied = cases.state(CASE).history.size();
        cases.allOutcomes();
        cases.results();

        // When a meeting is recorded
        CaseEvent meeting = fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 3);
        cases.event(meeting);

        // Then it is refused with a clear reason, dead-lettered with its bytes, and nothing changes
        CaseEventResult result = single(cases.results());
        assertThat(result.getEventId()).isEqualTo(meeting.getEventId());
        assertThat(result.getStatus()).isEqualTo(CaseEventStatus.REFUSED);
        assertThat(result.getRule()).isEqualTo("MEETING_BEFORE_CONSENT");
        assertThat(result.getReason()).startsWith("the offender has not consented");
        assertThat(result.getActor()).isEqualTo("FAC-017");
        DeadLetter letter = single(cases.deadLetters());
        assertThat(letter.getRule()).isEqualTo("MEETING_BEFORE_CONSENT");
        assertThat(letter.getReason()).isEqualTo(result.getReason());
        assertThat(letter.getSourceTopic()).isEqualTo("rj.case-events.v1");
        assertThat(letter.getOriginalValue()).isNotNull();
        assertThat(letter.getOriginalKey()).isNotNull();
        assertThat(cases.state(CASE).history).hasSize(applied);
        assertThat(cases.state(CASE).meetingHeld).isFalse();
        assertThat(cases.allOutcomes()).isEmpty();
    }

    @Test
    void shouldRefuseAMeetingUntilASecondRiskAssessmentFoundItSuitable() {
        bothConsent();
        cases.events(fac.suitable(next(), RiskAssessmentStage.INITIAL), fac.assigned(next(), "FAC-017"));

        cases.event(fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 3));
        cases.event(fac.riskAssessed(
                next(),
                RiskAssessmentStage.FACILITATION,
                org.rjhub.contracts.hub.RiskLevel.HIGH,
                false,
                org.rjhub.contracts.hub.UnsuitabilityReason.RISK_OF_HARM));
        cases.event(fac.indirectCommunication(next(), IndirectMethod.SHUTTLE));
        cases.event(fac.suitable(next(), RiskAssessmentStage.FACILITATION));
        cases.event(fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 3));

        assertThat(rules()).containsExactly("NO_FACILITATION_RISK_ASSESSMENT", "CASE_UNSUITABLE");
        assertThat(cases.state(CASE).meetingHeld).isTrue();
    }

    @Test
    void shouldRefuseIndirectCommunicationWithoutConsentToIt() {
        cases.events(
                fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE),
                fac.informationGiven(next(), PartyRole.VICTIM),
                fac.consentGiven(next(), PartyRole.VICTIM, ConsentScope.DIRECT_MEETING),
                fac.contactMade(next(), PartyRole.OFFENDER, ContactMethod.PHONE),
                fac.informationGiven(next(), PartyRole.OFFENDER),
                fac.consentGiven(next(), PartyRole.OFFENDER, ConsentScope.INDIRECT_COMMUNICATION),
                fac.suitable(next(), RiskAssessmentStage.INITIAL),
                fac.assigned(next(), "FAC-017"),
                fac.suitable(next(), RiskAssessmentStage.FACILITATION));

        cases.events(
                fac.indirectCommunication(next(), IndirectMethod.LETTER),
                fac.meetingHeld(next(), MeetingFormat.VIDEO_CONFERENCE, 3));

        assertThat(reasons())
                .satisfiesExactly(
                        r -> assertThat(r).startsWith("INDIRECT_BEFORE_CONSENT: the victim has not consented:"),
                        r -> assertThat(r).startsWith("MEETING_BEFORE_CONSENT: the offender has not consented:"));
    }

    @Test
    void shouldRefuseEventsForAnUnknownCase() {
        cases.event(CaseEvents.on("RJ-NOPE", "FAC-017").contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE));

        CaseEventResult result = single(cases.results());
        assertThat(result.getRule()).isEqualTo("UNKNOWN_CASE");
        assertThat(result.getReason()).startsWith("case RJ-NOPE is not known");
        assertThat(single(cases.deadLetters()).getRule()).isEqualTo("UNKNOWN_CASE");
    }

    @Test
    void shouldRefuseEventsForAClosedCase() {
        cases.events(
                fac.closed(next(), ClosureReason.OTHER),
                fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE));

        assertThat(reasons())
                .singleElement()
                .asString()
                .startsWith("CASE_CLOSED: case " + CASE + " was closed (OTHER)");
    }

    @Test
    void shouldRefuseEventsKeyedByAnotherCase() {
        CaseEvent event = fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE);
        cases.driver
                .createInputTopic(
                        "rj.case-events.v1",
                        org.apache.kafka.common.serialization.Serdes.String().serializer(),
                        cases.topics.caseEvents().valueSerde().serializer())
                .pipeInput("RJ-OTHER", event, next());

        assertThat(rules()).containsExactly("KEY_NOT_CASE_ID");
    }

    @Test
    void shouldRefuseTheStepsOfOnePartyOutOfOrder() {
        cases.events(
                fac.informationGiven(next(), PartyRole.VICTIM),
                fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE),
                fac.consentGiven(next(), PartyRole.VICTIM, ConsentScope.RESTORATIVE_PROCESS),
                fac.informationGiven(next(), PartyRole.VICTIM),
                fac.of(
                        CaseEventType.CONSENT_GIVEN,
                        PartyRole.VICTIM,
                        next(),
                        new ConsentDetails(ConsentScope.RESTORATIVE_PROCESS, false)),
                fac.of(
                        CaseEventType.CONTACT_MADE,
                        PartyRole.OFFENDER,
                        next(),
                        new ContactAttemptDetails(ContactMethod.PHONE, false)));

        assertThat(rules()).containsExactly("NOT_CONTACTED", "NOT_INFORMED", "CONSENT_NOT_WRITTEN", "CONTACT_NOT_MADE");
    }

    @Test
    void shouldRefuseEventsThatNameNoPartyOrOneNotInTheCase() {
        cases.events(
                fac.contactMade(next(), null, ContactMethod.PHONE),
                fac.contactMade(next(), PartyRole.OTHER_PARTY, ContactMethod.PHONE),
                fac.consentWithdrawn(next(), PartyRole.OTHER_PARTY));

        assertThat(rules()).containsExactly("PARTY_REQUIRED", "PARTY_NOT_IN_CASE", "PARTY_NOT_IN_CASE");
    }

    @Test
    void shouldRefuseEventsWithoutTheDetailsTheirTypeNeeds() {
        cases.events(
                fac.of(CaseEventType.CONTACT_MADE, PartyRole.VICTIM, next(), null),
                fac.of(CaseEventType.RISK_ASSESSED, null, next(), new ConsentDetails(ConsentScope.OTHER, true)),
                fac.of(CaseEventType.CASE_CLOSED, null, next(), null),
                fac.of(CaseEventType.LINK_CONFIRMED, null, next(), null));

        List<String> reasons = reasons();
        assertThat(reasons).hasSize(4).allSatisfy(r -> assertThat(r).startsWith("DETAILS_REQUIRED: "));
        assertThat(reasons.get(1)).contains("RISK_ASSESSED needs RiskAssessmentDetails (given: ConsentDetails)");
    }

    @Test
    void shouldRefuseEventTypesOnlyTheHubRaises() {
        cases.events(
                fac.of(CaseEventType.ACTION_OVERDUE, null, next(), null),
                fac.of(CaseEventType.SLA_BREACHED, null, next(), null));

        assertThat(rules()).containsExactly("RECORDED_BY_HUB", "RECORDED_BY_HUB");
    }

    @Test
    void shouldRefuseAllocationBeforeTheInitialRiskAssessmentAndAnInitialAssessmentAfterIt() {
        cases.events(
                fac.assigned(next(), "FAC-017"),
                fac.suitable(next(), RiskAssessmentStage.FACILITATION),
                fac.suitable(next(), RiskAssessmentStage.INITIAL),
                fac.assigned(next(), "FAC-017"),
                fac.suitable(next(), RiskAssessmentStage.INITIAL));

        assertThat(rules())
                .containsExactly("NO_INITIAL_RISK_ASSESSMENT", "NOT_ASSIGNED", "INITIAL_ASSESSMENT_AFTER_ALLOCATION");
    }

    @Test
    void shouldRefuseCommunicationInACaseWithOneParty() {
        cases.item(CaseFixtures.item(
                "RJ-PROB-7",
                QueueItemType.NEW_CASE,
                next(),
                List.of(CaseFixtures.ref(SourceAgency.PROBATION, "PROB-7")),
                List.of(new QueueParty(PartyRole.OFFENDER, "Kwabena", "Fairweather", "Harlow", null, null))));

        cases.event(CaseEvents.on("RJ-PROB-7", "FAC-017").indirectCommunication(next(), IndirectMethod.LETTER));

        assertThat(reasons())
                .containsExactly(
                        "SINGLE_PARTY: the case's referrals name only the offender: communication needs two parties, and the case has one");
    }

    @Test
    void shouldRefuseAgreementsOutOfTurnOrMalformed() {
        LocalDate due = LocalDate.of(2026, 12, 15);
        cases.event(fac.agreementRecorded(
                next(), List.of(action("A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, due))));
        readyToMeet();
        cases.event(fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 4));
        cases.events(
                fac.agreementRecorded(next(), List.of()),
                fac.agreementRecorded(
                        next(),
                        List.of(
                                action("A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, due),
                                action("A1", ActionKind.REPARATION_WORK, PartyRole.OFFENDER, due))),
                fac.agreementRecorded(
                        next(), List.of(action("A1", ActionKind.APOLOGY_LETTER, PartyRole.OTHER_PARTY, due))),
                fac.agreementRecorded(
                        next(),
                        List.of(action(
                                "A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, LocalDate.of(2026, 10, 1)))),
                fac.actionCompleted(next(), "A1"),
                fac.agreementRecorded(
                        next(), List.of(action("A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, due))),
                fac.agreementRecorded(
                        next(), List.of(action("A2", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, due))),
                fac.actionCompleted(next(), "A9"),
                fac.actionCompleted(next(), "A1"),
                fac.actionCompleted(next(), "A1"));

        assertThat(rules())
                .containsExactly(
                        "NO_COMMUNICATION",
                        "AGREEMENT_INVALID",
                        "AGREEMENT_INVALID",
                        "AGREEMENT_INVALID",
                        "AGREEMENT_INVALID",
                        "NO_AGREEMENT",
                        "AGREEMENT_ALREADY_RECORDED",
                        "UNKNOWN_ACTION",
                        "ACTION_NOT_OPEN");
    }

    @Test
    void shouldRefuseAClosureReasonThatContradictsTheCase() {
        cases.events(
                fac.closed(next(), ClosureReason.AGREEMENT_COMPLETED),
                fac.closed(next(), ClosureReason.DECLINED_BY_VICTIM),
                fac.closed(next(), ClosureReason.UNSUITABLE),
                fac.closed(next(), ClosureReason.PROCESS_COMPLETED));
        readyToMeet();
        cases.events(
                fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 4),
                fac.agreementRecorded(
                        next(),
                        List.of(action(
                                "A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, LocalDate.of(2026, 12, 15)))),
                fac.closed(next(), ClosureReason.PROCESS_COMPLETED),
                fac.closed(next(), ClosureReason.AGREEMENT_COMPLETED),
                fac.closed(next(), ClosureReason.NO_CONTACT));

        List<String> reasons = reasons();
        assertThat(reasons).hasSize(7).allSatisfy(r -> assertThat(r).startsWith("CLOSURE_INCONSISTENT: "));
        assertThat(reasons.get(4))
                .startsWith("CLOSURE_INCONSISTENT: cannot close as PROCESS_COMPLETED: the agreement has open actions");
        assertThat(cases.state(CASE).open()).isTrue();
    }

    /** The dead letter itself is checked in {@code CaseLifecycleIT}: the test driver drops a deserialization handler's records. */
    @Test
    void shouldCarryOnAfterAnUnreadableRecord() {
        cases.driver
                .createInputTopic(
                        "rj.case-events.v1",
                        org.apache.kafka.common.serialization.Serdes.String().serializer(),
                        org.apache.kafka.common.serialization.Serdes.ByteArray().serializer())
                .pipeInput(CASE, "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8), next());
        cases.event(fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE));

        assertThat(cases.results()).extracting(CaseEventResult::getStatus).containsExactly(CaseEventStatus.ACCEPTED);
        assertThat(cases.state(CASE).history).hasSize(1);
    }

    private void bothConsent() {
        for (PartyRole role : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
            cases.events(
                    fac.contactMade(next(), role, ContactMethod.PHONE),
                    fac.informationGiven(next(), role),
                    fac.consentGiven(next(), role, ConsentScope.RESTORATIVE_PROCESS));
        }
    }

    private void readyToMeet() {
        bothConsent();
        cases.events(
                fac.suitable(next(), RiskAssessmentStage.INITIAL),
                fac.assigned(next(), "FAC-017"),
                fac.suitable(next(), RiskAssessmentStage.FACILITATION));
    }

    private List<String> rules() {
        return reasons().stream().map(r -> r.substring(0, r.indexOf(':'))).toList();
    }

    /** {@code RULE: reason} of each refusal, checking the dead letter matches the answer. */
    private List<String> reasons() {
        List<CaseEventResult> refused = cases.results().stream()
                .filter(r -> r.getStatus() == CaseEventStatus.REFUSED)
                .toList();
        List<DeadLetter> letters = cases.deadLetters();
        assertThat(letters)
                .extracting(DeadLetter::getRule)
                .containsExactlyElementsOf(
                        refused.stream().map(CaseEventResult::getRule).toList());
        return refused.stream().map(r -> r.getRule() + ": " + r.getReason()).toList();
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
