package org.rjhub.matching;

/** The comparisons the matcher makes between two {@link PersonRecord}s. */
public enum Comparison {
    FORENAME,
    SURNAME,
    DATE_OF_BIRTH,
    POSTCODE,
    ADDRESS
}
