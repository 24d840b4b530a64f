package org.rjhub.cases.contacts;

import java.util.Optional;
import java.util.function.Function;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedReferrals;

/**
 * Opens the contact details the case service keeps sealed ({@link StoredContacts}), when the case API is asked for
 * them: with the referral's data key as the service's global store {@code data-keys} (of {@code rj.data-keys.v1})
 * holds it now, unwrapped by the master key. A key that is not there (erased by {@code hub erase}, or not read yet)
 * opens nothing, and a key unwrapped earlier is forgotten once its tombstone has emptied the store: the store is asked
 * on every request.
 */
public final class ContactsOpener {

    /** What the API says of a referral whose contact details cannot be opened. */
    public static final String UNAVAILABLE =
            "the referral's contact details are sealed under a data key that is not here (erased, or not read yet)";

    /** A service without a master key: only the contact details kept in clear open. */
    public static final ContactsOpener CLEAR_ONLY = new ContactsOpener(null, id -> null);

    private final DataKeys keys;
    private final Function<String, byte[]> wrappedKeys;

    private ContactsOpener(DataKeys keys, Function<String, byte[]> wrappedKeys) {
        this.keys = keys;
        this.wrappedKeys = wrappedKeys;
    }

    /**
     * @param master      the service's master key; empty: only the contact details kept in clear open
     * @param wrappedKeys a data key's id to its wrapped keyset as the global store holds it now, null when it holds
     *                    none
     */
    public static ContactsOpener of(Optional<MasterKey> master, Function<String, byte[]> wrappedKeys) {
        return master.map(m -> new ContactsOpener(new DataKeys(m), wrappedKeys)).orElse(CLEAR_ONLY);
    }

    /** The contact details in clear; empty when they are sealed and their key is not here. */
    public Optional<ReferralContacts> open(StoredContacts stored) {
        if (!stored.keptSealed()) {
            return Optional.of(stored.clear());
        }
        if (keys == null) {
            return Optional.empty();
        }
        String id = stored.dataKeyId();
        byte[] wrapped = wrappedKeys.apply(id);
        // the global store marks a key whose tombstone it has read with an empty value (DataKeyStore): erased
        if (wrapped == null || wrapped.length == 0) {
            keys.remove(id);
            return Optional.empty();
        }
        if (!keys.known(id)) {
            keys.add(id, wrapped);
        }
        return SealedReferrals.open(keys, id, stored.sealed()).map(ReferralContacts::of);
    }
}
