package org.rjhub.matching;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link PersonRecord} prepared for comparison: what each comparison needs of one side (the postcode's UK parts, the
 * address's words sorted, the date of birth as digits) worked out once per person rather than once per pair, so that
 * comparing a pair runs no regular expression, split or sort. Prepare a person once and score it against many
 * ({@link PersonMatcher#score(PreparedPerson, PreparedPerson)}). Immutable, so it may be kept as long as its record and
 * shared between threads.
 */
public final class PreparedPerson {

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final PersonRecord person;
    final String dateDigits;
    final Postcode postcode;
    final Address address;

    private PreparedPerson(PersonRecord person) {
        this.person = person;
        this.dateDigits = dateDigits(person.dateOfBirth());
        this.postcode = Postcode.of(person.postcode());
        this.address = Address.of(person.addressLine());
    }

    public static PreparedPerson of(PersonRecord person) {
        return new PreparedPerson(Objects.requireNonNull(person, "person"));
    }

    public PersonRecord person() {
        return person;
    }

    /** The date as {@code yyyyMMdd}, what the one-character-edit level compares; {@code null} when unknown. */
    static String dateDigits(LocalDate date) {
        if (date == null) {
            return null;
        }
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return date.format(BASIC_DATE); // a sign, or more than four digits
        }
        // what the formatter gives, written out: formatting was a fifth of preparing a person
        char[] digits = new char[8];
        write(digits, 0, year, 4);
        write(digits, 4, date.getMonthValue(), 2);
        write(digits, 6, date.getDayOfMonth(), 2);
        return new String(digits);
    }

    /** Writes {@code value} as {@code width} decimal digits, zeros in front, into {@code to} from {@code at}. */
    private static void write(char[] to, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            to[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The id only, like {@link PersonRecord#toString()}: the values are personal data. */
    @Override
    public String toString() {
        return "PreparedPerson[id=" + person.id() + "]";
    }

    /** A known postcode and, when it is a UK one, its parts ({@link UkPostcode}). */
    static final class Postcode {

        final String text;
        final boolean uk;
        final String area;
        final String district;
        /** {@code null} when not UK or only the outward code is known. */
        final String sector;

        private Postcode(String text, Optional<UkPostcode> uk) {
            this.text = text;
            this.uk = uk.isPresent();
            this.area = uk.map(UkPostcode::area).orElse(null);
            this.district = uk.map(UkPostcode::district).orElse(null);
            this.sector = uk.map(UkPostcode::sector).orElse(null);
        }

        /** {@code null} when the postcode is unknown. */
        static Postcode of(String text) {
            return text == null ? null : new Postcode(text, UkPostcode.parse(text));
        }
    }

    /** A known address line as its words sorted, and which of them are numbers. */
    static final class Address {

        final String text;
        final String[] sortedWords;
        final boolean[] numbers;

        private Address(String text) {
            this.text = text;
            this.sortedWords = text.split(" ");
            Arrays.sort(sortedWords);
            this.numbers = new boolean[sortedWords.length];
            for (int i = 0; i < sortedWords.length; i++) {
                numbers[i] = isNumber(sortedWords[i]);
            }
        }

        /** {@code null} when the address is unknown. */
        static Address of(String text) {
            return text == null ? null : new Address(text);
        }

        private static boolean isNumber(String word) {
            for (int i = 0; i < word.length(); i++) {
                if (!Character.isDigit(word.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }
}
