package org.rjhub.matching;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of {@link PersonClusterer#cluster}.
 *
 * @param clusterIds     record id to cluster id, for every input record; the cluster id is the
 *                       smallest record id (in {@link String} order) of the cluster, so it does
 *                       not depend on the order of the input
 * @param candidatePairs pairs compared (sharing at least one blocking key)
 * @param matchPairs     candidate pairs the model scored {@link Decision#MATCH}
 * @param reviewPairs    candidate pairs scored {@link Decision#REVIEW} and left in different
 *                       clusters, for a person to decide; sorted
 * @param conflicts      matched or confirmed pairs not joined because that would have put a
 *                       kept-apart pair in one cluster (HMPPS's "needs attention"); sorted
 */
public record Clustering(
        Map<String, String> clusterIds,
        long candidatePairs,
        long matchPairs,
        List<RecordPair> reviewPairs,
        List<RecordPair> conflicts) {

    public Clustering {
        clusterIds = Collections.unmodifiableMap(new TreeMap<>(clusterIds));
        reviewPairs = List.copyOf(reviewPairs);
        conflicts = List.copyOf(conflicts);
    }

    public String clusterOf(String recordId) {
        String cluster = clusterIds.get(recordId);
        if (cluster == null) {
            throw new IllegalArgumentException("unknown record id");
        }
        return cluster;
    }

    public boolean together(String a, String b) {
        return clusterOf(a).equals(clusterOf(b));
    }

    public long clusterCount() {
        return clusterIds.values().stream().distinct().count();
    }
}
