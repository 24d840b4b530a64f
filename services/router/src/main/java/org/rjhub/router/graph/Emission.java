package org.rjhub.router.graph;

import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * Something the router writes: an outcome to one agency, or an item to one facilitator queue.
 *
 * @param agency  for outcomes: whose topic
 * @param outcome the outcome, or null
 * @param queue   for queue items: which queue
 * @param item    the queue item, or null
 */
public record Emission(SourceAgency agency, Outcome outcome, String queue, QueueItem item) {

    public static Emission outcome(Outcome outcome) {
        return new Emission(outcome.getAgency(), outcome, null, null);
    }

    public static Emission queued(QueueItem item) {
        return new Emission(null, null, item.getQueue(), item);
    }

    public boolean isOutcome() {
        return outcome != null;
    }
}
