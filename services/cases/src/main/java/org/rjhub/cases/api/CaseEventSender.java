package org.rjhub.cases.api;

import org.rjhub.contracts.hub.CaseEvent;

/** Where the API writes accepted case events: {@code rj.case-events.v1}, keyed by case id. */
public interface CaseEventSender {

    /** Sends and waits for the broker's acknowledgement. */
    void send(CaseEvent event);
}
