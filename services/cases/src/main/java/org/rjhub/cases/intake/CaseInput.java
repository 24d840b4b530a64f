package org.rjhub.cases.intake;

import java.time.Instant;
import org.rjhub.cases.lifecycle.CaseState.Ref;

/**
 * What reaches a case from the router's side (JSON on {@code case-items}): a queue item, or the notice
 * that one of its referrals now belongs to another case (the router merged the cases).
 */
public record CaseInput(CaseItem item, Moved moved) {

    public static CaseInput item(CaseItem item) {
        return new CaseInput(item, null);
    }

    public static CaseInput moved(Moved moved) {
        return new CaseInput(null, moved);
    }

    /** Referral {@code referral} now belongs to case {@code toCase}, since {@code at}. */
    public record Moved(Ref referral, String toCase, Instant at) {}

    /** A case claims a referral (JSON on {@code referral-claims}, keyed by the referral). */
    public record Claim(Ref referral, String caseId, Instant at) {}
}
