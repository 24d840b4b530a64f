package org.rjhub.matching;

import java.util.Objects;

/**
 * One comparison's evidence in a {@link MatchResult}: the level reached and its weight (0 for the
 * null level). Carries no personal data, so it may be logged or published.
 */
public record ComparisonOutcome(Comparison comparison, ComparisonLevel level, double weight) {

    public ComparisonOutcome {
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(level, "level");
    }
}
