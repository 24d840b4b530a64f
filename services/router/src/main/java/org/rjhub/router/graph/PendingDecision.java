package org.rjhub.router.graph;

import java.util.ArrayList;
import java.util.List;
import org.rjhub.contracts.hub.CaseEventStatus;

/**
 * What the decision join holds for one case event id until its halves have met. Copies of an event
 * (a resend with the same id) are counted, and each pairs with one answer in arrival order: the case
 * service answers a redelivered event DUPLICATE after the first copy's ACCEPTED, so whatever the
 * interleaving an accepted decision is released once.
 *
 * @param decision the decision, once an event has arrived (every copy of an event carries the same)
 * @param events   copies of the event not yet paired with an answer
 * @param answers  answers not yet paired with an event, oldest first
 * @param since    wall-clock time the entry was opened (epoch ms), for expiry
 */
public record PendingDecision(GraphMessage decision, int events, List<CaseEventStatus> answers, long since) {

    public PendingDecision {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }

    static PendingDecision open(long now) {
        return new PendingDecision(null, 0, List.of(), now);
    }

    PendingDecision withEvent(GraphMessage decision) {
        return new PendingDecision(decision, events + 1, answers, since);
    }

    PendingDecision withAnswer(CaseEventStatus answer) {
        List<CaseEventStatus> more = new ArrayList<>(answers);
        more.add(answer);
        return new PendingDecision(decision, events, more, since);
    }

    boolean canPair() {
        return events > 0 && !answers.isEmpty();
    }

    /** The entry without its oldest answer and one copy of the event, which have just met. */
    PendingDecision paired() {
        return new PendingDecision(decision, events - 1, answers.subList(1, answers.size()), since);
    }

    boolean isSettled() {
        return events == 0 && answers.isEmpty();
    }
}
