package org.rjhub.cases.lifecycle;

/**
 * A case event that does not fit its case's state. The processing-error handler dead-letters the
 * event and answers the sender REFUSED with the rule and the message; the case does not change.
 */
public final class CaseEventRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RefusalRule rule;

    public CaseEventRefusedException(RefusalRule rule, String problem) {
        super(problem + ": " + rule.fix());
        this.rule = rule;
    }

    public RefusalRule rule() {
        return rule;
    }

    /** The reason as the sender reads it. */
    public String reason() {
        return getMessage();
    }
}
