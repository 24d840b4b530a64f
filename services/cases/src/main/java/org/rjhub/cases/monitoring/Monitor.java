package org.rjhub.cases.monitoring;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseState.ActionState;
import org.rjhub.cases.lifecycle.CaseState.Announcement;
import org.rjhub.cases.lifecycle.CaseState.Audience;
import org.rjhub.cases.outcomes.QueueNotices;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.EscalationDetails;
import org.rjhub.contracts.hub.EscalationKind;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;

/**
 * What the due timers of a case do: reminders and overdue notices on the facilitators' queue,
 * escalations on {@code rj.escalations.v1}, and {@code ACTION_OVERDUE} to probation when the
 * offender owes the action. Each timer fires once; the state remembers it.
 */
public final class Monitor {

    /** The actor of the events the hub raises itself. */
    public static final String HUB_ACTOR = "rj-cases";

    private Monitor() {}

    /**
     * The outputs of firing timers.
     *
     * @param state         the case with the timers marked as fired
     * @param queueItems    for the case's queue
     * @param escalations   for {@code rj.escalations.v1}
     * @param announcements outcomes for the referrers (already added to the state's history)
     */
    public record Fired(
            CaseState state,
            List<QueueItem> queueItems,
            List<CaseEvent> escalations,
            List<Announcement> announcements) {}

    public static Fired fire(CaseState current, List<Timer> due, Instant now) {
        CaseState s = current.copy();
        List<QueueItem> queue = new ArrayList<>();
        List<CaseEvent> escalations = new ArrayList<>();
        List<Announcement> announcements = new ArrayList<>();
        for (Timer t : due) {
            switch (t.kind()) {
                case ACTION_REMINDER -> {
                    ActionState a = s.action(t.actionId()).orElseThrow();
                    a.reminded = true;
                    boolean alsoOverdue = due.stream()
                            .anyMatch(o -> o.kind() == Timer.Kind.ACTION_OVERDUE
                                    && o.actionId().equals(t.actionId()));
                    if (!alsoOverdue) {
                        queue.add(QueueNotices.about(s, QueueItemType.ACTION_DUE_SOON, a, now));
                    }
                }
                case ACTION_OVERDUE -> {
                    ActionState a = s.action(t.actionId()).orElseThrow();
                    a.overdue = true;
                    a.reminded = true;
                    queue.add(QueueNotices.about(s, QueueItemType.ACTION_OVERDUE, a, now));
                    escalations.add(escalation(
                            s,
                            CaseEventType.ACTION_OVERDUE,
                            EscalationKind.ACTION_OVERDUE,
                            t.at(),
                            a.actionId,
                            a.owedBy));
                    if (a.owedBy == PartyRole.OFFENDER) {
                        Announcement overdue = new Announcement(
                                OutcomeType.ACTION_OVERDUE,
                                "action " + a.actionId + " (" + words(a.kind) + ") owed by the offender was due on "
                                        + a.dueDate + " and is not recorded as completed",
                                null,
                                Map.of(
                                        "actionId",
                                        a.actionId,
                                        "actionKind",
                                        a.kind.name(),
                                        "dueDate",
                                        a.dueDate.toString()),
                                t.at(),
                                Audience.PROBATION);
                        s.announced.add(overdue);
                        announcements.add(overdue);
                    }
                }
                case NO_FIRST_CONTACT -> {
                    s.escalations.add(Timers.NO_FIRST_CONTACT);
                    escalations.add(escalation(
                            s, CaseEventType.SLA_BREACHED, EscalationKind.NO_FIRST_CONTACT, t.at(), null, null));
                }
                case NO_PROGRESS -> {
                    s.escalations.add(Timers.noProgressKey(Timers.progressBasis(s)));
                    escalations.add(
                            escalation(s, CaseEventType.SLA_BREACHED, EscalationKind.NO_PROGRESS, t.at(), null, null));
                }
                default -> throw new IllegalStateException("unknown timer " + t.kind());
            }
        }
        return new Fired(s, List.copyOf(queue), List.copyOf(escalations), List.copyOf(announcements));
    }

    /** An escalation, with an id derived from what it is about, so a replay writes the same id. */
    static CaseEvent escalation(
            CaseState s, CaseEventType type, EscalationKind kind, Instant deadline, String actionId, PartyRole owedBy) {
        String identity = s.caseId + "|" + kind + "|" + actionId + "|" + deadline.toEpochMilli();
        return CaseEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .setCaseId(s.caseId)
                .setEventType(type)
                .setPartyRole(owedBy)
                .setActor(HUB_ACTOR)
                .setOccurredAt(deadline)
                .setDetails(new EscalationDetails(kind, deadline, actionId, owedBy))
                .build();
    }

    private static String words(Object symbol) {
        return symbol.toString().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
