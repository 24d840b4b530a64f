package org.rjhub.reporting.facts;

import java.time.Instant;
import java.util.List;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.PartyRole;

/**
 * A case event after minimisation: its type, party and fixed codes; never the actor, a facilitator id, another
 * case's id or any text.
 *
 * @param eventId          the event's id (a random UUID), to pair it with the case service's answer
 * @param type             event type
 * @param partyRole        the party concerned, or null
 * @param at               when it happened
 * @param detail           the fixed code refining it (see {@code CaseFact.detail}), or null
 * @param suitable         RISK_ASSESSED: the result
 * @param stage            RISK_ASSESSED: INITIAL or FACILITATION
 * @param unsuitableReason RISK_ASSESSED when unsuitable: the UnsuitabilityReason symbol
 * @param closureReason    CASE_CLOSED: the ClosureReason symbol
 * @param actionIds        AGREEMENT_RECORDED: the ids of the actions agreed
 * @param actionId         ACTION_COMPLETED: the action completed
 */
public record CaseEventView(
        String eventId,
        CaseEventType type,
        PartyRole partyRole,
        Instant at,
        String detail,
        Boolean suitable,
        String stage,
        String unsuitableReason,
        String closureReason,
        List<String> actionIds,
        String actionId) {

    public CaseEventView {
        actionIds = actionIds == null ? List.of() : List.copyOf(actionIds);
    }
}
