package org.rjhub.cases.contacts;

import java.util.List;
import org.rjhub.cases.contacts.ReferralContacts.PartyContact;
import org.rjhub.cases.contacts.ReferralContacts.Practitioner;
import org.rjhub.cases.lifecycle.CaseState.Ref;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.contracts.hub.Referral;

/**
 * A referral's contact details as the case service keeps them at rest (the {@code referral-contacts} topic and store,
 * the {@code cases} store and their changelogs): sealed when the referral came sealed, in clear when it did not (a
 * router without a master key, as the demo runs; a referral written before {@code Referral} v3).
 *
 * <p>Sealed, it is the referral's own {@code dataKeyId} and {@code sealed} bytes, as the router wrote them to {@code
 * rj.referrals.v1}, and the case API opens them per request ({@link ContactsOpener}) to take {@link
 * ReferralContacts#of}. Not the contact details sealed anew: the case service cannot make data keys, and sealing under
 * the referral's key would need that key on the stream thread when the referral is read, which is what made it wait
 * for the key to reach its global store. The router's ciphertext needs no key to be carried, and the key's tombstone
 * ({@code hub erase}) makes every copy of it unreadable. The price: the sealed bytes hold the whole referral, not only
 * its contact details; nothing but the contact details is ever taken from them once opened.
 *
 * <p>In clear, the same JSON as {@link ReferralContacts} (what the case service kept before), so the cases kept then
 * read as they were.
 *
 * @param referral        the referral the details came from
 * @param parties         in clear: the parties the agency gave contact details for; sealed: none
 * @param offenderManager in clear: the probation practitioner, on a probation referral; sealed: null
 * @param dataKeyId       sealed: the referral's data key ({@code rj.data-keys.v1}); in clear: null
 * @param sealed          sealed: the referral's sealed bytes; in clear: null
 */
public record StoredContacts(
        Ref referral, List<PartyContact> parties, Practitioner offenderManager, String dataKeyId, byte[] sealed) {

    public StoredContacts {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    /** What the case service keeps of a canonical referral read from {@code rj.referrals.v1}. */
    public static StoredContacts of(Referral r) {
        if (!SealedReferrals.isSealed(r) || r.getSealed() == null) {
            return inClear(ReferralContacts.of(r));
        }
        byte[] sealed = new byte[r.getSealed().remaining()];
        r.getSealed().duplicate().get(sealed);
        return new StoredContacts(
                new Ref(r.getSourceAgency(), r.getAgencyReferralId()), List.of(), null, r.getDataKeyId(), sealed);
    }

    /** Contact details kept in clear. */
    public static StoredContacts inClear(ReferralContacts c) {
        return new StoredContacts(c.referral(), c.parties(), c.offenderManager(), null, null);
    }

    /** Whether they are sealed under the referral's data key (else in clear). */
    public boolean keptSealed() {
        return dataKeyId != null;
    }

    /** The details kept in clear; for sealed ones, none ({@link ContactsOpener} opens them). */
    public ReferralContacts clear() {
        return keptSealed()
                ? new ReferralContacts(referral, List.of(), null)
                : new ReferralContacts(referral, parties, offenderManager);
    }
}
