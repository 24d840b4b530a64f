package org.rjhub.matching;

import java.util.Optional;

/**
 * The parts of a UK postcode the matcher compares: {@code CM20 1AB} has area {@code CM}, district
 * {@code CM20}, sector {@code CM20 1} and unit {@code CM20 1AB}. An outward code alone
 * ({@code CM20}) is accepted, with no sector or unit.
 */
record UkPostcode(String outward, String inward) {

    /**
     * Parses an upper-case postcode with or without its space: the whole of it must be an outward code ({@code A9},
     * {@code A9A}, {@code A99}, {@code AA9}, {@code AA9A}, {@code AA99}: one or two letters, a digit, and a letter or
     * digit or nothing), optionally one whitespace character, and an inward code (a digit and two letters); or an
     * outward code alone. Read character by character, without a regular expression: the router prepares every
     * candidate it reads from its store ({@link PreparedPerson}), and matching the patterns was most of that.
     */
    static Optional<UkPostcode> parse(String postcode) {
        if (postcode == null) {
            return Optional.empty();
        }
        int n = postcode.length();
        if (n >= 5 && isInward(postcode, n - 3)) {
            int outwardEnd = isSpace(postcode.charAt(n - 4)) ? n - 4 : n - 3;
            if (isOutward(postcode, outwardEnd)) {
                return Optional.of(new UkPostcode(postcode.substring(0, outwardEnd), postcode.substring(n - 3)));
            }
        }
        if (isOutward(postcode, n)) {
            return Optional.of(new UkPostcode(postcode, null));
        }
        return Optional.empty();
    }

    /** The postcode area: the outward code's one or two letters. */
    String area() {
        return isLetter(outward.charAt(1)) ? outward.substring(0, 2) : outward.substring(0, 1);
    }

    /** Whether {@code s}'s first {@code end} characters are an outward code. */
    private static boolean isOutward(String s, int end) {
        if (end < 2 || end > 4 || !isLetter(s.charAt(0))) {
            return false;
        }
        int digit = isLetter(s.charAt(1)) ? 2 : 1;
        if (digit >= end || !isDigit(s.charAt(digit))) {
            return false;
        }
        int rest = end - digit - 1;
        return rest == 0 || (rest == 1 && (isLetter(s.charAt(end - 1)) || isDigit(s.charAt(end - 1))));
    }

    /** Whether the three characters of {@code s} from {@code at} on are an inward code. */
    private static boolean isInward(String s, int at) {
        return isDigit(s.charAt(at)) && isLetter(s.charAt(at + 1)) && isLetter(s.charAt(at + 2));
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The regular expressions' {@code \s}: a space, tab, line feed, vertical tab, form feed or carriage return. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    String district() {
        return outward;
    }

    /** {@code null} when only the outward code is known. */
    String sector() {
        return inward == null ? null : outward + " " + inward.charAt(0);
    }

    @Override
    public String toString() {
        return inward == null ? outward : outward + " " + inward;
    }
}
