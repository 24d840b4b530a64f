package org.rjhub.matching;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a UK postcode the matcher compares: {@code CM20 1AB} has area {@code CM}, district
 * {@code CM20}, sector {@code CM20 1} and unit {@code CM20 1AB}. An outward code alone
 * ({@code CM20}) is accepted, with no sector or unit.
 */
record UkPostcode(String outward, String inward) {

    // area: 1-2 letters; district: area + digit + optional letter or digit; inward: digit + 2 letters
    private static final Pattern FULL = Pattern.compile("([A-Z]{1,2}[0-9][A-Z0-9]?)\\s?([0-9][A-Z]{2})");
    private static final Pattern OUTWARD_ONLY = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");
    private static final Pattern AREA = Pattern.compile("[A-Z]{1,2}");

    /** Parses an upper-case postcode with or without its space. */
    static Optional<UkPostcode> parse(String postcode) {
        if (postcode == null) {
            return Optional.empty();
        }
        Matcher full = FULL.matcher(postcode);
        if (full.matches()) {
            return Optional.of(new UkPostcode(full.group(1), full.group(2)));
        }
        if (OUTWARD_ONLY.matcher(postcode).matches()) {
            return Optional.of(new UkPostcode(postcode, null));
        }
        return Optional.empty();
    }

    String area() {
        Matcher area = AREA.matcher(outward);
        return area.lookingAt() ? area.group() : outward;
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
