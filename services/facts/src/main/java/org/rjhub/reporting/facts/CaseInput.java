package org.rjhub.reporting.facts;

import java.time.Instant;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.CaseEventStatus;

/**
 * What reaches the case stage, keyed by the case's pseudonym (or, for REFERRAL_ONLY, what the referral stage
 * writes straight out as a fact, keyed by the referral's pseudonym).
 *
 * @param kind     which message
 * @param change   JOINED and REFERRAL_ONLY: the change to report
 * @param referral JOINED, AMENDED, MOVED_OUT, REFERRAL_ONLY: the referral (for MOVED_OUT as it was)
 * @param sequence REFERRAL_ONLY: the fact's sequence under the referral's key
 * @param event    EVENT: the minimised case event
 * @param eventId  RESULT: the event answered
 * @param status   RESULT: the case service's answer
 * @param at       when it happened
 */
public record CaseInput(
        Kind kind,
        CaseChange change,
        ReferralView referral,
        long sequence,
        CaseEventView event,
        String eventId,
        CaseEventStatus status,
        Instant at) {

    /** Message kinds. */
    public enum Kind {
        JOINED,
        AMENDED,
        MOVED_OUT,
        REFERRAL_ONLY,
        EVENT,
        RESULT
    }

    public static CaseInput joined(CaseChange change, ReferralView referral, Instant at) {
        return new CaseInput(Kind.JOINED, change, referral, 0, null, null, null, at);
    }

    public static CaseInput amended(ReferralView referral, Instant at) {
        return new CaseInput(Kind.AMENDED, CaseChange.REFERRAL_AMENDED, referral, 0, null, null, null, at);
    }

    public static CaseInput movedOut(ReferralView referral, Instant at) {
        return new CaseInput(Kind.MOVED_OUT, CaseChange.REFERRAL_MOVED_OUT, referral, 0, null, null, null, at);
    }

    public static CaseInput referralOnly(CaseChange change, ReferralView referral, long sequence, Instant at) {
        return new CaseInput(Kind.REFERRAL_ONLY, change, referral, sequence, null, null, null, at);
    }

    public static CaseInput event(CaseEventView event) {
        return new CaseInput(Kind.EVENT, null, null, 0, event, event.eventId(), null, event.at());
    }

    public static CaseInput result(String eventId, CaseEventStatus status, Instant at) {
        return new CaseInput(Kind.RESULT, null, null, 0, null, eventId, status, at);
    }
}
