package org.rjhub.cases.api;

import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseNote;

/**
 * Where the API writes accepted case events ({@code rj.case-events.v1}) and case notes ({@code rj.case-notes.v1}), each
 * keyed by case id.
 */
public interface CaseEventSender {

    /** Sends and waits for the broker's acknowledgement. */
    void send(CaseEvent event);

    /** Sends a note and waits for the broker's acknowledgement. */
    void note(CaseNote note);
}
