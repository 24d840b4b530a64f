package org.rjhub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The postcode parser reads what the regular expressions it replaced matched ({@link #byPatterns}, kept here as the
 * reference), part for part, over every postcode of the FEBRL sets and the UK variants and over random strings made of
 * the characters that decide it; and a date's digits are what {@link DateTimeFormatter#BASIC_ISO_DATE} writes.
 */
class UkPostcodeTest {

    private static final Pattern FULL = Pattern.compile("([A-Z]{1,2}[0-9][A-Z0-9]?)\\s?([0-9][A-Z]{2})");
    private static final Pattern OUTWARD_ONLY = Pattern.compile("[A-Z]{1,2}[0-9][A-Z0-9]?");
    private static final Pattern AREA = Pattern.compile("[A-Z]{1,2}");

    /** The parser as it was, with its regular expressions: outward code, inward code and area, or empty. */
    private static Optional<List<String>> byPatterns(String postcode) {
        Matcher full = FULL.matcher(postcode);
        String outward;
        String inward = null;
        if (full.matches()) {
            outward = full.group(1);
            inward = full.group(2);
        } else if (OUTWARD_ONLY.matcher(postcode).matches()) {
            outward = postcode;
        } else {
            return Optional.empty();
        }
        Matcher area = AREA.matcher(outward);
        List<String> parts = new ArrayList<>();
        parts.add(outward);
        parts.add(inward);
        parts.add(area.lookingAt() ? area.group() : outward);
        return Optional.of(parts);
    }

    private static Optional<List<String>> parsed(String postcode) {
        return UkPostcode.parse(postcode).map(p -> {
            List<String> parts = new ArrayList<>();
            parts.add(p.outward());
            parts.add(p.inward());
            parts.add(p.area());
            return parts;
        });
    }

    @Test
    void shouldParseTheCorporaPostcodesAsTheRegularExpressionsDid() {
        List<PersonRecord> records = new ArrayList<>(PairCorpus.febrl("dataset1.csv"));
        records.addAll(PairCorpus.febrl("dataset2.csv"));
        records.addAll(PairCorpus.ukVariants(17, 1_500));
        int uk = 0;
        for (PersonRecord r : records) {
            if (r.postcode() != null) {
                assertThat(parsed(r.postcode())).as(r.postcode()).isEqualTo(byPatterns(r.postcode()));
                uk += byPatterns(r.postcode()).isPresent() ? 1 : 0;
            }
        }
        assertThat(uk).as("UK postcodes among them").isGreaterThan(1_000);
    }

    @Test
    void shouldParseRandomStringsAsTheRegularExpressionsDid() {
        // the characters the patterns tell apart: letters, digits, the whitespace \s takes, and others
        String alphabet = "ABCMSZ019 \t\n\u000B\f\r\u00A0a-É";
        SplittableRandom random = new SplittableRandom(2026);
        int accepted = 0;
        int full = 0;
        for (int i = 0; i < 400_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(10);
            for (int j = 0; j < length; j++) {
                // mostly letters and digits in postcode order, so that many strings are (nearly) postcodes
                s.append(
                        random.nextInt(3) == 0
                                ? alphabet.charAt(random.nextInt(alphabet.length()))
                                : (j == length - 3 || j == 1 && random.nextBoolean())
                                        ? (char) ('0' + random.nextInt(10))
                                        : (char) ('A' + random.nextInt(26)));
            }
            String postcode = s.toString();
            Optional<List<String>> expected = byPatterns(postcode);
            assertThat(parsed(postcode)).as("[%s]", postcode).isEqualTo(expected);
            accepted += expected.isPresent() ? 1 : 0;
            full += expected.isPresent() && expected.get().get(1) != null ? 1 : 0;
        }
        assertThat(accepted).as("strings parsed").isGreaterThan(1_000);
        assertThat(full).as("strings parsed with an inward code").isGreaterThan(100);
    }

    @Test
    void shouldWriteTheDigitsOfADateAsTheBasicIsoFormatDoes() {
        SplittableRandom random = new SplittableRandom(17);
        List<LocalDate> dates = new ArrayList<>(List.of(
                LocalDate.of(0, 1, 1),
                LocalDate.of(9, 12, 31),
                LocalDate.of(1900, 2, 28),
                LocalDate.of(2000, 2, 29),
                LocalDate.of(9999, 12, 31),
                LocalDate.of(10_000, 1, 1),
                LocalDate.of(-1, 6, 15)));
        for (int i = 0; i < 20_000; i++) {
            dates.add(LocalDate.ofEpochDay(random.nextLong(-800_000, 800_000)));
        }
        int printed = 0;
        for (LocalDate date : dates) {
            String expected = basicIso(date);
            assertThat(basicIsoOr(() -> PreparedPerson.dateDigits(date)))
                    .as(date.toString())
                    .isEqualTo(expected);
            printed += expected.startsWith("refused") ? 0 : 1;
        }
        assertThat(printed).isGreaterThan(10_000);
        assertThat(PreparedPerson.dateDigits(null)).isNull();
    }

    /** The date as the formatter prints it, or the formatter's refusal (a year past 9999 or before 0). */
    private static String basicIso(LocalDate date) {
        return basicIsoOr(() -> date.format(DateTimeFormatter.BASIC_ISO_DATE));
    }

    private static String basicIsoOr(Supplier<String> print) {
        try {
            return print.get();
        } catch (DateTimeException e) {
            return "refused: " + e.getMessage();
        }
    }
}
