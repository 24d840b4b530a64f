package org.rjhub.router.intake;

import org.rjhub.common.errors.RecordFault;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * A referral that breaks a validation rule. The message names the rule and the field in the
 * agency's own field names; it never holds a personal value. It depends only on the record, so it is never
 * retried ({@link RecordFault}).
 */
public final class InvalidReferralException extends RuntimeException implements RecordFault {

    private static final long serialVersionUID = 1L;

    private final ValidationRule rule;
    private final String field;
    private final SourceAgency agency;
    private final String agencyReferralId;

    public InvalidReferralException(
            ValidationRule rule, String field, SourceAgency agency, String agencyReferralId, String problem) {
        super(problem + " (field " + field + ", rule " + rule + "): " + rule.fix());
        this.rule = rule;
        this.field = field;
        this.agency = agency;
        this.agencyReferralId = agencyReferralId;
    }

    public ValidationRule rule() {
        return rule;
    }

    public String field() {
        return field;
    }

    public SourceAgency agency() {
        return agency;
    }

    public String agencyReferralId() {
        return agencyReferralId;
    }
}
