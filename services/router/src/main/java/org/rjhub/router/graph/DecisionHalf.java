package org.rjhub.router.graph;

import org.rjhub.contracts.hub.CaseEventStatus;

/**
 * Half of a facilitator's linkage decision, keyed by the case event's id: the decision itself (a
 * LINK_CONFIRMED or KEEP_APART on {@code rj.case-events.v1}) or the case service's answer to it
 * ({@code rj.case-event-results.v1}). Exactly one of the two is set.
 *
 * @param decision the decision as the case graph takes it, or null for an answer
 * @param answer   ACCEPTED, REFUSED or DUPLICATE, or null for a decision
 */
public record DecisionHalf(GraphMessage decision, CaseEventStatus answer) {

    public static DecisionHalf event(GraphMessage decision) {
        return new DecisionHalf(decision, null);
    }

    public static DecisionHalf answer(CaseEventStatus status) {
        return new DecisionHalf(null, status);
    }
}
