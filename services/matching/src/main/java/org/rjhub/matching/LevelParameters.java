package org.rjhub.matching;

/**
 * The Fellegi-Sunter parameters of one comparison level.
 *
 * @param m probability of the level among pairs that are the same person
 * @param u probability of the level among pairs that are not
 */
public record LevelParameters(double m, double u) {

    public LevelParameters {
        if (!(m > 0 && m <= 1) || !(u > 0 && u <= 1)) {
            throw new IllegalArgumentException("m and u must be in (0, 1], got m=" + m + " u=" + u);
        }
    }

    public static LevelParameters of(double m, double u) {
        return new LevelParameters(m, u);
    }

    /** The level's match weight: log2 of the Bayes factor m / u. */
    public double weight() {
        return MatchModel.log2(m / u);
    }
}
