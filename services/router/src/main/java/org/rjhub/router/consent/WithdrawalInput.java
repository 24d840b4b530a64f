package org.rjhub.router.consent;

import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.PartyRole;

/**
 * What the queue-item output stage receives, keyed by case id: a queue item on its way out, a facilitator's
 * {@code CONSENT_WITHDRAWN}, or the case service's answer to one.
 *
 * @param kind    which
 * @param eventId WITHDRAWAL and ANSWER: the case event
 * @param role    WITHDRAWAL: the party who withdrew
 * @param status  ANSWER: the case service's answer
 * @param item    ITEM: the queue item, Avro single-object encoded (internal to the router)
 */
public record WithdrawalInput(Kind kind, String eventId, PartyRole role, CaseEventStatus status, byte[] item) {

    /** Message kinds. */
    public enum Kind {
        ITEM,
        WITHDRAWAL,
        ANSWER
    }

    static WithdrawalInput item(byte[] item) {
        return new WithdrawalInput(Kind.ITEM, null, null, null, item);
    }

    static WithdrawalInput withdrawal(String eventId, PartyRole role) {
        return new WithdrawalInput(Kind.WITHDRAWAL, eventId, role, null, null);
    }

    static WithdrawalInput answer(String eventId, CaseEventStatus status) {
        return new WithdrawalInput(Kind.ANSWER, eventId, null, status, null);
    }
}
