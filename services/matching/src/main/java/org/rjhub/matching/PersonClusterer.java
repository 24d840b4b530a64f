package org.rjhub.matching;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offline clustering of a batch of records into people: candidate pairs from
 * {@link BlockingKeys}, scored by a {@link PersonMatcher}, {@link Decision#MATCH} pairs joined
 * with union-find, people's {@link HumanDecisions} overriding the scores.
 *
 * <p>The result does not depend on the order of the input: records are sorted by id, links are
 * applied in a fixed order (confirmed links, then matches by falling weight, then by pair), and a
 * cluster is named after its smallest record id.
 */
public final class PersonClusterer {

    private static final Logger LOG = LoggerFactory.getLogger(PersonClusterer.class);

    /**
     * Blocks larger than this are not expanded into pairs: a key that common is not selective, and is
     * used for no record (not for the first ones seen), so the result does not depend on the input's
     * order. The router applies the same rule online, withdrawing links found under a key before it
     * outgrew the cap.
     */
    public static final int DEFAULT_MAX_BLOCK_SIZE = 500;

    private final PersonMatcher matcher;
    private final int maxBlockSize;

    public PersonClusterer(PersonMatcher matcher) {
        this(matcher, DEFAULT_MAX_BLOCK_SIZE);
    }

    public PersonClusterer(PersonMatcher matcher, int maxBlockSize) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        if (maxBlockSize < 2) {
            throw new IllegalArgumentException("maxBlockSize must be at least 2");
        }
        this.maxBlockSize = maxBlockSize;
    }

    public Clustering cluster(Collection<PersonRecord> records) {
        return cluster(records, HumanDecisions.none());
    }

    /**
     * Clusters the records.
     *
     * @throws IllegalArgumentException if two records share an id
     */
    public Clustering cluster(Collection<PersonRecord> records, HumanDecisions decisions) {
        return cluster(records, decisions, Comparisons.NONE);
    }

    /** Told how far the comparisons are, for a long run's progress. */
    public interface Comparisons {
        Comparisons NONE = new Comparisons() {
            @Override
            public void planned(long pairs) {}

            @Override
            public void compared(long pairs) {}
        };

        /** The candidate pairs blocking found: what is to be compared. */
        void planned(long pairs);

        /** {@code pairs} more compared. */
        void compared(long pairs);
    }

    /**
     * Clusters the records, telling {@code comparisons} how far it is.
     *
     * @throws IllegalArgumentException if two records share an id
     */
    public Clustering cluster(Collection<PersonRecord> records, HumanDecisions decisions, Comparisons comparisons) {
        Objects.requireNonNull(decisions, "decisions");
        List<PersonRecord> sorted = sortedById(records);
        List<int[]> candidates = candidatePairs(sorted);
        // each record is in many pairs: prepared for comparison once
        List<PreparedPerson> prepared = sorted.stream().map(PreparedPerson::of).toList();
        comparisons.planned(candidates.size());
        List<ScoredPair> matches = new ArrayList<>();
        List<ScoredPair> reviews = new ArrayList<>();
        int sinceTold = 0;
        for (int[] pair : candidates) {
            if (++sinceTold == 10_000) {
                comparisons.compared(sinceTold);
                sinceTold = 0;
            }
            PersonRecord a = sorted.get(pair[0]);
            PersonRecord b = sorted.get(pair[1]);
            RecordPair ids = RecordPair.of(a.id(), b.id());
            if (decisions.keepApart().contains(ids) || decisions.linkConfirmed().contains(ids)) {
                continue; // a person has decided this pair
            }
            MatchResult result = matcher.score(prepared.get(pair[0]), prepared.get(pair[1]));
            if (result.decision() == Decision.MATCH) {
                matches.add(new ScoredPair(pair[0], pair[1], ids, result.weight()));
            } else if (result.decision() == Decision.REVIEW) {
                reviews.add(new ScoredPair(pair[0], pair[1], ids, result.weight()));
            }
        }
        comparisons.compared(sinceTold);

        KeepApartUnionFind clusters = new KeepApartUnionFind(sorted.size());
        List<RecordPair> conflicts = link(clusters, sorted, decisions, matches);

        Map<String, String> clusterIds = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            // sorted by id, so the smallest index of a cluster holds its smallest id
            clusterIds.put(
                    sorted.get(i).id(), sorted.get(clusters.smallestMember(i)).id());
        }
        List<RecordPair> openReviews = reviews.stream()
                .filter(review -> !clusters.sameCluster(review.a(), review.b()))
                .map(ScoredPair::ids)
                .sorted()
                .toList();
        LOG.info(
                "Clustered {} records: {} candidate pairs, {} matches, {} to review, {} conflicts",
                sorted.size(),
                candidates.size(),
                matches.size(),
                openReviews.size(),
                conflicts.size());
        return new Clustering(clusterIds, candidates.size(), matches.size(), openReviews, conflicts);
    }

    /**
     * Joins clusters: kept-apart pairs first registered, then confirmed links, then matches by
     * falling weight. Returns the links refused because of a kept-apart pair, sorted.
     */
    private static List<RecordPair> link(
            KeepApartUnionFind clusters,
            List<PersonRecord> sorted,
            HumanDecisions decisions,
            List<ScoredPair> matches) {
        Map<String, Integer> indexById = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            indexById.put(sorted.get(i).id(), i);
        }
        for (RecordPair pair : decisions.keepApart()) {
            Integer a = indexById.get(pair.first());
            Integer b = indexById.get(pair.second());
            if (a != null && b != null) {
                clusters.keepApart(a, b);
            }
        }
        List<RecordPair> conflicts = new ArrayList<>();
        for (RecordPair pair : decisions.linkConfirmed().stream().sorted().toList()) {
            Integer a = indexById.get(pair.first());
            Integer b = indexById.get(pair.second());
            if (a != null && b != null && !clusters.union(a, b)) {
                conflicts.add(pair);
            }
        }
        List<ScoredPair> strongestFirst = new ArrayList<>(matches);
        strongestFirst.sort(ScoredPair.STRONGEST_FIRST);
        for (ScoredPair match : strongestFirst) {
            if (!clusters.union(match.a(), match.b())) {
                conflicts.add(match.ids());
            }
        }
        conflicts.sort(null);
        return conflicts;
    }

    /** Every pair of records sharing a blocking key, each once, as indexes into {@code sorted}. */
    public List<int[]> candidatePairs(List<PersonRecord> sorted) {
        Map<String, List<Integer>> blocks = new TreeMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            for (String key : BlockingKeys.of(sorted.get(i))) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> seen = new HashSet<>();
        List<int[]> pairs = new ArrayList<>();
        int oversized = 0;
        for (List<Integer> block : blocks.values()) {
            if (block.size() > maxBlockSize) {
                oversized++;
                continue;
            }
            for (int x = 0; x < block.size(); x++) {
                for (int y = x + 1; y < block.size(); y++) {
                    int a = block.get(x);
                    int b = block.get(y);
                    if (seen.add((long) a * sorted.size() + b)) {
                        pairs.add(new int[] {a, b});
                    }
                }
            }
        }
        if (oversized > 0) {
            LOG.warn("Skipped {} blocks larger than {} records", oversized, maxBlockSize);
        }
        return pairs;
    }

    private static List<PersonRecord> sortedById(Collection<PersonRecord> records) {
        List<PersonRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(PersonRecord::id));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).id().equals(sorted.get(i - 1).id())) {
                throw new IllegalArgumentException("duplicate record id in input");
            }
        }
        return sorted;
    }

    private record ScoredPair(int a, int b, RecordPair ids, double weight) {
        static final Comparator<ScoredPair> STRONGEST_FIRST =
                Comparator.comparingDouble(ScoredPair::weight).reversed().thenComparing(ScoredPair::ids);
    }
}
