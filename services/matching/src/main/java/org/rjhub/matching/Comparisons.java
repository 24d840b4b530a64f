package org.rjhub.matching;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The level of each comparison for a pair of records. Symmetric: swapping the two records never
 * changes a level (the clusterer's order independence relies on it). What depends on one record
 * only is worked out once per person ({@link PreparedPerson}); the overloads taking plain values
 * prepare them first.
 */
final class Comparisons {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN_UP_TO_1 = new LevenshteinDistance(1);

    static final double SWAPPED_NAMES_MIN_SIMILARITY = 0.92;
    static final double ADDRESS_WORD_MIN_SIMILARITY = 0.9;

    private Comparisons() {}

    /** Jaro-Winkler similarity, computed in a fixed argument order so that it is symmetric. */
    static double jaroWinkler(String a, String b) {
        return a.compareTo(b) <= 0 ? JARO_WINKLER.apply(a, b) : JARO_WINKLER.apply(b, a);
    }

    /** Forename and surname levels, decided together because of the swapped-names level. */
    static ComparisonLevel.Name[] names(PersonRecord a, PersonRecord b) {
        if (namesSwapped(a.givenName(), a.surname(), b.givenName(), b.surname())) {
            return new ComparisonLevel.Name[] {ComparisonLevel.Name.SWAPPED, ComparisonLevel.Name.SWAPPED};
        }
        return new ComparisonLevel.Name[] {name(a.givenName(), b.givenName()), name(a.surname(), b.surname())};
    }

    static ComparisonLevel.Name name(String a, String b) {
        if (a == null || b == null) {
            return ComparisonLevel.Name.NULL;
        }
        if (a.equals(b)) {
            return ComparisonLevel.Name.EXACT;
        }
        double similarity = jaroWinkler(a, b);
        if (similarity >= 0.92) {
            return ComparisonLevel.Name.JARO_WINKLER_92;
        }
        if (similarity >= 0.88) {
            return ComparisonLevel.Name.JARO_WINKLER_88;
        }
        if (similarity >= 0.7) {
            return ComparisonLevel.Name.JARO_WINKLER_70;
        }
        return ComparisonLevel.Name.ELSE;
    }

    /**
     * Forename and surname swapped: each crosses over at Jaro-Winkler >= 0.92, and the crossed
     * names agree better than the names in place (so "ann ann" never counts as swapped).
     */
    static boolean namesSwapped(String givenA, String surnameA, String givenB, String surnameB) {
        if (givenA == null || surnameA == null || givenB == null || surnameB == null) {
            return false;
        }
        // the second crossing is only worked out when the first one could be a swap
        double givenToSurname = jaroWinkler(givenA, surnameB);
        if (givenToSurname < SWAPPED_NAMES_MIN_SIMILARITY) {
            return false;
        }
        double crossed = Math.min(givenToSurname, jaroWinkler(surnameA, givenB));
        if (crossed < SWAPPED_NAMES_MIN_SIMILARITY) {
            return false;
        }
        double inPlace = Math.min(jaroWinkler(givenA, givenB), jaroWinkler(surnameA, surnameB));
        return crossed > inPlace;
    }

    static ComparisonLevel.Date dateOfBirth(LocalDate a, LocalDate b) {
        return dateOfBirth(a, PreparedPerson.dateDigits(a), b, PreparedPerson.dateDigits(b));
    }

    /** @param digitsA {@code a} as {@code yyyyMMdd} ({@link PreparedPerson#dateDigits}), likewise {@code digitsB} */
    static ComparisonLevel.Date dateOfBirth(LocalDate a, String digitsA, LocalDate b, String digitsB) {
        if (a == null || b == null) {
            return ComparisonLevel.Date.NULL;
        }
        if (a.equals(b)) {
            return ComparisonLevel.Date.EXACT;
        }
        if (oneCharacterEdit(digitsA, digitsB) || dayMonthTransposed(a, b)) {
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

    /** Levenshtein distance 1, or one transposition of adjacent characters (Damerau). */
    static boolean oneCharacterEdit(String a, String b) {
        int distance = LEVENSHTEIN_UP_TO_1.apply(a, b);
        if (distance == 1) {
            return true;
        }
        if (a.length() != b.length()) {
            return false;
        }
        int first = -1;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                first = i;
                break;
            }
        }
        return first >= 0
                && first + 1 < a.length()
                && a.charAt(first) == b.charAt(first + 1)
                && a.charAt(first + 1) == b.charAt(first)
                && a.substring(first + 2).equals(b.substring(first + 2));
    }

    private static boolean dayMonthTransposed(LocalDate a, LocalDate b) {
        return a.getYear() == b.getYear()
                && a.getMonthValue() == b.getDayOfMonth()
                && a.getDayOfMonth() == b.getMonthValue();
    }

    static ComparisonLevel.Postcode postcode(String a, String b) {
        return postcode(PreparedPerson.Postcode.of(a), PreparedPerson.Postcode.of(b));
    }

    static ComparisonLevel.Postcode postcode(PreparedPerson.Postcode a, PreparedPerson.Postcode b) {
        if (a == null || b == null) {
            return ComparisonLevel.Postcode.NULL;
        }
        if (a.text.equals(b.text)) {
            return ComparisonLevel.Postcode.FULL;
        }
        if (!a.uk || !b.uk) {
            return ComparisonLevel.Postcode.ELSE;
        }
        if (a.sector != null && a.sector.equals(b.sector)) {
            return ComparisonLevel.Postcode.SECTOR;
        }
        if (a.district.equals(b.district)) {
            return ComparisonLevel.Postcode.DISTRICT;
        }
        if (a.area.equals(b.area)) {
            return ComparisonLevel.Postcode.AREA;
        }
        return ComparisonLevel.Postcode.ELSE;
    }

    static ComparisonLevel.Address address(String a, String b) {
        return address(PreparedPerson.Address.of(a), PreparedPerson.Address.of(b));
    }

    static ComparisonLevel.Address address(PreparedPerson.Address a, PreparedPerson.Address b) {
        if (a == null || b == null) {
            return ComparisonLevel.Address.NULL;
        }
        // a fixed argument order keeps the greedy word pairing symmetric
        boolean inOrder = a.text.compareTo(b.text) <= 0;
        PreparedPerson.Address first = inOrder ? a : b;
        PreparedPerson.Address second = inOrder ? b : a;
        if (Arrays.equals(first.sortedWords, second.sortedWords)) {
            return ComparisonLevel.Address.EXACT;
        }
        double share = agreeingWordShare(first, second);
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

    /**
     * Dice coefficient over words, a word of the shorter list pairing with at most one agreeing word
     * of the other; pairs are taken best first, so the result does not depend on argument order.
     */
    static double agreeingWordShare(PreparedPerson.Address first, PreparedPerson.Address second) {
        String[] a = first.sortedWords;
        String[] b = second.sortedWords;
        List<double[]> candidates = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                double similarity = wordSimilarity(a[i], first.numbers[i], b[j], second.numbers[j]);
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

    private static double wordSimilarity(String a, boolean numberA, String b, boolean numberB) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (numberA || numberB) {
            return 0.0;
        }
        return jaroWinkler(a, b);
    }
}
