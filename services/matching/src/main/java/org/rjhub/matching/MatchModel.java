package org.rjhub.matching;

import java.util.Map;
import java.util.Objects;

/**
 * The parameters of the Fellegi-Sunter model: the prior, the m and u probabilities of every
 * comparison level, and the decision thresholds. Immutable; {@link #defaults()} holds the shipped
 * values, fixed in code (how they were estimated: the package documentation and the comment on
 * the values).
 *
 * <p>Match weight = {@link #priorWeight()} + the sum of the level weights, in bits (log2 odds).
 * A pair at or above {@code matchWeight} is a {@link Decision#MATCH}; at or above
 * {@code reviewWeight} but below {@code matchWeight} it goes to {@link Decision#REVIEW}.
 *
 * @param priorMatchProbability probability that two records drawn at random are the same person
 * @param matchWeight           join threshold
 * @param reviewWeight          lower edge of the review band, at most {@code matchWeight}
 */
public record MatchModel(
        double priorMatchProbability,
        LevelTable<ComparisonLevel.Name> forename,
        LevelTable<ComparisonLevel.Name> surname,
        LevelTable<ComparisonLevel.Date> dateOfBirth,
        LevelTable<ComparisonLevel.Postcode> postcode,
        LevelTable<ComparisonLevel.Address> address,
        double matchWeight,
        double reviewWeight) {

    public MatchModel {
        if (!(priorMatchProbability > 0 && priorMatchProbability < 1)) {
            throw new IllegalArgumentException("the prior must be in (0, 1)");
        }
        Objects.requireNonNull(forename, "forename");
        Objects.requireNonNull(surname, "surname");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        Objects.requireNonNull(postcode, "postcode");
        Objects.requireNonNull(address, "address");
        if (!Double.isFinite(matchWeight) || !Double.isFinite(reviewWeight)) {
            throw new IllegalArgumentException("thresholds must be finite");
        }
        if (reviewWeight > matchWeight) {
            throw new IllegalArgumentException("the review weight must not exceed the match weight");
        }
    }

    /** The shipped model. */
    public static MatchModel defaults() {
        return DEFAULTS;
    }

    /** The prior as a match weight: log2 of the prior odds. */
    public double priorWeight() {
        return log2(priorMatchProbability / (1 - priorMatchProbability));
    }

    public MatchModel withThresholds(double newMatchWeight, double newReviewWeight) {
        return new MatchModel(
                priorMatchProbability,
                forename,
                surname,
                dateOfBirth,
                postcode,
                address,
                newMatchWeight,
                newReviewWeight);
    }

    public MatchModel withPriorMatchProbability(double newPrior) {
        return new MatchModel(newPrior, forename, surname, dateOfBirth, postcode, address, matchWeight, reviewWeight);
    }

    public MatchModel withForename(LevelTable<ComparisonLevel.Name> table) {
        return new MatchModel(
                priorMatchProbability, table, surname, dateOfBirth, postcode, address, matchWeight, reviewWeight);
    }

    public MatchModel withSurname(LevelTable<ComparisonLevel.Name> table) {
        return new MatchModel(
                priorMatchProbability, forename, table, dateOfBirth, postcode, address, matchWeight, reviewWeight);
    }

    public MatchModel withDateOfBirth(LevelTable<ComparisonLevel.Date> table) {
        return new MatchModel(
                priorMatchProbability, forename, surname, table, postcode, address, matchWeight, reviewWeight);
    }

    public MatchModel withPostcode(LevelTable<ComparisonLevel.Postcode> table) {
        return new MatchModel(
                priorMatchProbability, forename, surname, dateOfBirth, table, address, matchWeight, reviewWeight);
    }

    public MatchModel withAddress(LevelTable<ComparisonLevel.Address> table) {
        return new MatchModel(
                priorMatchProbability, forename, surname, dateOfBirth, postcode, table, matchWeight, reviewWeight);
    }

    /** The decision for a match weight. */
    public Decision decide(double weight) {
        if (weight >= matchWeight) {
            return Decision.MATCH;
        }
        return weight >= reviewWeight ? Decision.REVIEW : Decision.NO_MATCH;
    }

    public static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static LevelParameters p(double m, double u) {
        return LevelParameters.of(m, u);
    }

    /*
     * The shipped values. m, u and the prior come from ModelEstimation run on FEBRL dataset2 (5,000
     * records; EM sessions blocked on date of birth and on house number + postcode), rounded, with
     * these changes:
     * - SWAPPED: the swap is one event seen by two comparisons, so each carries half of its weight
     *   (u = 0.001 each, about 6 bits, 12 together, below both names exact);
     * - WITHIN_MONTH, WITHIN_YEAR: FEBRL never makes such errors (EM found m = 0), real records do;
     * - surname JARO_WINKLER_92: u raised from 0.00049 so that a near match never outweighs an
     *   exact one (FEBRL misspells surnames far more often than real records do);
     * - UK postcode SECTOR, DISTRICT, AREA: FEBRL postcodes are Australian, so these are set from
     *   the postcode geography of a county population, not estimated.
     */
    private static final MatchModel DEFAULTS = new MatchModel(
            1.55e-4,
            LevelTable.of(
                    ComparisonLevel.Name.class,
                    Map.of(
                            ComparisonLevel.Name.EXACT, p(0.644, 0.0039),
                            ComparisonLevel.Name.SWAPPED, p(0.065, 0.001),
                            ComparisonLevel.Name.JARO_WINKLER_92, p(0.122, 0.00091),
                            ComparisonLevel.Name.JARO_WINKLER_88, p(0.022, 0.00114),
                            ComparisonLevel.Name.JARO_WINKLER_70, p(0.0075, 0.0243),
                            ComparisonLevel.Name.ELSE, p(0.1395, 0.9697))),
            LevelTable.of(
                    ComparisonLevel.Name.class,
                    Map.of(
                            ComparisonLevel.Name.EXACT, p(0.572, 0.0041),
                            ComparisonLevel.Name.SWAPPED, p(0.065, 0.001),
                            ComparisonLevel.Name.JARO_WINKLER_92, p(0.213, 0.0016),
                            ComparisonLevel.Name.JARO_WINKLER_88, p(0.0287, 0.00032),
                            ComparisonLevel.Name.JARO_WINKLER_70, p(0.011, 0.0145),
                            ComparisonLevel.Name.ELSE, p(0.1103, 0.9796))),
            LevelTable.of(
                    ComparisonLevel.Date.class,
                    Map.of(
                            ComparisonLevel.Date.EXACT, p(0.9015, 0.000017),
                            ComparisonLevel.Date.ONE_EDIT, p(0.0184, 0.00105),
                            ComparisonLevel.Date.WITHIN_MONTH, p(0.002, 0.00134),
                            ComparisonLevel.Date.WITHIN_YEAR, p(0.005, 0.0179),
                            ComparisonLevel.Date.ELSE, p(0.0731, 0.9797))),
            LevelTable.of(
                    ComparisonLevel.Postcode.class,
                    Map.of(
                            ComparisonLevel.Postcode.FULL, p(0.758, 0.00106),
                            ComparisonLevel.Postcode.SECTOR, p(0.04, 0.004),
                            ComparisonLevel.Postcode.DISTRICT, p(0.04, 0.02),
                            ComparisonLevel.Postcode.AREA, p(0.06, 0.30),
                            ComparisonLevel.Postcode.ELSE, p(0.102, 0.675))),
            LevelTable.of(
                    ComparisonLevel.Address.class,
                    Map.of(
                            ComparisonLevel.Address.EXACT, p(0.131, 0.000002),
                            ComparisonLevel.Address.WORDS_80, p(0.552, 0.00001),
                            ComparisonLevel.Address.WORDS_60, p(0.244, 0.00002),
                            ComparisonLevel.Address.WORDS_40, p(0.0584, 0.00121),
                            ComparisonLevel.Address.ELSE, p(0.0146, 0.9988))),
            10.0,
            4.0);
}
