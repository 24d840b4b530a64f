package org.rjhub.dlq;

/**
 * Something the operator can fix: an unknown dead letter, a bad option value, an edit file that does not
 * match the agency's contract. {@code hub dlq} prints the message without a stack trace and exits 2.
 */
public final class DlqException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DlqException(String message) {
        super(message);
    }

    public DlqException(String message, Throwable cause) {
        super(message, cause);
    }
}
