package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.action;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.monitoring.Monitor;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.EscalationDetails;
import org.rjhub.contracts.hub.EscalationKind;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Outcome-agreement monitoring and service levels: punctuators on stream time (records arriving) and on
 * wall-clock time (quiet topics) fire reminders, overdue actions and escalations, each once.
 * The case is referred on Monday 2 November 2026, 09:00.
 */
class CaseMonitoringTest {

    private static final Instant T0 = CasesDriver.START;
    private static final LocalDate DUE = LocalDate.of(2026, 11, 20);

    private CasesDriver cases;
    private final CaseEvents fac = CaseEvents.on(CASE, "FAC-017");
    private int hour;

    @AfterEach
    void stop() {
        cases.close();
    }

    private void start(Map<String, Object> overrides) {
        cases = new CasesDriver(overrides);
        cases.item(CaseFixtures.threeAgencyCase(T0));
    }

    private Instant next() {
        return T0.plus(Duration.ofHours(++hour));
    }

    @Test
    void shouldRemindTheFacilitatorsQueueBeforeAnActionIsDueOnStreamTime() {
        // Given an agreement with an action due on Friday 20 November
        start(Map.of());
        agreeOn(action("A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, DUE));
        // When stream time reaches three days before the due date (another case's event arrives)
        cases.item(CaseFixtures.item(
                "RJ-OTHER",
                QueueItemType.NEW_CASE,
                Instant.parse("2026-11-16T23:00:00Z"),
                List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-OTHER"))));
        assertThat(cases.queue("harlow")).isEmpty();
        cases.item(CaseFixtures.item(
                "RJ-OTHER",
                QueueItemType.AMENDED,
                Instant.parse("2026-11-17T01:00:00Z"),
                List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-OTHER"))));

        // Then the case's queue gets one reminder naming the action, and nobody outside the hub hears of it
        QueueItem reminder = single(cases.queue("harlow"));
        assertThat(reminder.getItemType()).isEqualTo(QueueItemType.ACTION_DUE_SOON);
        assertThat(reminder.getCaseId()).isEqualTo(CASE);
        assertThat(reminder.getAction().getActionId()).isEqualTo("A1");
        assertThat(reminder.getAction().getDueDate()).isEqualTo(DUE);
        assertThat(reminder.getLinkedReferrals()).hasSize(3);
        assertThat(cases.allOutcomes()).isEmpty();
        assertThat(cases.escalations()).isEmpty();
        cases.advanceWallClock(Duration.ofDays(16));
        assertThat(cases.queue("harlow")).isEmpty();
    }

    @Test
    void shouldRaiseAnOverdueOffenderActionToTheQueueEscalationsAndProbationOnlyOnWallClockTime() {
        // Given an agreement: the offender owes reparation due 20 November, the victim a follow-up call
        start(Map.of());
        agreeOn(
                action("A1", ActionKind.REPARATION_WORK, PartyRole.OFFENDER, DUE),
                action("A2", ActionKind.FOLLOW_UP_CONTACT, PartyRole.VICTIM, DUE.plusDays(10)));
        // When the topics are quiet and the clock passes the end of 20 November
        cases.advanceWallClock(Duration.between(T0, Instant.parse("2026-11-21T00:30:00Z")));
        assertThat(cases.queue("harlow"))
                .extracting(QueueItem::getItemType)
                .containsExactly(QueueItemType.ACTION_DUE_SOON);
        cases.advanceWallClock(Duration.ofHours(1));

        // Then the queue, the escalations and probation hear of it, police and Victim Support do not
        QueueItem overdue = single(cases.queue("harlow"));
        assertThat(overdue.getItemType()).isEqualTo(QueueItemType.ACTION_OVERDUE);
        assertThat(overdue.getAction().getActionId()).isEqualTo("A1");
        CaseEvent escalation = single(cases.escalations());
        assertThat(escalation.getEventType()).isEqualTo(CaseEventType.ACTION_OVERDUE);
        assertThat(escalation.getActor()).isEqualTo(Monitor.HUB_ACTOR);
        assertThat(escalation.getPartyRole()).isEqualTo(PartyRole.OFFENDER);
        assertThat(((EscalationDetails) escalation.getDetails()).getKind()).isEqualTo(EscalationKind.ACTION_OVERDUE);
        assertThat(((EscalationDetails) escalation.getDetails()).getActionId()).isEqualTo("A1");
        Outcome probation = single(cases.outcomes(SourceAgency.PROBATION));
        assertThat(probation.getEventType()).isEqualTo(OutcomeType.ACTION_OVERDUE);
        assertThat(probation.getAgencyReferralId()).isEqualTo(CaseFixtures.PROBATION_REF);
        assertThat(probation.getReason())
                .isEqualTo("action A1 (reparation work) owed by the offender was due on "
                        + "2026-11-20 and is not recorded as completed");
        assertThat(probation.getAdditionalInformation()).containsEntry("dueDate", "2026-11-20");
        assertThat(cases.outcomes(SourceAgency.POLICE)).isEmpty();
        assertThat(cases.outcomes(SourceAgency.VICTIM_SUPPORT)).isEmpty();

        // and the victim's overdue action is raised to the queue and the escalations, not to probation
        cases.advanceWallClock(Duration.ofDays(7));
        cases.advanceWallClock(Duration.ofDays(3));
        assertThat(cases.queue("harlow"))
                .extracting(QueueItem::getItemType)
                .containsExactly(QueueItemType.ACTION_DUE_SOON, QueueItemType.ACTION_OVERDUE);
        assertThat(single(cases.escalations()).getPartyRole()).isEqualTo(PartyRole.VICTIM);
        assertThat(cases.outcomes(SourceAgency.PROBATION)).isEmpty();
    }

    @Test
    void shouldNotRaiseAnActionCompletedInTime() {
        start(Map.of());
        agreeOn(action("A1", ActionKind.APOLOGY_LETTER, PartyRole.OFFENDER, DUE));
        cases.event(fac.actionCompleted(Instant.parse("2026-11-10T10:00:00Z"), "A1"));

        cases.advanceWallClock(Duration.ofDays(25));

        assertThat(cases.queue("harlow")).isEmpty();
        assertThat(cases.escalations()).isEmpty();
        assertThat(cases.outcomes(SourceAgency.PROBATION))
                .extracting(Outcome::getEventType)
                .containsExactly(OutcomeType.AGREEMENT_COMPLETED);
    }

    @Test
    void shouldEscalateNoFirstContactWithinTenWorkingDaysOnce() {
        // Given a case referred on Monday 2 November and nobody contacted
        start(Map.of());
        cases.event(fac.contactAttempted(next(), PartyRole.VICTIM, ContactMethod.PHONE));
        // When the tenth working day (Monday 16 November) ends, plus the hour of grace
        cases.advanceWallClock(Duration.between(T0, Instant.parse("2026-11-17T00:30:00Z")));
        assertThat(cases.escalations()).isEmpty();
        cases.advanceWallClock(Duration.ofHours(1));

        // Then one escalation names the breach and its deadline
        CaseEvent breach = single(cases.escalations());
        assertThat(breach.getEventType()).isEqualTo(CaseEventType.SLA_BREACHED);
        assertThat(breach.getCaseId()).isEqualTo(CASE);
        EscalationDetails details = (EscalationDetails) breach.getDetails();
        assertThat(details.getKind()).isEqualTo(EscalationKind.NO_FIRST_CONTACT);
        assertThat(details.getDeadline()).isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
        cases.advanceWallClock(Duration.ofDays(5));
        assertThat(cases.escalations()).isEmpty();
        assertThat(cases.allOutcomes()).isEmpty();
    }

    @Test
    void shouldNotEscalateWhenContactIsMadeInTime() {
        start(Map.of());
        cases.event(fac.contactMade(Instant.parse("2026-11-13T15:00:00Z"), PartyRole.OFFENDER, ContactMethod.PHONE));

        cases.advanceWallClock(Duration.ofDays(20));

        assertThat(cases.escalations()).isEmpty();
    }

    @Test
    void shouldTakeTheServiceLevelsFromConfiguration() {
        start(Map.of(CasesConfig.FIRST_CONTACT_WORKING_DAYS, 2, CasesConfig.TIMER_GRACE_MS, 0L));

        cases.advanceWallClock(Duration.between(T0, Instant.parse("2026-11-05T00:00:00Z")));

        assertThat(((EscalationDetails) single(cases.escalations()).getDetails()).getDeadline())
                .isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));
    }

    @Test
    void shouldEscalateThirtyDaysWithoutProgressAndAgainAfterTheNextSilence() {
        // Given contact made on 2 November at 10:00, then silence
        start(Map.of());
        cases.event(fac.contactMade(next(), PartyRole.VICTIM, ContactMethod.PHONE));
        // When 30 days pass
        cases.advanceWallClock(Duration.ofDays(30).plusHours(3));
        // Then one escalation
        CaseEvent first = single(cases.escalations());
        assertThat(((EscalationDetails) first.getDetails()).getKind()).isEqualTo(EscalationKind.NO_PROGRESS);
        assertThat(first.getOccurredAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        // and after new progress, another only after another 30 days of silence
        cases.event(fac.stakeholderLiaison(Instant.parse("2026-12-03T10:00:00Z")));
        cases.advanceWallClock(Duration.ofDays(29));
        assertThat(cases.escalations()).isEmpty();
        cases.advanceWallClock(Duration.ofDays(2));
        assertThat(single(cases.escalations()).getOccurredAt()).isEqualTo(Instant.parse("2027-01-02T10:00:00Z"));
    }

    @Test
    void shouldWatchNothingOnAClosedCase() {
        start(Map.of());
        cases.event(fac.closed(next(), ClosureReason.REFERRED_ON));

        cases.advanceWallClock(Duration.ofDays(90));

        assertThat(cases.escalations()).isEmpty();
        assertThat(cases.queue("harlow")).isEmpty();
    }

    private void agreeOn(org.rjhub.contracts.hub.AgreementAction... actions) {
        for (PartyRole role : List.of(PartyRole.VICTIM, PartyRole.OFFENDER)) {
            cases.events(
                    fac.contactMade(next(), role, ContactMethod.PHONE),
                    fac.informationGiven(next(), role),
                    fac.consentGiven(next(), role, ConsentScope.RESTORATIVE_PROCESS));
        }
        cases.events(
                fac.suitable(next(), RiskAssessmentStage.INITIAL),
                fac.assigned(next(), "FAC-017"),
                fac.suitable(next(), RiskAssessmentStage.FACILITATION),
                fac.meetingHeld(next(), MeetingFormat.FACE_TO_FACE_CONFERENCE, 4),
                fac.agreementRecorded(next(), List.of(actions)));
        cases.allOutcomes();
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
