package org.rjhub.router.linkage;

import java.util.Map;
import java.util.Objects;

/**
 * The parameters of the Fellegi-Sunter model: the prior, the m and u probabilities of every
 * comparison level, and the decision thresholds. Immutable; {@link #defaults()} holds the shipped
 * values, fixed in code (see {@code DESIGN.md} for how they were estimated).
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
        priorMatchProbability, forename, surname, dateOfBirth, postcode, address,
        newMatchWeight, newReviewWeight);
  }

  public MatchModel withPriorMatchProbability(double newPrior) {
    return new MatchModel(
        newPrior, forename, surname, dateOfBirth, postcode, address, matchWeight, reviewWeight);
  }

  public MatchModel withForename(LevelTable<ComparisonLevel.Name> table) {
    return new MatchModel(
        priorMatchProbability, table, surname, dateOfBirth, postcode, address,
        matchWeight, reviewWeight);
  }

  public MatchModel withSurname(LevelTable<ComparisonLevel.Name> table) {
    return new MatchModel(
        priorMatchProbability, forename, table, dateOfBirth, postcode, address,
        matchWeight, reviewWeight);
  }

  public MatchModel withDateOfBirth(LevelTable<ComparisonLevel.Date> table) {
    return new MatchModel(
        priorMatchProbability, forename, surname, table, postcode, address,
        matchWeight, reviewWeight);
  }

  public MatchModel withPostcode(LevelTable<ComparisonLevel.Postcode> table) {
    return new MatchModel(
        priorMatchProbability, forename, surname, dateOfBirth, table, address,
        matchWeight, reviewWeight);
  }

  public MatchModel withAddress(LevelTable<ComparisonLevel.Address> table) {
    return new MatchModel(
        priorMatchProbability, forename, surname, dateOfBirth, postcode, table,
        matchWeight, reviewWeight);
  }

  /** The decision for a match weight. */
  public Decision decide(double weight) {
    if (weight >= matchWeight) {
      return Decision.MATCH;
    }
    return weight >= reviewWeight ? Decision.REVIEW : Decision.NO_MATCH;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static LevelParameters p(double m, double u) {
    return LevelParameters.of(m, u);
  }

  // PLACEHOLDER values, replaced by estimated ones
  private static final MatchModel DEFAULTS =
      new MatchModel(
          1e-4,
          LevelTable.of(
              ComparisonLevel.Name.class,
              Map.of(
                  ComparisonLevel.Name.EXACT, p(0.70, 0.002),
                  ComparisonLevel.Name.SWAPPED, p(0.04, 0.00001),
                  ComparisonLevel.Name.JARO_WINKLER_92, p(0.10, 0.002),
                  ComparisonLevel.Name.JARO_WINKLER_88, p(0.05, 0.003),
                  ComparisonLevel.Name.JARO_WINKLER_70, p(0.06, 0.08),
                  ComparisonLevel.Name.ELSE, p(0.05, 0.913))),
          LevelTable.of(
              ComparisonLevel.Name.class,
              Map.of(
                  ComparisonLevel.Name.EXACT, p(0.65, 0.001),
                  ComparisonLevel.Name.SWAPPED, p(0.04, 0.00001),
                  ComparisonLevel.Name.JARO_WINKLER_92, p(0.12, 0.001),
                  ComparisonLevel.Name.JARO_WINKLER_88, p(0.05, 0.002),
                  ComparisonLevel.Name.JARO_WINKLER_70, p(0.07, 0.08),
                  ComparisonLevel.Name.ELSE, p(0.07, 0.916))),
          LevelTable.of(
              ComparisonLevel.Date.class,
              Map.of(
                  ComparisonLevel.Date.EXACT, p(0.90, 0.0001),
                  ComparisonLevel.Date.ONE_EDIT, p(0.06, 0.002),
                  ComparisonLevel.Date.WITHIN_MONTH, p(0.005, 0.001),
                  ComparisonLevel.Date.WITHIN_YEAR, p(0.005, 0.01),
                  ComparisonLevel.Date.ELSE, p(0.03, 0.987))),
          LevelTable.of(
              ComparisonLevel.Postcode.class,
              Map.of(
                  ComparisonLevel.Postcode.FULL, p(0.80, 0.002),
                  ComparisonLevel.Postcode.SECTOR, p(0.05, 0.003),
                  ComparisonLevel.Postcode.DISTRICT, p(0.05, 0.01),
                  ComparisonLevel.Postcode.AREA, p(0.05, 0.1),
                  ComparisonLevel.Postcode.ELSE, p(0.05, 0.885))),
          LevelTable.of(
              ComparisonLevel.Address.class,
              Map.of(
                  ComparisonLevel.Address.EXACT, p(0.30, 0.00001),
                  ComparisonLevel.Address.WORDS_80, p(0.30, 0.0001),
                  ComparisonLevel.Address.WORDS_60, p(0.20, 0.001),
                  ComparisonLevel.Address.WORDS_40, p(0.10, 0.01),
                  ComparisonLevel.Address.ELSE, p(0.10, 0.98899))),
          10.0,
          5.0);
}
