package org.rjhub.matching;

import java.time.LocalDate;

/** Synthetic people for the tests; no real person's data. */
final class People {

    private People() {}

    /** A complete record: forename, surname, date of birth, UK postcode and address. */
    static PersonRecord person(String id, String given, String surname, String dob, String postcode, String address) {
        return PersonRecord.normalised(
                id, given, surname, dob == null ? null : LocalDate.parse(dob), postcode, address);
    }

    static PersonRecord amara() {
        return person("a-1", "Amara", "Pennywhistle", "1984-03-17", "CM20 1AB", "12 Larkspur Road Harlow");
    }

    /** The same person as {@link #amara()} as another agency recorded her. */
    static PersonRecord amaraAgain() {
        return person("b-1", "amara", "PENNYWHISTLE", "1984-03-17", "cm201ab", "12 larkspur rd, harlow");
    }

    static PersonRecord tobin() {
        return person("c-1", "Tobin", "Marchbank", "1979-11-02", "SS1 2QT", "4 Quarry Lane Southend");
    }
}
