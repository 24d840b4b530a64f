package org.rjhub.cli;

/** Input the user can fix (a bad file, a wrong option); reported without a stack trace, exit code 2. */
public final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
