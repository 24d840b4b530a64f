package org.rjhub.cases.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rjhub.cases.lifecycle.CaseState.Announcement;
import org.rjhub.cases.lifecycle.CaseState.PartyView;
import org.rjhub.cases.lifecycle.CaseState.Ref;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.AssignmentDetails;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentDetails;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactAttemptDetails;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.DeclinedBy;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.hub.UnsuitabilityReason;

/**
 * The case lifecycle's rules as tables, on the pure state machine: each row a case's story so far,
 * one event, and what the event must do (the outcomes announced, or the rule that refuses it).
 * Synthetic parties only: victim Imelda Quarrington, offender Kwabena Fairweather.
 */
class CaseStateMachineTest {

    private static final String CASE = "RJ-TEST000001";
    private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-12-01");

    /** One step of a story: an event built for the case. */
    private interface Step extends Function<CaseEvents, CaseEvent> {}

    // ---- the stories so far ----

    private static final List<Step> NEW_CASE = List.of();
    private static final List<Step> VICTIM_CONTACTED =
            List.of(e -> e.contactMade(T, PartyRole.VICTIM, ContactMethod.PHONE));
    private static final List<Step> VICTIM_INFORMED =
            then(VICTIM_CONTACTED, e -> e.informationGiven(T, PartyRole.VICTIM));
    private static final List<Step> VICTIM_CONSENTED =
            then(VICTIM_INFORMED, e -> e.consentGiven(T, PartyRole.VICTIM, ConsentScope.RESTORATIVE_PROCESS));
    private static final List<Step> VICTIM_WITHDREW =
            then(VICTIM_CONSENTED, e -> e.consentWithdrawn(T, PartyRole.VICTIM));
    private static final List<Step> BOTH_CONSENTED = then(
            VICTIM_CONSENTED,
            e -> e.contactMade(T, PartyRole.OFFENDER, ContactMethod.LETTER),
            e -> e.informationGiven(T, PartyRole.OFFENDER),
            e -> e.consentGiven(T, PartyRole.OFFENDER, ConsentScope.RESTORATIVE_PROCESS));
    private static final List<Step> BOTH_CONSENTED_TO_MEETING_ONLY = List.of(
            e -> e.contactMade(T, PartyRole.VICTIM, ContactMethod.PHONE),
            e -> e.informationGiven(T, PartyRole.VICTIM),
            e -> e.consentGiven(T, PartyRole.VICTIM, ConsentScope.DIRECT_MEETING),
            e -> e.contactMade(T, PartyRole.OFFENDER, ContactMethod.PHONE),
            e -> e.informationGiven(T, PartyRole.OFFENDER),
            e -> e.consentGiven(T, PartyRole.OFFENDER, ConsentScope.DIRECT_MEETING));
    private static final List<Step> INITIALLY_SUITABLE = List.of(e -> e.suitable(T, RiskAssessmentStage.INITIAL));
    private static final List<Step> INITIALLY_UNSUITABLE = List.of(e ->
            e.riskAssessed(T, RiskAssessmentStage.INITIAL, RiskLevel.HIGH, false, UnsuitabilityReason.RISK_OF_HARM));
    private static final List<Step> ASSIGNED = then(INITIALLY_SUITABLE, e -> e.assigned(T, "FAC-017"));
    private static final List<Step> CONSENTED_AND_ASSIGNED = then(BOTH_CONSENTED, ASSIGNED);
    private static final List<Step> READY_TO_MEET =
            then(CONSENTED_AND_ASSIGNED, e -> e.suitable(T, RiskAssessmentStage.FACILITATION));
    private static final List<Step> MET =
            then(READY_TO_MEET, e -> e.meetingHeld(T, MeetingFormat.FACE_TO_FACE_CONFERENCE, 3));
    private static final List<Step> AGREED = then(
            MET,
            e -> e.agreementRecorded(
                    T, List.of(action("A1", PartyRole.OFFENDER, DUE), action("A2", PartyRole.VICTIM, DUE))));
    private static final List<Step> ONE_ACTION_DONE = then(AGREED, e -> e.actionCompleted(T, "A1"));
    private static final List<Step> ALL_ACTIONS_DONE = then(ONE_ACTION_DONE, e -> e.actionCompleted(T, "A2"));

    // ---- events accepted ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void shouldApplyAnEventThatFitsTheCaseAndAnnounceWhatTheAgenciesMustHear(
            String behaviour, List<Step> story, Step event, List<OutcomeType> announced) {
        CaseState before = stateAfter(story);
        CaseEvent e = event.apply(events());

        CaseStateMachine.Decision decision = CaseStateMachine.apply(before, e);

        assertThat(decision.duplicate()).isFalse();
        assertThat(decision.announcements()).extracting(Announcement::type).containsExactlyElementsOf(announced);
        assertThat(decision.state().history)
                .last()
                .extracting(CaseState.HistoryEntry::eventId)
                .isEqualTo(e.getEventId());
        List<Announcement> all = decision.state().announced;
        assertThat(all.subList(before.announced.size(), all.size())).isEqualTo(decision.announcements());
        // the given state is left as it was
        assertThat(before.history).hasSize(story.size());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                accepted(
                        "the first allocation is announced ACCEPTED",
                        INITIALLY_SUITABLE,
                        e -> e.assigned(T, "FAC-017"),
                        OutcomeType.ACCEPTED),
                accepted("a reallocation is not announced again", ASSIGNED, e -> e.assigned(T, "FAC-020")),
                accepted(
                        "an allocation without details names the actor",
                        INITIALLY_SUITABLE,
                        e -> e.of(CaseEventType.ASSIGNED, null, T, null),
                        OutcomeType.ACCEPTED),
                accepted(
                        "an unsuccessful attempt is recorded quietly",
                        NEW_CASE,
                        e -> e.contactAttempted(T, PartyRole.VICTIM, ContactMethod.PHONE)),
                accepted(
                        "the first contact with anyone is announced",
                        NEW_CASE,
                        e -> e.contactMade(T, PartyRole.OFFENDER, ContactMethod.PHONE),
                        OutcomeType.CONTACT_MADE),
                accepted(
                        "contact with a second party is not announced again",
                        VICTIM_CONTACTED,
                        e -> e.contactMade(T, PartyRole.OFFENDER, ContactMethod.PHONE)),
                accepted("information after contact", VICTIM_CONTACTED, e -> e.informationGiven(T, PartyRole.VICTIM)),
                accepted(
                        "informed written consent",
                        VICTIM_INFORMED,
                        e -> e.consentGiven(T, PartyRole.VICTIM, ConsentScope.DIRECT_MEETING)),
                accepted(
                        "a party who never consented declines",
                        NEW_CASE,
                        e -> e.consentWithdrawn(T, PartyRole.OFFENDER),
                        OutcomeType.DECLINED),
                accepted(
                        "a party withdraws consent at any stage",
                        MET,
                        e -> e.consentWithdrawn(T, PartyRole.VICTIM),
                        OutcomeType.DECLINED),
                accepted(
                        "an unsuitable initial assessment is announced",
                        NEW_CASE,
                        e -> e.riskAssessed(T, RiskAssessmentStage.INITIAL, RiskLevel.HIGH, false, null),
                        OutcomeType.UNSUITABLE),
                accepted(
                        "a suitable assessment is not announced",
                        NEW_CASE,
                        e -> e.suitable(T, RiskAssessmentStage.INITIAL)),
                accepted(
                        "a reassessment may find the case suitable again",
                        INITIALLY_UNSUITABLE,
                        e -> e.suitable(T, RiskAssessmentStage.INITIAL)),
                accepted(
                        "the facilitation assessment once allocated",
                        CONSENTED_AND_ASSIGNED,
                        e -> e.suitable(T, RiskAssessmentStage.FACILITATION)),
                accepted("liaison with stakeholders is recorded quietly", NEW_CASE, e -> e.stakeholderLiaison(T)),
                accepted(
                        "a meeting once both consented and assessed",
                        READY_TO_MEET,
                        e -> e.meetingHeld(T, MeetingFormat.VIDEO_CONFERENCE, 2),
                        OutcomeType.MEETING_HELD),
                accepted(
                        "a second meeting is not announced again",
                        MET,
                        e -> e.meetingHeld(T, MeetingFormat.VIDEO_CONFERENCE, 2)),
                accepted(
                        "indirect communication under consent to the process",
                        READY_TO_MEET,
                        e -> e.indirectCommunication(T, IndirectMethod.LETTER),
                        OutcomeType.INDIRECT_COMMUNICATION),
                accepted(
                        "an agreement after the meeting",
                        MET,
                        e -> e.agreementRecorded(
                                T, List.of(action("A1", PartyRole.OFFENDER, LocalDate.parse("2026-11-02")))),
                        OutcomeType.AGREEMENT_REACHED),
                accepted("one action of two completed", AGREED, e -> e.actionCompleted(T, "A2")),
                accepted(
                        "the last action completes the agreement",
                        ONE_ACTION_DONE,
                        e -> e.actionCompleted(T, "A2"),
                        OutcomeType.AGREEMENT_COMPLETED),
                accepted(
                        "closed with the agreement completed",
                        ALL_ACTIONS_DONE,
                        e -> e.closed(T, ClosureReason.AGREEMENT_COMPLETED),
                        OutcomeType.CLOSED),
                accepted(
                        "closed with the agreement not completed",
                        ONE_ACTION_DONE,
                        e -> e.closed(T, ClosureReason.AGREEMENT_NOT_COMPLETED),
                        OutcomeType.AGREEMENT_NOT_COMPLETED,
                        OutcomeType.CLOSED),
                accepted(
                        "closed once the process is complete",
                        MET,
                        e -> e.closed(T, ClosureReason.PROCESS_COMPLETED),
                        OutcomeType.CLOSED),
                accepted(
                        "closed when the victim declined",
                        VICTIM_WITHDREW,
                        e -> e.closed(T, ClosureReason.DECLINED_BY_VICTIM),
                        OutcomeType.CLOSED),
                accepted(
                        "closed as unsuitable",
                        INITIALLY_UNSUITABLE,
                        e -> e.closed(T, ClosureReason.UNSUITABLE),
                        OutcomeType.CLOSED),
                accepted(
                        "closed for want of contact",
                        VICTIM_CONTACTED,
                        e -> e.closed(T, ClosureReason.NO_CONTACT),
                        OutcomeType.CLOSED),
                accepted("a link decision is left to the router", NEW_CASE, e -> e.linkConfirmed(T, "RJ-OTHER000001")),
                accepted(
                        "a keep-apart decision is left to the router",
                        NEW_CASE,
                        e -> e.keepApart(T, "RJ-OTHER000001")));
    }

    // ---- events refused ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void shouldRefuseAnEventThatDoesNotFitTheCase(String behaviour, List<Step> story, Step event, RefusalRule rule) {
        CaseState before = stateAfter(story);
        CaseEvent e = event.apply(events());

        CaseEventRefusedException refusal =
                catchThrowableOfType(CaseEventRefusedException.class, () -> CaseStateMachine.apply(before, e));

        assertThat(refusal).as("refusal").isNotNull();
        assertThat(refusal.rule()).isEqualTo(rule);
        assertThat(refusal.reason()).endsWith(rule.fix()).doesNotContain("Quarrington", "Fairweather", "Imelda");
        assertThat(before.history).hasSize(story.size());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                refused(
                        "the hub raises overdue actions itself",
                        NEW_CASE,
                        e -> e.of(CaseEventType.ACTION_OVERDUE, null, T, null),
                        RefusalRule.RECORDED_BY_HUB),
                refused(
                        "the hub raises breaches itself",
                        NEW_CASE,
                        e -> e.of(CaseEventType.SLA_BREACHED, null, T, null),
                        RefusalRule.RECORDED_BY_HUB),
                refused(
                        "a party's step names no party",
                        NEW_CASE,
                        e -> e.contactMade(T, null, ContactMethod.PHONE),
                        RefusalRule.PARTY_REQUIRED),
                refused(
                        "a party's step names a role not in the case",
                        NEW_CASE,
                        e -> e.contactMade(T, PartyRole.OTHER_PARTY, ContactMethod.PHONE),
                        RefusalRule.PARTY_NOT_IN_CASE),
                refused(
                        "contact made but not successful",
                        NEW_CASE,
                        e -> e.of(
                                CaseEventType.CONTACT_MADE,
                                PartyRole.VICTIM,
                                T,
                                new ContactAttemptDetails(ContactMethod.PHONE, false)),
                        RefusalRule.CONTACT_NOT_MADE),
                refused(
                        "information before contact",
                        NEW_CASE,
                        e -> e.informationGiven(T, PartyRole.VICTIM),
                        RefusalRule.NOT_CONTACTED),
                refused(
                        "consent before information",
                        VICTIM_CONTACTED,
                        e -> e.consentGiven(T, PartyRole.VICTIM, ConsentScope.RESTORATIVE_PROCESS),
                        RefusalRule.NOT_INFORMED),
                refused(
                        "consent not in writing",
                        VICTIM_INFORMED,
                        e -> e.of(
                                CaseEventType.CONSENT_GIVEN,
                                PartyRole.VICTIM,
                                T,
                                new ConsentDetails(ConsentScope.RESTORATIVE_PROCESS, false)),
                        RefusalRule.CONSENT_NOT_WRITTEN),
                refused(
                        "consent without its details",
                        VICTIM_INFORMED,
                        e -> e.of(CaseEventType.CONSENT_GIVEN, PartyRole.VICTIM, T, null),
                        RefusalRule.DETAILS_REQUIRED),
                refused(
                        "an allocation with another event's details",
                        INITIALLY_SUITABLE,
                        e -> e.of(CaseEventType.ASSIGNED, null, T, new ConsentDetails(ConsentScope.OTHER, true)),
                        RefusalRule.DETAILS_REQUIRED),
                refused(
                        "a withdrawal twice",
                        VICTIM_WITHDREW,
                        e -> e.consentWithdrawn(T, PartyRole.VICTIM),
                        RefusalRule.ALREADY_WITHDRAWN),
                refused(
                        "a step for a party who withdrew",
                        VICTIM_WITHDREW,
                        e -> e.contactMade(T, PartyRole.VICTIM, ContactMethod.PHONE),
                        RefusalRule.PARTY_WITHDRAWN),
                refused(
                        "an allocation before the initial assessment",
                        NEW_CASE,
                        e -> e.assigned(T, "FAC-017"),
                        RefusalRule.NO_INITIAL_RISK_ASSESSMENT),
                refused(
                        "an allocation after an unsuitable assessment",
                        INITIALLY_UNSUITABLE,
                        e -> e.assigned(T, "FAC-017"),
                        RefusalRule.CASE_UNSUITABLE),
                refused(
                        "an initial assessment after allocation",
                        ASSIGNED,
                        e -> e.suitable(T, RiskAssessmentStage.INITIAL),
                        RefusalRule.INITIAL_ASSESSMENT_AFTER_ALLOCATION),
                refused(
                        "a facilitation assessment before allocation",
                        INITIALLY_SUITABLE,
                        e -> e.suitable(T, RiskAssessmentStage.FACILITATION),
                        RefusalRule.NOT_ASSIGNED),
                refused(
                        "a meeting before both consented",
                        then(VICTIM_CONSENTED, ASSIGNED),
                        e -> e.meetingHeld(T, MeetingFormat.FACE_TO_FACE_CONFERENCE, 3),
                        RefusalRule.MEETING_BEFORE_CONSENT),
                refused(
                        "a meeting after a party withdrew",
                        then(READY_TO_MEET, e -> e.consentWithdrawn(T, PartyRole.OFFENDER)),
                        e -> e.meetingHeld(T, MeetingFormat.FACE_TO_FACE_CONFERENCE, 3),
                        RefusalRule.MEETING_BEFORE_CONSENT),
                refused(
                        "indirect communication under consent to a meeting only",
                        then(
                                BOTH_CONSENTED_TO_MEETING_ONLY,
                                ASSIGNED,
                                e -> e.suitable(T, RiskAssessmentStage.FACILITATION)),
                        e -> e.indirectCommunication(T, IndirectMethod.SHUTTLE),
                        RefusalRule.INDIRECT_BEFORE_CONSENT),
                refused(
                        "a meeting before the facilitation assessment",
                        CONSENTED_AND_ASSIGNED,
                        e -> e.meetingHeld(T, MeetingFormat.FACE_TO_FACE_CONFERENCE, 3),
                        RefusalRule.NO_FACILITATION_RISK_ASSESSMENT),
                refused(
                        "a meeting after an unsuitable facilitation assessment",
                        then(
                                CONSENTED_AND_ASSIGNED,
                                e -> e.riskAssessed(
                                        T,
                                        RiskAssessmentStage.FACILITATION,
                                        RiskLevel.HIGH,
                                        false,
                                        UnsuitabilityReason.SAFEGUARDING_CONCERN)),
                        e -> e.meetingHeld(T, MeetingFormat.FACE_TO_FACE_CONFERENCE, 3),
                        RefusalRule.CASE_UNSUITABLE),
                refused(
                        "an agreement before any communication",
                        READY_TO_MEET,
                        e -> e.agreementRecorded(T, List.of(action("A1", PartyRole.OFFENDER, DUE))),
                        RefusalRule.NO_COMMUNICATION),
                refused(
                        "an agreement twice",
                        AGREED,
                        e -> e.agreementRecorded(T, List.of(action("A3", PartyRole.OFFENDER, DUE))),
                        RefusalRule.AGREEMENT_ALREADY_RECORDED),
                refused(
                        "an agreement without actions",
                        MET,
                        e -> e.agreementRecorded(T, List.of()),
                        RefusalRule.AGREEMENT_INVALID),
                refused(
                        "an agreement listing an action twice",
                        MET,
                        e -> e.agreementRecorded(
                                T, List.of(action("A1", PartyRole.OFFENDER, DUE), action("A1", PartyRole.VICTIM, DUE))),
                        RefusalRule.AGREEMENT_INVALID),
                refused(
                        "an action owed by someone not in the case",
                        MET,
                        e -> e.agreementRecorded(T, List.of(action("A1", PartyRole.OTHER_PARTY, DUE))),
                        RefusalRule.AGREEMENT_INVALID),
                refused(
                        "an action due before the day it was agreed",
                        MET,
                        e -> e.agreementRecorded(
                                T, List.of(action("A1", PartyRole.OFFENDER, LocalDate.parse("2026-11-01")))),
                        RefusalRule.AGREEMENT_INVALID),
                refused(
                        "an action completed before any agreement",
                        MET,
                        e -> e.actionCompleted(T, "A1"),
                        RefusalRule.NO_AGREEMENT),
                refused(
                        "an action the agreement does not have",
                        AGREED,
                        e -> e.actionCompleted(T, "A9"),
                        RefusalRule.UNKNOWN_ACTION),
                refused(
                        "an action completed twice",
                        ONE_ACTION_DONE,
                        e -> e.actionCompleted(T, "A1"),
                        RefusalRule.ACTION_NOT_OPEN),
                refused(
                        "an action of a party who withdrew (cancelled)",
                        then(AGREED, e -> e.consentWithdrawn(T, PartyRole.OFFENDER)),
                        e -> e.actionCompleted(T, "A1"),
                        RefusalRule.ACTION_NOT_OPEN),
                refused(
                        "closed as agreement completed without an agreement",
                        MET,
                        e -> e.closed(T, ClosureReason.AGREEMENT_COMPLETED),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "closed as agreement completed with an action open",
                        ONE_ACTION_DONE,
                        e -> e.closed(T, ClosureReason.AGREEMENT_COMPLETED),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "closed as agreement not completed when it is",
                        ALL_ACTIONS_DONE,
                        e -> e.closed(T, ClosureReason.AGREEMENT_NOT_COMPLETED),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "closed as process completed with open actions",
                        AGREED,
                        e -> e.closed(T, ClosureReason.PROCESS_COMPLETED),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "closed as declined by a victim who did not",
                        VICTIM_CONSENTED,
                        e -> e.closed(T, ClosureReason.DECLINED_BY_VICTIM),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "closed as declined by an offender who did not",
                        VICTIM_WITHDREW,
                        e -> e.closed(T, ClosureReason.DECLINED_BY_OFFENDER),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "closed as unsuitable when no assessment said so",
                        INITIALLY_SUITABLE,
                        e -> e.closed(T, ClosureReason.UNSUITABLE),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "closed for want of contact with everyone reached",
                        BOTH_CONSENTED,
                        e -> e.closed(T, ClosureReason.NO_CONTACT),
                        RefusalRule.CLOSURE_INCONSISTENT),
                refused(
                        "anything after closure",
                        then(MET, e -> e.closed(T, ClosureReason.PROCESS_COMPLETED)),
                        e -> e.stakeholderLiaison(T),
                        RefusalRule.CASE_CLOSED));
    }

    // ---- the case itself ----

    @Test
    void shouldRefuseAnEventForAnUnknownCase() {
        assertThatThrownBy(() -> CaseStateMachine.apply(null, events().stakeholderLiaison(T)))
                .isInstanceOfSatisfying(
                        CaseEventRefusedException.class,
                        r -> assertThat(r.rule()).isEqualTo(RefusalRule.UNKNOWN_CASE));
    }

    @Test
    void shouldRefuseAnEventForACaseMergedIntoAnother() {
        CaseState merged = stateAfter(NEW_CASE);
        merged.status = CaseState.Status.MERGED;
        merged.mergedInto = "RJ-OTHER000001";

        assertThatThrownBy(() -> CaseStateMachine.apply(merged, events().stakeholderLiaison(T)))
                .isInstanceOfSatisfying(CaseEventRefusedException.class, r -> {
                    assertThat(r.rule()).isEqualTo(RefusalRule.CASE_MERGED);
                    assertThat(r.reason()).contains("RJ-OTHER000001");
                });
    }

    @Test
    void shouldAnswerARedeliveredEventAsADuplicateEvenOnAClosedCase() {
        CaseEvent closing = events().closed(T, ClosureReason.PROCESS_COMPLETED);
        CaseState closed = CaseStateMachine.apply(stateAfter(MET), closing).state();

        CaseStateMachine.Decision again = CaseStateMachine.apply(closed, closing);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.state()).isSameAs(closed);
        assertThat(again.announcements()).isEmpty();
    }

    @Test
    void shouldSayWhoDeclinedAndWhetherTheyHadConsented() {
        Announcement declined =
                single(CaseStateMachine.apply(stateAfter(NEW_CASE), events().consentWithdrawn(T, PartyRole.OFFENDER))
                        .announcements());
        Announcement withdrew = single(
                CaseStateMachine.apply(stateAfter(VICTIM_CONSENTED), events().consentWithdrawn(T, PartyRole.VICTIM))
                        .announcements());

        assertThat(declined.declinedBy()).isEqualTo(DeclinedBy.OFFENDER);
        assertThat(declined.reason()).isEqualTo("the offender declined");
        assertThat(withdrew.declinedBy()).isEqualTo(DeclinedBy.VICTIM);
        assertThat(withdrew.reason()).isEqualTo("the victim withdrew consent");
    }

    @Test
    void shouldCancelTheOpenActionsOfAPartyWhoWithdraws() {
        CaseState s = CaseStateMachine.apply(stateAfter(AGREED), events().consentWithdrawn(T, PartyRole.OFFENDER))
                .state();

        assertThat(s.action("A1").orElseThrow().status).isEqualTo(CaseState.ActionState.Status.CANCELLED);
        assertThat(s.action("A2").orElseThrow().status).isEqualTo(CaseState.ActionState.Status.OPEN);
    }

    @Test
    void shouldTakeTheFacilitatorFromTheDetailsAndCountContactAttempts() {
        CaseState s = stateAfter(then(
                ASSIGNED,
                e -> e.contactAttempted(T, PartyRole.VICTIM, ContactMethod.PHONE),
                e -> e.of(CaseEventType.ASSIGNED, null, T, new AssignmentDetails("FAC-020")),
                e -> e.contactMade(T, PartyRole.VICTIM, ContactMethod.PHONE)));

        assertThat(s.facilitator).isEqualTo("FAC-020");
        assertThat(s.party(PartyRole.VICTIM).contactAttempts).isEqualTo(2);
        assertThat(s.party(PartyRole.VICTIM).contactMade).isTrue();
    }

    // ---- helpers ----

    private static CaseEvents events() {
        return CaseEvents.on(CASE, "FAC-017");
    }

    /** A two-party case from police and probation, with {@code story} applied (each step must be accepted). */
    private static CaseState stateAfter(List<Step> story) {
        CaseState s = new CaseState(CASE);
        s.queue = "harlow";
        s.caseType = "CRIME";
        s.justiceStage = "SENTENCED";
        s.referredAt = T;
        s.parties.add(new PartyView(PartyRole.VICTIM, "Imelda", "Quarrington", "Harlow"));
        s.parties.add(new PartyView(PartyRole.OFFENDER, "Kwabena", "Fairweather", "Harlow"));
        s.referrals.add(new Ref(SourceAgency.POLICE, "PR-2026-000123"));
        s.referrals.add(new Ref(SourceAgency.PROBATION, "PROB-2026-000042"));
        CaseEvents events = events();
        for (Step step : story) {
            s = CaseStateMachine.apply(s, step.apply(events)).state();
        }
        return s;
    }

    private static AgreementAction action(String id, PartyRole owedBy, LocalDate due) {
        return new AgreementAction(id, ActionKind.APOLOGY_LETTER, owedBy, due);
    }

    private static Arguments accepted(String behaviour, List<Step> story, Step event, OutcomeType... announced) {
        return Arguments.of(behaviour, story, event, List.of(announced));
    }

    private static Arguments refused(String behaviour, List<Step> story, Step event, RefusalRule rule) {
        return Arguments.of(behaviour, story, event, rule);
    }

    private static List<Step> then(List<Step> story, Step... more) {
        List<Step> all = new ArrayList<>(story);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    private static List<Step> then(List<Step> story, List<Step> more) {
        List<Step> all = new ArrayList<>(story);
        all.addAll(more);
        return List.copyOf(all);
    }

    private static List<Step> then(List<Step> story, List<Step> more, Step... evenMore) {
        return then(then(story, more), evenMore);
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
