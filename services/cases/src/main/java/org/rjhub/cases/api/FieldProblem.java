package org.rjhub.cases.api;

/**
 * A request the API refuses because of one field: missing, not one of its values, too long, or out of range. The
 * message starts with the field's name; the API answers 400 with a problem body naming {@link #field()}.
 */
public final class FieldProblem extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** How much of a refused value a message repeats: a hostile megabyte is not echoed back. */
    static final int ECHOED_CHARS = 40;

    private final String field;

    FieldProblem(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    FieldProblem(String field, String problem, Throwable cause) {
        super(field + " " + problem, cause);
        this.field = field;
    }

    /** The field's path in the request, e.g. {@code occurredAt}, {@code actions[0].dueDate}, {@code X-Actor}. */
    public String field() {
        return field;
    }

    /** A value as a message may quote it: at most {@value #ECHOED_CHARS} characters. */
    static String quote(String value) {
        return value.length() <= ECHOED_CHARS
                ? value
                : value.substring(0, ECHOED_CHARS) + "... (" + value.length() + " characters)";
    }
}
