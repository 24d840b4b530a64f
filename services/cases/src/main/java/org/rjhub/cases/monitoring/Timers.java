package org.rjhub.cases.monitoring;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseState.ActionState;

/** The timers of a case, derived from its state alone (nothing to keep in step). */
public final class Timers {

    /** Escalation key of the missed first contact. */
    public static final String NO_FIRST_CONTACT = "NO_FIRST_CONTACT";

    private Timers() {}

    /** Every timer of the case that has not fired yet, earliest first; none for a case that is not open. */
    public static List<Timer> pending(CaseState s, ServiceLevels levels) {
        List<Timer> timers = new ArrayList<>();
        if (!s.open() || s.referredAt == null) {
            return timers;
        }
        if (!s.contactMadeWithAnyone() && !s.escalations.contains(NO_FIRST_CONTACT)) {
            timers.add(new Timer(
                    Timer.Kind.NO_FIRST_CONTACT,
                    levels.workingDaysAfter(s.referredAt, levels.firstContactWorkingDays()),
                    null));
        }
        Instant basis = progressBasis(s);
        if (!s.escalations.contains(noProgressKey(basis))) {
            timers.add(new Timer(Timer.Kind.NO_PROGRESS, basis.plus(levels.noProgress()), null));
        }
        for (ActionState a : s.actions) {
            if (!a.pending()) {
                continue;
            }
            if (!a.reminded) {
                timers.add(new Timer(
                        Timer.Kind.ACTION_REMINDER,
                        levels.startOf(a.dueDate).minus(levels.reminderLead()),
                        a.actionId));
            }
            if (!a.overdue) {
                timers.add(new Timer(Timer.Kind.ACTION_OVERDUE, levels.endOf(a.dueDate), a.actionId));
            }
        }
        timers.sort(Comparator.comparing(Timer::at));
        return timers;
    }

    /** The timers due at {@code now}: their time plus the grace has passed. */
    public static List<Timer> due(CaseState s, ServiceLevels levels, Instant now) {
        return pending(s, levels).stream()
                .filter(t -> !t.at().plus(levels.grace()).isAfter(now))
                .toList();
    }

    /** When the case next needs looking at (the earliest timer plus the grace), if ever. */
    public static Optional<Instant> next(CaseState s, ServiceLevels levels) {
        return pending(s, levels).stream().findFirst().map(t -> t.at().plus(levels.grace()));
    }

    /** The last event on the case, or its referral when nothing is recorded yet. */
    static Instant progressBasis(CaseState s) {
        return s.lastProgressAt != null ? s.lastProgressAt : s.referredAt;
    }

    /** Escalation key of "no progress" since {@code basis}: raised once for each period of silence. */
    static String noProgressKey(Instant basis) {
        return "NO_PROGRESS@" + basis.toEpochMilli();
    }
}
