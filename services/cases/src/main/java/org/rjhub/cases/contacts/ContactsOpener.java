package org.rjhub.cases.contacts;

import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseState.PartyView;
import org.rjhub.cases.notes.SealedNotes;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.contracts.hub.QueueDetails;
import org.rjhub.contracts.hub.SensitivityFlag;

/**
 * Opens the contact details ({@link StoredContacts}), the parties' names ({@link PartyView}), the notes ({@link
 * CaseState.Note}), the offence's wording and the sensitivity flags the case service keeps sealed, when the case API
 * is asked for them: with the referral's data key as the service's global store {@code data-keys} (of {@code rj.data-keys.v1})
 * holds it now, unwrapped by the master key. A key that is not there (erased by {@code hub erase}, or not read yet)
 * opens nothing: the store is asked on every request. The keys unwrapped are kept for one request only ({@link
 * #forRequest}): the API answers each request with an opener of its own, so no key outlives the request that needed
 * it, and an erased key is in memory nowhere once the requests that opened it before its tombstone have been answered.
 */
public final class ContactsOpener {

    /** What the API says of a party whose name cannot be opened. */
    public static final String NAME_UNAVAILABLE =
            "the party's name is sealed under a data key that is not here (erased, or not read yet)";

    /** What the API says of a referral whose contact details cannot be opened. */
    public static final String UNAVAILABLE =
            "the referral's contact details are sealed under a data key that is not here (erased, or not read yet)";

    /** What the API says of a note whose text cannot be opened. */
    public static final String NOTE_UNAVAILABLE =
            "the note is sealed under a data key of the case that is not here (erased, or not read yet)";

    /** What the API says of an offence whose wording cannot be opened. */
    public static final String WORDING_UNAVAILABLE =
            "the offence's wording is sealed in the case's referrals, under data keys that are not here (erased, or not"
                    + " read yet)";

    /** What the API says of a case some of whose flags cannot be opened. */
    public static final String FLAGS_UNAVAILABLE =
            "some of the case's sensitivity flags are sealed under data keys that are not here (erased, or not read"
                    + " yet)";

    /**
     * A case's sensitivity flags as the API shows them.
     *
     * @param flags    those kept in clear and those of each referral whose sealed details opened, in the flags' order
     * @param complete whether every referral's sealed details opened
     */
    public record OpenedFlags(List<String> flags, boolean complete) {}

    /** A service without a master key: only the contact details kept in clear open. */
    public static final ContactsOpener CLEAR_ONLY = new ContactsOpener(null, null, id -> null);

    private final MasterKey master;
    private final DataKeys keys;
    private final Function<String, byte[]> wrappedKeys;

    private ContactsOpener(MasterKey master, DataKeys keys, Function<String, byte[]> wrappedKeys) {
        this.master = master;
        this.keys = keys;
        this.wrappedKeys = wrappedKeys;
    }

    /**
     * An opener for one request: the same master key and global store, none of the keys this one unwrapped (and what it
     * unwraps itself goes with it once the request is answered).
     */
    public ContactsOpener forRequest() {
        return master == null ? this : new ContactsOpener(master, new DataKeys(master), wrappedKeys);
    }

    /** The ids of the data keys this opener holds unwrapped in memory now. */
    public Set<String> keysInMemory() {
        return keys == null ? Set.of() : keys.ids();
    }

    /**
     * @param master      the service's master key; empty: only the contact details kept in clear open
     * @param wrappedKeys a data key's id to its wrapped keyset as the global store holds it now, null when it holds
     *                    none
     */
    public static ContactsOpener of(Optional<MasterKey> master, Function<String, byte[]> wrappedKeys) {
        return master.map(m -> new ContactsOpener(m, new DataKeys(m), wrappedKeys))
                .orElse(CLEAR_ONLY);
    }

    /** The contact details in clear; empty when they are sealed and their key is not here. */
    public Optional<ReferralContacts> open(StoredContacts stored) {
        if (!stored.keptSealed()) {
            return Optional.of(stored.clear());
        }
        if (!holds(stored.dataKeyId())) {
            return Optional.empty();
        }
        return SealedReferrals.open(keys, stored.dataKeyId(), stored.sealed()).map(ReferralContacts::of);
    }

    /** A note in clear, as written; empty when it is sealed and its key is not here. */
    public Optional<CaseState.Note> open(CaseState.Note note) {
        if (!note.keptSealed()) {
            return Optional.of(note);
        }
        if (!holds(note.dataKeyId())) {
            return Optional.empty();
        }
        return SealedNotes.open(keys, note)
                .map(text -> new CaseState.Note(note.noteId(), note.author(), text, note.writtenAt()));
    }

    /**
     * The offence's wording as the first of {@code referrals} that opens gives it (a service with a master key keeps
     * none of its own: it is in each sealed referral); empty when none opens.
     */
    public Optional<String> offenceWording(Iterable<StoredContacts> referrals) {
        for (StoredContacts stored : referrals) {
            if (stored.keptSealed() && holds(stored.dataKeyId())) {
                Optional<String> wording = SealedReferrals.open(keys, stored.dataKeyId(), stored.sealed())
                        .map(r -> r.getOffence() == null ? null : r.getOffence().getDescription());
                if (wording.isPresent()) {
                    return wording;
                }
            }
        }
        return Optional.empty();
    }

    /** A case's flags: those it kept in clear and those sealed in its referrals' details whose keys are here. */
    public OpenedFlags flags(CaseState s) {
        Set<SensitivityFlag> sealed = new TreeSet<>();
        boolean complete = true;
        for (CaseState.SealedDetails details : s.details) {
            Optional<QueueDetails> opened = open(details);
            opened.ifPresent(d -> sealed.addAll(d.getFlags()));
            complete &= opened.isPresent();
        }
        Set<String> flags = new LinkedHashSet<>(s.flags);
        sealed.forEach(f -> flags.add(f.name()));
        return new OpenedFlags(List.copyOf(flags), complete);
    }

    /**
     * The offence's wording of a case that keeps none in clear: as the first of its sealed referrals that opens gives
     * it, else as the sealed details of the referral that gave the case its offence (the queue item's first); empty when
     * none opens.
     */
    public Optional<String> offenceWording(CaseState s) {
        Optional<String> wording = offenceWording(s.contacts.values());
        if (wording.isPresent() || s.details.isEmpty()) {
            return wording;
        }
        return open(s.details.get(0)).map(QueueDetails::getOffenceDescription);
    }

    /** A referral's sealed details opened; empty when their key is not here. */
    private Optional<QueueDetails> open(CaseState.SealedDetails sealed) {
        if (!holds(sealed.dataKeyId())) {
            return Optional.empty();
        }
        return SealedDetails.open(
                keys,
                SealedDetails.sealed(sealed.dataKeyId(), Base64.getDecoder().decode(sealed.sealed())));
    }

    /**
     * A party's name and district in clear, as the queue item gave them; empty when they are sealed and their key is
     * not here (the party is then shown by its role only).
     */
    public Optional<PartyView> open(PartyView party) {
        if (!party.keptSealed()) {
            return Optional.of(party);
        }
        if (!holds(party.dataKeyId())) {
            return Optional.empty();
        }
        return SealedParties.open(
                        keys,
                        SealedParties.sealed(
                                party.role(),
                                party.dataKeyId(),
                                Base64.getDecoder().decode(party.sealed())))
                .map(p -> new PartyView(p.getRole(), p.getForename(), p.getSurname(), p.getDistrict()));
    }

    /**
     * Whether data key {@code id} is here now: the global store asked on every call, a key it no longer holds (its
     * tombstone read) forgotten.
     */
    private boolean holds(String id) {
        if (keys == null) {
            return false;
        }
        byte[] wrapped = DataKeyStore.wrappedKey(wrappedKeys.apply(id));
        if (wrapped == null) {
            keys.remove(id);
            return false;
        }
        if (!keys.known(id)) {
            keys.add(id, wrapped);
        }
        return true;
    }
}
