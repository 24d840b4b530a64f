package org.rjhub.matching;

import java.util.List;
import java.util.Objects;

/**
 * Scores pairs of {@link PersonRecord}s with a Fellegi-Sunter model, as Splink does: each
 * comparison reaches one level, each level adds its weight {@code log2(m/u)} to the prior.
 * Stateless and thread-safe; {@code score(a, b)} equals {@code score(b, a)}.
 */
public final class PersonMatcher {

    private final MatchModel model;

    public PersonMatcher(MatchModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** A matcher with the shipped {@link MatchModel#defaults()}. */
    public static PersonMatcher withDefaults() {
        return new PersonMatcher(MatchModel.defaults());
    }

    public MatchModel model() {
        return model;
    }

    /** Prepares both records and scores them; to score one person against many, prepare it once. */
    public MatchResult score(PersonRecord a, PersonRecord b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return score(PreparedPerson.of(a), PreparedPerson.of(b));
    }

    public MatchResult score(PreparedPerson a, PreparedPerson b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return score(PairLevels.compare(a, b));
    }

    /** The weight and decision of the levels a pair reached. */
    MatchResult score(PairLevels levels) {
        List<ComparisonOutcome> evidence = evidence(levels);
        double weight = model.priorWeight();
        for (ComparisonOutcome outcome : evidence) {
            weight += outcome.weight();
        }
        Decision decision = model.decide(weight);
        if (decision == Decision.MATCH && mayBeRelatives(levels)) {
            decision = Decision.REVIEW;
        }
        return new MatchResult(weight, probability(weight), decision, evidence);
    }

    /**
     * Forenames that disagree outright and dates of birth more than a month apart: two members of
     * one household (a parent and child, siblings) share surname, address and postcode, and the
     * model, which adds up independent evidence, would score them as one person. Such a pair is
     * never linked automatically, only put to review; in the FEBRL evaluation this costs almost
     * nothing, as the benchmark rarely corrupts both fields of one record.
     */
    static boolean mayBeRelatives(PairLevels levels) {
        return levels.forename() == ComparisonLevel.Name.ELSE
                && (levels.dateOfBirth() == ComparisonLevel.Date.ELSE
                        || levels.dateOfBirth() == ComparisonLevel.Date.WITHIN_YEAR);
    }

    private List<ComparisonOutcome> evidence(PairLevels levels) {
        return List.of(
                new ComparisonOutcome(
                        Comparison.FORENAME, levels.forename(), model.forename().weight(levels.forename())),
                new ComparisonOutcome(
                        Comparison.SURNAME, levels.surname(), model.surname().weight(levels.surname())),
                new ComparisonOutcome(
                        Comparison.DATE_OF_BIRTH,
                        levels.dateOfBirth(),
                        model.dateOfBirth().weight(levels.dateOfBirth())),
                new ComparisonOutcome(
                        Comparison.POSTCODE, levels.postcode(), model.postcode().weight(levels.postcode())),
                new ComparisonOutcome(
                        Comparison.ADDRESS, levels.address(), model.address().weight(levels.address())));
    }

    /** The match probability of a weight. */
    public static double probability(double weight) {
        double odds = Math.pow(2, weight);
        return Double.isInfinite(odds) ? 1.0 : odds / (1 + odds);
    }
}
