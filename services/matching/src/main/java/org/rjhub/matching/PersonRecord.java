package org.rjhub.matching;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person as named in one referral or extract, in the normalised form the matcher compares.
 *
 * <p>Build it with {@link #normalised}; the canonical constructor only checks the id and turns
 * blank strings into {@code null}, it does not clean values. Every field but the id may be
 * {@code null} (unknown), and an unknown value is neutral evidence, never a disagreement.
 *
 * @param id          the source system's record id; used for identity only, never for matching
 * @param givenName   lower case, punctuation removed, single spaces
 * @param surname     as {@code givenName}
 * @param dateOfBirth the date of birth, if known and valid
 * @param postcode    a UK postcode as {@code "OUTWARD INWARD"} (e.g. {@code "CM20 1AB"}), a UK
 *                    outward code alone (e.g. {@code "CM20"}), or any other postcode as upper-case
 *                    letters and digits (e.g. the Australian {@code "4011"})
 * @param addressLine lower case words of the address (house number, street, locality), any order
 */
public record PersonRecord(
        String id, String givenName, String surname, LocalDate dateOfBirth, String postcode, String addressLine) {

    private static final Pattern NOT_LETTER_DIGIT_OR_SPACE = Pattern.compile("[^\\p{L}\\p{N}\\s]+");
    private static final Pattern APOSTROPHES = Pattern.compile("['\u2019`]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^A-Z0-9]");

    public PersonRecord {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        givenName = blankToNull(givenName);
        surname = blankToNull(surname);
        postcode = blankToNull(postcode);
        addressLine = blankToNull(addressLine);
    }

    /**
     * Cleans raw values: lower case, trimmed, apostrophes dropped ({@code o'brien -> obrien}),
     * other punctuation turned into spaces ({@code smith-jones -> smith jones}), whitespace
     * collapsed; postcodes as described on the record. Blank values become {@code null}.
     */
    public static PersonRecord normalised(
            String id, String givenName, String surname, LocalDate dateOfBirth, String postcode, String addressLine) {
        return new PersonRecord(
                Objects.requireNonNull(id, "id").strip(),
                normaliseText(givenName),
                normaliseText(surname),
                dateOfBirth,
                normalisePostcode(postcode),
                normaliseText(addressLine));
    }

    /** Lower case, no punctuation, single spaces; {@code null} when nothing is left. */
    static String normaliseText(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.toLowerCase(Locale.ROOT);
        text = APOSTROPHES.matcher(text).replaceAll("");
        text = NOT_LETTER_DIGIT_OR_SPACE.matcher(text).replaceAll(" ");
        text = WHITESPACE.matcher(text).replaceAll(" ").strip();
        return text.isEmpty() ? null : text;
    }

    /**
     * A UK postcode as {@code "OUTWARD INWARD"}, whatever its spacing and case; anything else
     * (a foreign postcode, a fragment) as its upper-case letters and digits.
     */
    static String normalisePostcode(String raw) {
        if (raw == null) {
            return null;
        }
        String compact =
                NOT_LETTER_OR_DIGIT.matcher(raw.toUpperCase(Locale.ROOT)).replaceAll("");
        if (compact.isEmpty()) {
            return null;
        }
        return UkPostcode.parse(compact).map(UkPostcode::toString).orElse(compact);
    }

    /** The id and which fields are known; never the values, which are personal data. */
    @Override
    public String toString() {
        return "PersonRecord[id=" + id
                + known(", givenName", givenName)
                + known(", surname", surname)
                + known(", dateOfBirth", dateOfBirth)
                + known(", postcode", postcode)
                + known(", addressLine", addressLine)
                + "]";
    }

    private static String known(String name, Object value) {
        return name + (value == null ? "=null" : "=(redacted)");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
