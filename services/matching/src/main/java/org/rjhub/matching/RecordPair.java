package org.rjhub.matching;

import java.util.Objects;

/**
 * An unordered pair of record ids, stored with the smaller id (in {@link String} order) first, so
 * that {@code of(a, b).equals(of(b, a))}.
 */
public record RecordPair(String first, String second) implements Comparable<RecordPair> {

    public RecordPair {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        if (first.equals(second)) {
            throw new IllegalArgumentException("a pair needs two different records");
        }
        if (first.compareTo(second) > 0) {
            String swap = first;
            first = second;
            second = swap;
        }
    }

    public static RecordPair of(String a, String b) {
        return new RecordPair(a, b);
    }

    @Override
    public int compareTo(RecordPair other) {
        int byFirst = first.compareTo(other.first);
        return byFirst != 0 ? byFirst : second.compareTo(other.second);
    }
}
