package org.rjhub.matching;

import java.util.List;
import java.util.Objects;

/**
 * The score of one pair of records.
 *
 * @param weight      match weight in bits: prior weight plus the sum of the evidence weights
 * @param probability match probability, {@code 2^weight / (1 + 2^weight)}
 * @param decision    the model's decision for the weight
 * @param evidence    one outcome per {@link Comparison}, in comparison order
 */
public record MatchResult(double weight, double probability, Decision decision, List<ComparisonOutcome> evidence) {

    public MatchResult {
        Objects.requireNonNull(decision, "decision");
        evidence = List.copyOf(evidence);
    }

    /** The outcome of one comparison. */
    public ComparisonOutcome outcome(Comparison comparison) {
        return evidence.stream()
                .filter(outcome -> outcome.comparison() == comparison)
                .findFirst()
                .orElseThrow();
    }

    /** The level reached by one comparison. */
    public ComparisonLevel level(Comparison comparison) {
        return outcome(comparison).level();
    }
}
