package org.rjhub.common.access;

/** The access file is malformed: the message names the principal and the entry. */
public final class AccessFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AccessFileException(String message) {
        super(message);
    }
}
