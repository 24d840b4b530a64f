package org.rjhub.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Scoring prepared people gives what the per-pair comparisons gave ({@link PerPairComparisons}, the code as it was):
 * bit-identical weights and probabilities, the same decision and the same level for every comparison, in both
 * argument orders. Over every FEBRL pair sharing a blocking key (what the router compares), dataset2's true pairs
 * and random pairs, and generated UK variants.
 */
class PreparedPersonTest {

    private static final PersonMatcher MATCHER = PersonMatcher.withDefaults();

    @Test
    void shouldScoreEveryFebrlPairSharingABlockingKeyAsThePerPairComparisonsDid() {
        List<PersonRecord> records = new ArrayList<>(PairCorpus.febrl("dataset1.csv"));
        records.addAll(PairCorpus.febrl("dataset2.csv"));
        assertThat(records).hasSize(6_000);
        List<int[]> pairs = PairCorpus.blockedPairs(records);
        assertThat(pairs).hasSizeGreaterThan(4_000);

        assertSameResults(records, pairs);
    }

    @Test
    void shouldScoreFebrlTruePairsAndRandomPairsAsThePerPairComparisonsDid() {
        List<PersonRecord> records = PairCorpus.febrl("dataset2.csv");
        List<int[]> pairs = new ArrayList<>(truePairs(records));
        assertThat(pairs).hasSizeGreaterThan(1_000);
        pairs.addAll(randomPairs(records.size(), 20_000, 2026));

        assertSameResults(records, pairs);
    }

    @Test
    void shouldScoreUkVariantsAsThePerPairComparisonsDid() {
        List<PersonRecord> records = PairCorpus.ukVariants(17, 1_500);
        List<int[]> pairs = new ArrayList<>();
        // each person against its neighbours (its own variants and the next person's) and at random
        for (int i = 0; i < records.size(); i++) {
            for (int j = i + 1; j < Math.min(records.size(), i + 6); j++) {
                pairs.add(new int[] {i, j});
            }
        }
        pairs.addAll(randomPairs(records.size(), 20_000, 7));

        assertSameResults(records, pairs);
        // the variants reach every postcode and address level, so each branch was compared
        List<PreparedPerson> prepared = records.stream().map(PreparedPerson::of).toList();
        assertThat(pairs.stream()
                        .map(p -> PairLevels.compare(prepared.get(p[0]), prepared.get(p[1])))
                        .flatMap(l -> List.<ComparisonLevel>of(
                                l.forename(), l.surname(), l.dateOfBirth(), l.postcode(), l.address())
                                .stream())
                        .distinct())
                .containsAll(List.of(ComparisonLevel.Postcode.values()))
                .containsAll(List.of(ComparisonLevel.Address.values()))
                .containsAll(List.of(ComparisonLevel.Date.values()))
                .containsAll(List.of(ComparisonLevel.Name.values()));
    }

    /** Each record prepared once, as the router does, and scored against many. */
    private static void assertSameResults(List<PersonRecord> records, List<int[]> pairs) {
        List<PreparedPerson> prepared = records.stream().map(PreparedPerson::of).toList();
        List<String> differing = new ArrayList<>();
        int compared = 0;
        for (int[] pair : pairs) {
            for (int[] order : new int[][] {pair, {pair[1], pair[0]}}) {
                PersonRecord a = records.get(order[0]);
                PersonRecord b = records.get(order[1]);
                MatchResult before = MATCHER.score(PerPairComparisons.compare(a, b));
                MatchResult after = MATCHER.score(prepared.get(order[0]), prepared.get(order[1]));
                // the record wrapper in one order only: it is the prepared path
                if (!same(before, after) || (order == pair && !same(before, MATCHER.score(a, b)))) {
                    differing.add(a.id() + "/" + b.id() + ": " + before.evidence() + " became " + after.evidence());
                }
                compared++;
            }
        }
        assertThat(differing).isEmpty();
        assertThat(compared).isEqualTo(2 * pairs.size());
    }

    private static boolean same(MatchResult before, MatchResult after) {
        if (Double.doubleToLongBits(before.weight()) != Double.doubleToLongBits(after.weight())
                || Double.doubleToLongBits(before.probability()) != Double.doubleToLongBits(after.probability())
                || before.decision() != after.decision()) {
            return false;
        }
        for (Comparison c : Comparison.values()) {
            if (before.level(c) != after.level(c)
                    || Double.doubleToLongBits(before.outcome(c).weight())
                            != Double.doubleToLongBits(after.outcome(c).weight())) {
                return false;
            }
        }
        return true;
    }

    /** {@code rec-N-org} with each {@code rec-N-dup-K}, and duplicates of one original with each other. */
    private static List<int[]> truePairs(List<PersonRecord> records) {
        Map<String, List<Integer>> byOriginal = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            String id = records.get(i).id();
            byOriginal
                    .computeIfAbsent(id.substring(0, id.indexOf('-', 4)), k -> new ArrayList<>())
                    .add(i);
        }
        List<int[]> pairs = new ArrayList<>();
        for (List<Integer> same : byOriginal.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    pairs.add(new int[] {same.get(i), same.get(j)});
                }
            }
        }
        return pairs;
    }

    static List<int[]> randomPairs(int size, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<int[]> pairs = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            pairs.add(new int[] {random.nextInt(size), random.nextInt(size)});
        }
        return pairs;
    }
}
