package org.rjhub.console.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rjhub.console.caseapi.CaseModels.Action;
import org.rjhub.console.caseapi.CaseModels.CaseDetail;
import org.rjhub.console.caseapi.CaseModels.Progress;
import org.rjhub.console.caseapi.CaseModels.Step;

/**
 * A case's task lists (GOV.UK task list pattern): one per party, one for the case. A task's status comes from what is
 * recorded and, when not done, from the case API's steps: "Not yet started" with a link when the case allows it,
 * "Cannot start yet" and the state machine's reason when it does not.
 */
public final class TaskList {

    /**
     * One task.
     *
     * @param name   what to do
     * @param href   the form that records it, when the case allows it now and the user may record
     * @param status Completed, Not yet started, Cannot start yet, ...
     * @param hint   why it cannot start, or a detail of what was recorded
     * @param done   for the status tag's colour
     */
    public record Task(String name, String href, String status, String hint, boolean done) {}

    /** A titled list of tasks. */
    public record Group(String title, List<Task> tasks) {}

    private TaskList() {}

    /**
     * @param mayRecord whether the user may record steps on the case at all (not a manager's read)
     * @param coordinator whether the user coordinates it (allocation, duplicates)
     */
    public static List<Group> of(CaseDetail c, boolean mayRecord, boolean coordinator) {
        List<Group> groups = new ArrayList<>();
        String base = "/cases/" + c.caseId() + "/steps/";
        for (String role : c.roles()) {
            Progress p = c.progressOf(role);
            String q = "?party=" + role;
            List<Task> tasks = new ArrayList<>();
            tasks.add(task(
                    c,
                    "Contact",
                    p.contactMade(),
                    p.contactMade()
                            ? "Contact made"
                            : p.contactAttempts() > 0 ? p.contactAttempts() + " attempts" : null,
                    step(c, "CONTACT_MADE", role, null),
                    mayRecord ? base + StepKind.CONTACT.slug() + q : null));
            tasks.add(task(
                    c,
                    "Information about restorative justice",
                    p.informed(),
                    null,
                    step(c, "INFORMATION_GIVEN", role, null),
                    mayRecord ? base + StepKind.INFORMATION.slug() + q : null));
            tasks.add(task(
                    c,
                    "Consent",
                    !p.consents().isEmpty(),
                    p.consents().isEmpty()
                            ? null
                            : "To: "
                                    + String.join(
                                            ", ",
                                            p.consents().stream()
                                                    .map(Words::lower)
                                                    .toList()),
                    step(c, "CONSENT_GIVEN", role, null),
                    mayRecord ? base + StepKind.CONSENT.slug() + q : null));
            if (p.withdrawn()) {
                tasks.add(new Task("Declined or withdrew", null, "Withdrawn", null, true));
            }
            groups.add(new Group(Words.of(role), tasks));
        }
        List<Task> tasks = new ArrayList<>();
        tasks.add(task(
                c,
                "Initial risk assessment",
                c.initialRisk() != null,
                c.initialRisk() == null
                        ? null
                        : risk(c.initialRisk().suitable(), c.initialRisk().level()),
                step(c, "RISK_ASSESSED", null, "INITIAL"),
                mayRecord && coordinator ? base + StepKind.INITIAL_RISK.slug() : null));
        tasks.add(task(
                c,
                "Allocation to a facilitator",
                c.facilitator() != null,
                c.facilitator(),
                step(c, "ASSIGNED", null, null),
                mayRecord && coordinator && c.facilitator() == null ? base + StepKind.ALLOCATE.slug() : null));
        tasks.add(task(
                c,
                "Facilitation risk assessment",
                c.facilitationRisk() != null,
                c.facilitationRisk() == null
                        ? null
                        : risk(
                                c.facilitationRisk().suitable(),
                                c.facilitationRisk().level()),
                step(c, "RISK_ASSESSED", null, "FACILITATION"),
                mayRecord ? base + StepKind.FACILITATION_RISK.slug() : null));
        long liaisons = c.history().stream()
                .filter(h -> h.type().equals("STAKEHOLDER_LIAISON"))
                .count();
        Optional<Step> liaison = step(c, "STAKEHOLDER_LIAISON", null, null);
        tasks.add(new Task(
                "Liaison with the offender manager or Victim Support",
                mayRecord && liaison.map(Step::allowed).orElse(false) ? base + StepKind.LIAISON.slug() : null,
                liaisons == 0 ? "Optional" : "Recorded " + liaisons + (liaisons == 1 ? " time" : " times"),
                null,
                liaisons > 0));
        boolean communicated = c.meetingHeld() || c.indirectCommunication();
        tasks.add(task(
                c,
                "Restorative meeting",
                c.meetingHeld(),
                null,
                communicated && !c.meetingHeld()
                        ? Optional.of(new Step("MEETING_HELD", null, null, false, null, "indirect communication held"))
                        : step(c, "MEETING_HELD", null, null),
                mayRecord ? base + StepKind.MEETING.slug() : null));
        tasks.add(task(
                c,
                "Or indirect communication",
                c.indirectCommunication(),
                null,
                communicated && !c.indirectCommunication()
                        ? Optional.of(new Step("INDIRECT_COMMUNICATION", null, null, false, null, "a meeting was held"))
                        : step(c, "INDIRECT_COMMUNICATION", null, null),
                mayRecord ? base + StepKind.INDIRECT.slug() : null));
        tasks.add(task(
                c,
                "Outcome agreement",
                c.agreementRecorded(),
                c.agreementRecorded() ? c.actions().size() + " actions" : null,
                step(c, "AGREEMENT_RECORDED", null, null),
                mayRecord ? base + StepKind.AGREEMENT.slug() : null));
        for (Action a : c.actions()) {
            boolean open = "OPEN".equals(a.status());
            tasks.add(new Task(
                    "Action " + a.actionId() + ": " + Words.of(a.kind()) + " by the " + Words.lower(a.owedBy()),
                    open && mayRecord ? base + StepKind.ACTION_DONE.slug() + "?action=" + a.actionId() : null,
                    open ? (a.overdue() ? "Overdue" : "Due " + Words.day(a.dueDate())) : Words.of(a.status()),
                    null,
                    !open));
        }
        boolean anyClosure = c.steps().stream().anyMatch(s -> s.type().equals("CASE_CLOSED") && s.allowed());
        tasks.add(new Task(
                "Closure",
                mayRecord && anyClosure ? base + StepKind.CLOSE.slug() : null,
                c.open() ? (anyClosure ? "Not yet started" : "Cannot start yet") : Words.of(c.status()),
                c.closureReason() == null ? null : Words.of(c.closureReason()),
                !c.open()));
        groups.add(new Group("The case", tasks));
        return groups;
    }

    private static String risk(boolean suitable, String level) {
        return (suitable ? "Suitable" : "Not suitable") + ", " + Words.lower(level) + " risk";
    }

    private static Optional<Step> step(CaseDetail c, String type, String party, String option) {
        return c.step(type, party, option);
    }

    private static Task task(CaseDetail c, String name, boolean done, String detail, Optional<Step> step, String href) {
        if (done) {
            return new Task(name, null, "Completed", detail, true);
        }
        if (!c.open()) {
            return new Task(name, null, "Not done", null, false);
        }
        if (step.isPresent() && step.get().allowed()) {
            return new Task(name, href, href == null ? "Not yet started" : "Not yet started", detail, false);
        }
        return new Task(
                name, null, "Cannot start yet", step.map(s -> s.reason()).orElse(null), false);
    }
}
