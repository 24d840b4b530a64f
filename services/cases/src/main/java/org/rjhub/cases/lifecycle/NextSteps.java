package org.rjhub.cases.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.rjhub.contracts.hub.ActionKind;
import org.rjhub.contracts.hub.AgreementAction;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.IndirectMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.RiskAssessmentStage;

/**
 * Which steps a case can take next, and why not: each step is put to {@link CaseStateMachine#apply} as a well-formed
 * probe event on the case as it is, so the rules stay in one place and a console can say "cannot start yet: the
 * victim has not consented" before anyone fills in a form. Nothing is recorded.
 */
public final class NextSteps {

    private NextSteps() {}

    /**
     * One step and whether the case allows it now.
     *
     * @param type   the event type that records the step
     * @param party  the party it concerns, for a party's step
     * @param option the closure reason of a closure, the action id of an action's completion
     * @param rule   the refusal rule when not allowed
     * @param reason why not, in words, when not allowed
     */
    public record Step(String type, PartyRole party, String option, boolean allowed, String rule, String reason) {}

    /** Every step of {@code s} (open or not) at {@code now}, party steps first, in the order of the practice. */
    public static List<Step> of(CaseState s, Instant now) {
        AtomicLong n = new AtomicLong();
        CaseEvents probe = new CaseEvents(s.caseId, "next-steps", () -> "next-step-probe-" + n.incrementAndGet());
        List<Step> steps = new ArrayList<>();
        for (PartyRole role : s.roles()) {
            steps.add(step(s, probe.contactMade(now, role, ContactMethod.PHONE), null));
            steps.add(step(s, probe.informationGiven(now, role), null));
            steps.add(step(s, probe.consentGiven(now, role, ConsentScope.RESTORATIVE_PROCESS), null));
            steps.add(step(s, probe.consentWithdrawn(now, role), null));
        }
        steps.add(step(s, probe.suitable(now, RiskAssessmentStage.INITIAL), RiskAssessmentStage.INITIAL.name()));
        steps.add(step(s, probe.assigned(now, "next-steps"), null));
        steps.add(step(
                s, probe.suitable(now, RiskAssessmentStage.FACILITATION), RiskAssessmentStage.FACILITATION.name()));
        steps.add(step(s, probe.stakeholderLiaison(now), null));
        steps.add(step(s, probe.meetingHeld(now, MeetingFormat.FACE_TO_FACE_CONFERENCE, 2), null));
        steps.add(step(s, probe.indirectCommunication(now, IndirectMethod.LETTER), null));
        LocalDate due = LocalDate.ofInstant(now, CaseStateMachine.ZONE).plusDays(28);
        PartyRole owner = s.roles().isEmpty() ? PartyRole.OFFENDER : s.roles().get(0);
        steps.add(step(
                s,
                probe.agreementRecorded(now, List.of(new AgreementAction("A1", ActionKind.OTHER, owner, due))),
                null));
        for (CaseState.ActionState a : s.actions) {
            steps.add(step(s, probe.actionCompleted(now, a.actionId), a.actionId));
        }
        for (ClosureReason reason : ClosureReason.values()) {
            steps.add(step(s, probe.closed(now, reason), reason.name()));
        }
        return steps;
    }

    private static Step step(CaseState s, CaseEvent probe, String option) {
        String type = probe.getEventType().name();
        try {
            CaseStateMachine.apply(s, probe);
            return new Step(type, probe.getPartyRole(), option, true, null, null);
        } catch (CaseEventRefusedException e) {
            return new Step(type, probe.getPartyRole(), option, false, e.rule().name(), e.reason());
        }
    }
}
