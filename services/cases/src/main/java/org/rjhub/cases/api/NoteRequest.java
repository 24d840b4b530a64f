package org.rjhub.cases.api;

import java.time.Instant;
import java.util.UUID;
import org.rjhub.contracts.hub.CaseNote;

/**
 * A note as {@code POST /cases/{caseId}/notes} takes it: {@code {"noteId": "...", "text": "..."}}. The text is
 * required, not blank, at most {@value #MAX_NOTE} characters (trailing and leading white space taken off); the id is
 * optional (a client's own id makes a second submit harmless; else a random UUID).
 */
public record NoteRequest(String noteId, String text) {

    /** The longest note taken, in characters. */
    public static final int MAX_NOTE = 2000;

    /** The note for the topic, written by {@code author} at {@code now}; refused with the field named when wrong. */
    CaseNote toCaseNote(String caseId, String author, Instant now) {
        if (text == null || text.isBlank()) {
            throw new FieldProblem("text", "is required: write the note");
        }
        String trimmed = text.strip();
        if (trimmed.length() > MAX_NOTE) {
            throw new FieldProblem(
                    "text", "must be at most " + MAX_NOTE + " characters (it has " + trimmed.length() + ")");
        }
        if (noteId != null && !noteId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new FieldProblem("noteId", "must be 1 to 64 letters, digits or '-'");
        }
        return CaseNote.newBuilder()
                .setNoteId(noteId == null ? UUID.randomUUID().toString() : noteId)
                .setCaseId(caseId)
                .setAuthor(author)
                .setText(trimmed)
                .setWrittenAt(now)
                .build();
    }
}
