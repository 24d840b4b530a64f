package org.rjhub.agencies.json;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An agency JSON file does not match the agency's contract. The message lists every problem found, one a
 * line, each naming the record (0-based index in the file's array, and its referral id when it has one) and
 * the field path in the agency's own field names, e.g.
 * {@code record 3 (referralId PR-2026-000123): field victims[0].dateOfBirth: expected a date YYYY-MM-DD, got "31/02/1990"}.
 *
 * <p>The messages quote the offending values so that the sender can find them: they are meant for the sender
 * of the file, not for logs.
 */
public class AgencyJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** At most this many problems are collected from one file. */
    static final int MAX_PROBLEMS = 100;

    /** What kind of mismatch a problem is. */
    public enum Reason {
        /** The text is not JSON at all. */
        NOT_JSON,
        /** The top level or a record is not shaped as expected (e.g. not an array of objects). */
        BAD_STRUCTURE,
        /** A field the contract does not know. */
        UNKNOWN_FIELD,
        /** A required field (no default) is absent. */
        MISSING_FIELD,
        /** A null where the contract does not allow one. */
        NULL_NOT_ALLOWED,
        /** A value of the wrong JSON type, or out of range. */
        WRONG_TYPE,
        /** A text that is not one of the enum's symbols. */
        BAD_ENUM_SYMBOL,
        /** A text that is not a date YYYY-MM-DD. */
        BAD_DATE,
        /** A text that is not an ISO-8601 timestamp. */
        BAD_TIMESTAMP
    }

    /**
     * One mismatch.
     *
     * @param recordIndex 0-based index of the record in the file, or -1 for the file as a whole
     * @param recordId    the record's referral id, or null when it has none (or it is unreadable)
     * @param idField     the name of the id field, e.g. {@code referralId}
     * @param fieldPath   path of the field, e.g. {@code victims[0].dateOfBirth}; empty for the record itself
     * @param reason      the kind of mismatch
     * @param detail      what was expected and what was found
     */
    public record Problem(
            int recordIndex, String recordId, String idField, String fieldPath, Reason reason, String detail) {

        public Problem {
            Objects.requireNonNull(fieldPath, "fieldPath");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            var text = new StringBuilder();
            if (recordIndex >= 0) {
                text.append("record ").append(recordIndex);
                if (recordId != null) {
                    text.append(" (")
                            .append(idField)
                            .append(' ')
                            .append(recordId)
                            .append(')');
                }
                text.append(": ");
            }
            if (!fieldPath.isEmpty()) {
                text.append("field ").append(fieldPath).append(": ");
            }
            return text.append(detail).toString();
        }
    }

    private final transient List<Problem> problems;

    public AgencyJsonException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order (at most {@value #MAX_PROBLEMS}). */
    public List<Problem> problems() {
        return problems;
    }

    /** The first problem. */
    public Problem first() {
        return problems.get(0);
    }
}
