package org.rjhub.matching;

import java.util.HashSet;
import java.util.Set;

/**
 * Decisions people have made about pairs of records, which override the matcher's score.
 *
 * @param keepApart     pairs that are different people: never in the same cluster, not even
 *                      through other links
 * @param linkConfirmed pairs that are the same person, whatever their score
 */
public record HumanDecisions(Set<RecordPair> keepApart, Set<RecordPair> linkConfirmed) {

    private static final HumanDecisions NONE = new HumanDecisions(Set.of(), Set.of());

    /**
     * @throws IllegalArgumentException if a pair is both kept apart and confirmed
     */
    public HumanDecisions {
        keepApart = Set.copyOf(keepApart);
        linkConfirmed = Set.copyOf(linkConfirmed);
        Set<RecordPair> both = new HashSet<>(keepApart);
        both.retainAll(linkConfirmed);
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(both.size() + " pair(s) both kept apart and confirmed");
        }
    }

    public static HumanDecisions none() {
        return NONE;
    }

    public HumanDecisions withKeepApart(String a, String b) {
        Set<RecordPair> pairs = new HashSet<>(keepApart);
        pairs.add(RecordPair.of(a, b));
        return new HumanDecisions(pairs, linkConfirmed);
    }

    public HumanDecisions withLinkConfirmed(String a, String b) {
        Set<RecordPair> pairs = new HashSet<>(linkConfirmed);
        pairs.add(RecordPair.of(a, b));
        return new HumanDecisions(keepApart, pairs);
    }
}
