package org.rjhub.cases.monitoring;

import java.time.Instant;

/**
 * Something due on a case at a time: a reminder, an overdue action, a missed service level.
 *
 * @param actionId the agreement action, for the action timers
 */
public record Timer(Kind kind, Instant at, String actionId) {

    /** What falls due. */
    public enum Kind {
        ACTION_REMINDER,
        ACTION_OVERDUE,
        NO_FIRST_CONTACT,
        NO_PROGRESS
    }
}
