package org.rjhub.simulator;

/** The validation rules the simulator's invalid records break, one per invalid record. */
public enum InvalidRule {
    /** A party's date of birth is after the referral was submitted. */
    DATE_OF_BIRTH_IN_FUTURE,
    /** The incident date is after the referral was submitted. */
    INCIDENT_DATE_IN_FUTURE,
    /** A postcode is not a syntactically valid UK postcode. */
    POSTCODE_SYNTAX,
    /** The district is not one of the fourteen Essex districts and unitary authorities. */
    DISTRICT_NOT_IN_ESSEX,
    /** A required text field (e.g. a surname) is empty or blank. */
    REQUIRED_FIELD_EMPTY
}
