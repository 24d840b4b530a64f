package org.rjhub.cases.api;

import java.util.Optional;
import java.util.Set;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.contracts.hub.CaseEventType;

/**
 * Who sent a request, from its verified bearer token: the subject (the actor of the events recorded), the roles and,
 * for a coordinator, the facilitator queues coordinated. What each role may do on a case:
 * <ul>
 *   <li>facilitator: read and record on the cases assigned to them, except assign, link and keep apart;</li>
 *   <li>coordinator: read and record anything (assign, link, keep apart, close, and the contact, consent and initial
 *       risk assessment that come before allocation) on the cases of their queues; a link or keep-apart only when the
 *       other case is in their queues too;</li>
 *   <li>manager: read every case; record nothing.</li>
 * </ul>
 * Notes ({@link #mayWriteNote}) and the parties' contact details ({@link #mayContact}) are for the assigned facilitator
 * and the queue's coordinators only: a manager reads neither's contact details and writes no note.
 * Someone with several roles may do what any of them allows.
 *
 * @param subject the token's {@code sub}
 * @param roles   the roles the token names that this API knows
 * @param queues  the queues the token names (a coordinator's)
 */
public record Caller(String subject, Set<Role> roles, Set<String> queues) {

    /** The roles of the case API, as the token's roles claim names them in lower case. */
    public enum Role {
        FACILITATOR,
        COORDINATOR,
        MANAGER
    }

    private static final Set<CaseEventType> COORDINATION =
            Set.of(CaseEventType.ASSIGNED, CaseEventType.LINK_CONFIRMED, CaseEventType.KEEP_APART);

    public Caller {
        roles = Set.copyOf(roles);
        queues = Set.copyOf(queues);
    }

    public boolean is(Role role) {
        return roles.contains(role);
    }

    /** True when the case is assigned to this caller as a facilitator. */
    boolean facilitates(CaseState c) {
        return is(Role.FACILITATOR) && subject.equals(c.facilitator);
    }

    /** True when the case is on one of this caller's queues as a coordinator. */
    boolean coordinates(CaseState c) {
        return is(Role.COORDINATOR) && c.queue != null && queues.contains(c.queue);
    }

    /** May see the case. */
    public boolean mayRead(CaseState c) {
        return is(Role.MANAGER) || coordinates(c) || facilitates(c);
    }

    /** May write a note on the case: its assigned facilitator, or a coordinator of its queue (a manager may not). */
    public boolean mayWriteNote(CaseState c) {
        return coordinates(c) || facilitates(c);
    }

    /** May see the contact details of the case's parties and offender manager: as {@link #mayWriteNote}. */
    public boolean mayContact(CaseState c) {
        return coordinates(c) || facilitates(c);
    }

    /**
     * May record an event of {@code type} on the case; {@code other} is the other case of a link or keep-apart, when
     * it is known.
     */
    public boolean mayRecord(CaseState c, CaseEventType type, Optional<CaseState> other) {
        if (coordinates(c)) {
            return !COORDINATION.contains(type)
                    || type == CaseEventType.ASSIGNED
                    || other.map(this::coordinates).orElse(true);
        }
        return facilitates(c) && !COORDINATION.contains(type);
    }
}
