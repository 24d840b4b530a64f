package org.rjhub.cases.intake;

import java.time.Instant;
import org.rjhub.cases.contacts.StoredContacts;
import org.rjhub.cases.lifecycle.CaseState.Ref;

/**
 * What reaches a case from the router's side (JSON on {@code case-items}): a queue item, the notice
 * that one of its referrals now belongs to another case (the router merged the cases), or the contact
 * details of one of its referrals (from {@code rj.referrals.v1}; sealed as the router sealed the referral,
 * {@link StoredContacts}).
 */
public record CaseInput(CaseItem item, Moved moved, StoredContacts contacts) {

    public static CaseInput item(CaseItem item) {
        return new CaseInput(item, null, null);
    }

    public static CaseInput moved(Moved moved) {
        return new CaseInput(null, moved, null);
    }

    public static CaseInput contacts(StoredContacts contacts) {
        return new CaseInput(null, null, contacts);
    }

    /** Referral {@code referral} now belongs to case {@code toCase}, since {@code at}. */
    public record Moved(Ref referral, String toCase, Instant at) {}

    /**
     * A case claims a referral (JSON on {@code referral-claims}, keyed by the referral); or, with no case id, the
     * referral's contact details arrive, sealed as the referral was ({@code at}: when the hub received the referral).
     */
    public record Claim(Ref referral, String caseId, Instant at, StoredContacts contacts) {

        public static Claim of(Ref referral, String caseId, Instant at) {
            return new Claim(referral, caseId, at, null);
        }

        public static Claim contactsOf(StoredContacts contacts, Instant receivedAt) {
            return new Claim(contacts.referral(), null, receivedAt, contacts);
        }

        public boolean contactsOnly() {
            return caseId == null && contacts != null;
        }
    }
}
