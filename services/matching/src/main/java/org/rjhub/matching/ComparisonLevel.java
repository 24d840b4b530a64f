package org.rjhub.matching;

/**
 * One level of one comparison, as in Splink: the first level whose condition holds decides the
 * comparison's contribution to the match weight. {@code NULL} is present in every comparison and
 * is neutral (weight 0): a value missing on either side is no evidence either way.
 */
public sealed interface ComparisonLevel
        permits ComparisonLevel.Name, ComparisonLevel.Date, ComparisonLevel.Postcode, ComparisonLevel.Address {

    /** Whether this is the neutral level used when either value is missing. */
    boolean isNull();

    /** Forename and surname levels (each name compared separately, Jaro-Winkler). */
    enum Name implements ComparisonLevel {
        NULL,
        EXACT,
        /** Forename of one equals the surname of the other and vice versa (both at JW >= 0.92). */
        SWAPPED,
        JARO_WINKLER_92,
        JARO_WINKLER_88,
        JARO_WINKLER_70,
        ELSE;

        @Override
        public boolean isNull() {
            return this == NULL;
        }
    }

    /** Date of birth levels. */
    enum Date implements ComparisonLevel {
        NULL,
        EXACT,
        /**
         * One character edit of {@code yyyyMMdd} (a substitution or an adjacent transposition), or
         * day and month transposed.
         */
        ONE_EDIT,
        WITHIN_MONTH,
        WITHIN_YEAR,
        ELSE;

        @Override
        public boolean isNull() {
            return this == NULL;
        }
    }

    /**
     * Postcode levels. UK postcodes go down to sector, district and area; other postcodes are
     * either {@code FULL} or {@code ELSE}.
     */
    enum Postcode implements ComparisonLevel {
        NULL,
        FULL,
        SECTOR,
        DISTRICT,
        AREA,
        ELSE;

        @Override
        public boolean isNull() {
            return this == NULL;
        }
    }

    /**
     * Address-line levels, on the words of the address in any order (so a flat name and a street
     * given the other way round still agree): the share of words that agree, a word agreeing when
     * equal or, for non-numbers, at Jaro-Winkler >= 0.9.
     */
    enum Address implements ComparisonLevel {
        NULL,
        EXACT,
        WORDS_80,
        WORDS_60,
        WORDS_40,
        ELSE;

        @Override
        public boolean isNull() {
            return this == NULL;
        }
    }
}
