package org.rjhub.matching;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The parameters of every non-null level of one comparison; immutable. The {@code NULL} level has
 * no parameters: its weight is always 0.
 *
 * @param <L> the comparison's level type
 */
public final class LevelTable<L extends Enum<L> & ComparisonLevel> {

    private final Class<L> type;
    private final Map<L, LevelParameters> parameters;

    private LevelTable(Class<L> type, Map<L, LevelParameters> parameters) {
        this.type = type;
        this.parameters = parameters;
    }

    /**
     * A table with parameters for exactly the non-null levels of {@code type}.
     *
     * @throws IllegalArgumentException if a non-null level is missing or the null level is given
     */
    public static <L extends Enum<L> & ComparisonLevel> LevelTable<L> of(
            Class<L> type, Map<L, LevelParameters> parameters) {
        EnumMap<L, LevelParameters> copy = new EnumMap<>(type);
        for (L level : type.getEnumConstants()) {
            LevelParameters given = parameters.get(level);
            if (level.isNull() && given != null) {
                throw new IllegalArgumentException("the NULL level is neutral and takes no parameters");
            }
            if (!level.isNull() && given == null) {
                throw new IllegalArgumentException("no parameters for level " + level);
            }
            if (given != null) {
                copy.put(level, given);
            }
        }
        return new LevelTable<>(type, Collections.unmodifiableMap(copy));
    }

    public Class<L> type() {
        return type;
    }

    /** The parameters of a non-null level. */
    public LevelParameters parameters(L level) {
        LevelParameters found = parameters.get(Objects.requireNonNull(level, "level"));
        if (found == null) {
            throw new IllegalArgumentException("the NULL level has no parameters");
        }
        return found;
    }

    /** The level's weight, 0 for the null level. */
    public double weight(L level) {
        return level.isNull() ? 0.0 : parameters(level).weight();
    }

    /** The same table with one level's parameters replaced. */
    public LevelTable<L> with(L level, LevelParameters replacement) {
        EnumMap<L, LevelParameters> copy = new EnumMap<>(parameters);
        copy.put(level, replacement);
        return of(type, copy);
    }

    /** Every non-null level's parameters, in level order. */
    public Map<L, LevelParameters> asMap() {
        return parameters;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LevelTable<?> that && type.equals(that.type) && parameters.equals(that.parameters);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, parameters);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + parameters;
    }
}
