package org.rjhub.matching;

/** The level reached by each comparison for one pair of records. */
public record PairLevels(
        ComparisonLevel.Name forename,
        ComparisonLevel.Name surname,
        ComparisonLevel.Date dateOfBirth,
        ComparisonLevel.Postcode postcode,
        ComparisonLevel.Address address) {

    public static PairLevels compare(PersonRecord a, PersonRecord b) {
        return compare(PreparedPerson.of(a), PreparedPerson.of(b));
    }

    public static PairLevels compare(PreparedPerson a, PreparedPerson b) {
        ComparisonLevel.Name[] names = Comparisons.names(a.person(), b.person());
        return new PairLevels(
                names[0],
                names[1],
                Comparisons.dateOfBirth(
                        a.person().dateOfBirth(), a.dateDigits, b.person().dateOfBirth(), b.dateDigits),
                Comparisons.postcode(a.postcode, b.postcode),
                Comparisons.address(a.address, b.address));
    }

    public ComparisonLevel get(Comparison comparison) {
        return switch (comparison) {
            case FORENAME -> forename;
            case SURNAME -> surname;
            case DATE_OF_BIRTH -> dateOfBirth;
            case POSTCODE -> postcode;
            case ADDRESS -> address;
        };
    }
}
