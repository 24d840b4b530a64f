package org.rjhub.cases.notes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.contracts.hub.CaseNote;

/**
 * A note's text sealed at rest: the case API (with a master key) seals it, before it is written to {@code
 * rj.case-notes.v1}, under a fresh data key of the case's subject ({@code case:<caseId>}), written to {@code
 * rj.data-keys.v1} first; the case service keeps it sealed in the {@code cases} store and its changelog; the API opens
 * it per request with the key as the global store holds it then. {@code hub erase} of any referral of the case
 * destroys the case's keys, so every note of the case (which may name any of its parties) becomes unreadable.
 */
public final class SealedNotes {

    /** The field named in the associated data. */
    static final String FIELD = "CaseNote.text";

    private SealedNotes() {}

    /** A note sealed under a new data key of its case, and that key (to write to the key topic before the note). */
    public record Sealed(DataKeys.DataKey key, CaseNote note) {}

    /** Seals {@code clear}'s text under a new data key of its case, forgotten here once used. */
    public static Sealed seal(DataKeys keys, CaseNote clear) {
        DataKeys.DataKey key = keys.create(DataKeys.caseSubject(clear.getCaseId()));
        byte[] sealed = keys.seal(key.id(), FIELD, clear.getText().getBytes(StandardCharsets.UTF_8));
        keys.remove(key.id()); // the global store's copy is the one that counts, so an erasure is honoured at once
        CaseNote note = CaseNote.newBuilder(clear)
                .setText("")
                .setDataKeyId(key.id())
                .setSealed(ByteBuffer.wrap(sealed))
                .build();
        return new Sealed(key, note);
    }

    /** The note as the case keeps it: sealed as it came (never opened on the stream), or in clear. */
    public static CaseState.Note kept(CaseNote note) {
        if (note.getDataKeyId() == null || note.getSealed() == null) {
            return new CaseState.Note(note.getNoteId(), note.getAuthor(), note.getText(), note.getWrittenAt());
        }
        byte[] sealed = new byte[note.getSealed().remaining()];
        note.getSealed().duplicate().get(sealed);
        return new CaseState.Note(
                note.getNoteId(),
                note.getAuthor(),
                "",
                note.getWrittenAt(),
                note.getDataKeyId(),
                Base64.getEncoder().encodeToString(sealed));
    }

    /** The note's text in clear; empty when its key is not known to {@code keys}. */
    public static Optional<String> open(DataKeys keys, CaseState.Note note) {
        return keys.open(note.dataKeyId(), FIELD, Base64.getDecoder().decode(note.sealed()))
                .map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
