package org.rjhub.router.intake;

/** The rules an incoming referral must pass; each names what the agency must fix. */
public enum ValidationRule {
    /** The record could not be read with the agency's registered schema. */
    UNREADABLE_RECORD("resend the referral in the registered Avro schema of the topic"),
    /** A required text field is empty. */
    REQUIRED_FIELD_EMPTY("fill in the field"),
    /** A date of birth lies after the referral was submitted. */
    DATE_OF_BIRTH_IN_FUTURE("correct the date of birth"),
    /** The incident date lies after the referral was submitted. */
    INCIDENT_DATE_IN_FUTURE("correct the incident date"),
    /** A postcode is not a UK postcode (outward code, space, inward code, e.g. CM20 1AB). */
    POSTCODE_SYNTAX("give a full UK postcode such as CM20 1AB"),
    /** The district is not one the service covers. */
    DISTRICT_NOT_IN_ESSEX("give the Essex district or unitary authority where the incident happened"),
    /** The referral names nobody the service could contact. */
    NO_PARTIES("name at least one victim or offender"),
    /** Processing failed for a reason that is not the agency's: the hub's operators investigate. */
    INTERNAL_ERROR("no action needed: the hub's operators have been told");

    private final String fix;

    ValidationRule(String fix) {
        this.fix = fix;
    }

    /** What the sender should do, in words an agency's caseworker acts on. */
    public String fix() {
        return fix;
    }
}
