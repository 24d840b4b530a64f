package org.rjhub.linker;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Input the user can fix: a missing or unreadable file, an unknown extension, a CSV without an id column, an agency
 * file that does not match its contract, a decision naming an unknown record. {@link LinkCommand} reports it as one
 * line and exit code 2, never as a stack trace. Messages name files, lines, fields and record ids, never a person's
 * name, date of birth or address.
 */
public final class LinkInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the input. */
    public enum Reason {
        /** A named file does not exist or is not a regular file. */
        NO_SUCH_FILE,
        /** A file exists but cannot be read, or the output cannot be written. */
        IO_ERROR,
        /** A file is neither {@code .csv} nor {@code .json}. */
        UNKNOWN_EXTENSION,
        /** Person extracts and agency files given together: their outputs differ. */
        MIXED_INPUTS,
        /** A CSV file is empty or not well formed (an unclosed quote, more values than columns, no record id). */
        BAD_CSV,
        /** A CSV header has no column that names the record id. */
        NO_ID_COLUMN,
        /** Two records share an id. */
        DUPLICATE_ID,
        /** An agency file is not JSON, or does not match the agency's contract. */
        BAD_JSON,
        /** The agency of a JSON file cannot be told from its fields, or its records are of several agencies. */
        UNKNOWN_AGENCY,
        /** A {@code --keep-apart} or {@code --link} decision names an unknown record, or contradicts another. */
        BAD_DECISION,
        /** {@code --truth febrl} with record ids that are not FEBRL ids, or with agency files. */
        BAD_TRUTH
    }

    private final Reason reason;

    public LinkInputException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public LinkInputException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    /** A file that could not be read or written, e.g. {@code cannot write out/x.csv: its directory does not exist}. */
    static LinkInputException io(String action, Path file, IOException e) {
        String why = e instanceof NoSuchFileException
                ? (action.equals("read") ? "no such file" : "its directory does not exist")
                : e instanceof AccessDeniedException ? "permission denied" : e.getMessage();
        return new LinkInputException(Reason.IO_ERROR, "cannot " + action + " " + file + ": " + why, e);
    }
}
