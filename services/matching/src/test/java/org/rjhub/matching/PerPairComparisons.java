package org.rjhub.matching;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The comparisons as computed before {@link PreparedPerson}: everything of both records worked out again for each pair
 * (postcodes parsed by regular expression, addresses split and sorted, dates formatted). Kept only as the reference
 * that {@link PreparedPersonTest} checks the prepared path against, and that {@link PreparedPersonBench} times. What
 * this change left as it was (Jaro-Winkler, a name's level, one character edit) is called in {@link Comparisons}.
 */
final class PerPairComparisons {

    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    static final double SWAPPED_NAMES_MIN_SIMILARITY = 0.92;
    static final double ADDRESS_WORD_MIN_SIMILARITY = 0.9;

    private PerPairComparisons() {}

    /** The levels of a pair, as {@code PairLevels.compare} computed them. */
    static PairLevels compare(PersonRecord a, PersonRecord b) {
        ComparisonLevel.Name[] names = names(a, b);
        return new PairLevels(
                names[0],
                names[1],
                dateOfBirth(a.dateOfBirth(), b.dateOfBirth()),
                postcode(a.postcode(), b.postcode()),
                address(a.addressLine(), b.addressLine()));
    }

    /** Forename and surname levels, decided together because of the swapped-names level. */
    static ComparisonLevel.Name[] names(PersonRecord a, PersonRecord b) {
        if (namesSwapped(a, b)) {
            return new ComparisonLevel.Name[] {ComparisonLevel.Name.SWAPPED, ComparisonLevel.Name.SWAPPED};
        }
        return new ComparisonLevel.Name[] {
            Comparisons.name(a.givenName(), b.givenName()), Comparisons.name(a.surname(), b.surname())
        };
    }

    /**
     * Forename and surname swapped: each crosses over at Jaro-Winkler >= 0.92, and the crossed
     * names agree better than the names in place (so "ann ann" never counts as swapped).
     */
    static boolean namesSwapped(PersonRecord a, PersonRecord b) {
        if (a.givenName() == null || a.surname() == null || b.givenName() == null || b.surname() == null) {
            return false;
        }
        double crossed = Math.min(
                Comparisons.jaroWinkler(a.givenName(), b.surname()),
                Comparisons.jaroWinkler(a.surname(), b.givenName()));
        if (crossed < SWAPPED_NAMES_MIN_SIMILARITY) {
            return false;
        }
        double inPlace = Math.min(
                Comparisons.jaroWinkler(a.givenName(), b.givenName()),
                Comparisons.jaroWinkler(a.surname(), b.surname()));
        return crossed > inPlace;
    }

    static ComparisonLevel.Date dateOfBirth(LocalDate a, LocalDate b) {
        if (a == null || b == null) {
            return ComparisonLevel.Date.NULL;
        }
        if (a.equals(b)) {
            return ComparisonLevel.Date.EXACT;
        }
        if (Comparisons.oneCharacterEdit(a.format(BASIC_DATE), b.format(BASIC_DATE)) || dayMonthTransposed(a, b)) {
            return ComparisonLevel.Date.ONE_EDIT;
        }
        long days = Math.abs(ChronoUnit.DAYS.between(a, b));
        if (days <= 31) {
            return ComparisonLevel.Date.WITHIN_MONTH;
        }
        if (days <= 366) {
            return ComparisonLevel.Date.WITHIN_YEAR;
        }
        return ComparisonLevel.Date.ELSE;
    }

    private static boolean dayMonthTransposed(LocalDate a, LocalDate b) {
        return a.getYear() == b.getYear()
                && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue();
    }

    static ComparisonLevel.Postcode postcode(String a, String b) {
        if (a == null || b == null) {
            return ComparisonLevel.Postcode.NULL;
        }
        if (a.equals(b)) {
            return ComparisonLevel.Postcode.FULL;
        }
        Optional<UkPostcode> ukA = UkPostcode.parse(a);
        Optional<UkPostcode> ukB = UkPostcode.parse(b);
        if (ukA.isEmpty() || ukB.isEmpty()) {
            return ComparisonLevel.Postcode.ELSE;
        }
        UkPostcode x = ukA.get();
        UkPostcode y = ukB.get();
        if (x.sector() != null && x.sector().equals(y.sector())) {
            return ComparisonLevel.Postcode.SECTOR;
        }
        if (x.district().equals(y.district())) {
            return ComparisonLevel.Postcode.DISTRICT;
        }
        if (x.area().equals(y.area())) {
            return ComparisonLevel.Postcode.AREA;
        }
        return ComparisonLevel.Postcode.ELSE;
    }

    static ComparisonLevel.Address address(String a, String b) {
        if (a == null || b == null) {
            return ComparisonLevel.Address.NULL;
        }
        // a fixed argument order keeps the greedy word pairing symmetric
        String[] wordsA = sortedWords(a.compareTo(b) <= 0 ? a : b);
        String[] wordsB = sortedWords(a.compareTo(b) <= 0 ? b : a);
        if (Arrays.equals(wordsA, wordsB)) {
            return ComparisonLevel.Address.EXACT;
        }
        double share = agreeingWordShare(wordsA, wordsB);
        if (share >= 0.8) {
            return ComparisonLevel.Address.WORDS_80;
        }
        if (share >= 0.6) {
            return ComparisonLevel.Address.WORDS_60;
        }
        if (share >= 0.4) {
            return ComparisonLevel.Address.WORDS_40;
        }
        return ComparisonLevel.Address.ELSE;
    }

    private static String[] sortedWords(String text) {
        String[] words = text.split(" ");
        Arrays.sort(words);
        return words;
    }

    /**
     * Dice coefficient over words, a word of the shorter list pairing with at most one agreeing word
     * of the other; pairs are taken best first, so the result does not depend on argument order.
     */
    static double agreeingWordShare(String[] a, String[] b) {
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double similarity = wordSimilarity(a[i], b[j]);
                if (similarity >= ADDRESS_WORD_MIN_SIMILARITY) {
                    candidates.add(new double[] {similarity, i, j});
                }
            }
        }
        candidates.sort((x, y) -> Double.compare(y[0], x[0]));
        boolean[] usedA = new boolean[a.length];
        boolean[] usedB = new boolean[b.length];
        int agreeing = 0;
        for (double[] candidate : candidates) {
            int i = (int) candidate[1];
            int j = (int) candidate[2];
            if (!usedA[i] && !usedB[j]) {
                usedA[i] = true;
                usedB[j] = true;
                agreeing++;
            }
        }
        return 2.0 * agreeing / (a.length + b.length);
    }

    private static double wordSimilarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (isNumber(a) || isNumber(b)) {
            return 0.0;
        }
        return Comparisons.jaroWinkler(a, b);
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
