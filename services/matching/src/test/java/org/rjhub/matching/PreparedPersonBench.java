package org.rjhub.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark that prints the nanoseconds a person comparison takes over the same pairs, three ways: the per-pair
 * comparisons as they were ({@link PerPairComparisons}: both records parsed, split and sorted for every pair), the
 * record wrapper ({@code score(PersonRecord, PersonRecord)}: both prepared for every pair), and prepared people (each
 * prepared once, its cost counted, then scored against every candidate, as the router's blocking loop does). The
 * pairs are those sharing a blocking key (as the router compares them; blocks above the clusterer's cap skipped), in the
 * FEBRL sets and in generated UK variants. Several rounds, the first ones warming up; the figure in brackets is a
 * checksum of the weights, the same in every column.
 *
 * <p>Run from {@code services/matching}: {@code java -cp <matching test classpath>
 * org.rjhub.matching.PreparedPersonBench [rounds, default 10]}.
 */
public final class PreparedPersonBench {

    private PreparedPersonBench() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        // the variants first: many more pairs, which warm the JIT up for the FEBRL rounds too
        run("UK variants", PairCorpus.ukVariants(17, 1_500), rounds);
        List<PersonRecord> febrl = new ArrayList<>(PairCorpus.febrl("dataset1.csv"));
        febrl.addAll(PairCorpus.febrl("dataset2.csv"));
        run("FEBRL dataset1 + dataset2", febrl, rounds);
    }

    private static void run(String corpus, List<PersonRecord> records, int rounds) {
        PersonMatcher matcher = PersonMatcher.withDefaults();
        List<int[]> pairs = PairCorpus.blockedPairs(records);
        System.out.printf("%s: %d records, %d pairs sharing a blocking key%n", corpus, records.size(), pairs.size());
        for (int round = 1; round <= rounds; round++) {
            double sink = 0;
            long start = System.nanoTime();
            for (int[] p : pairs) {
                sink += matcher.score(PerPairComparisons.compare(records.get(p[0]), records.get(p[1])))
                        .weight();
            }
            long perPair = System.nanoTime() - start;

            start = System.nanoTime();
            for (int[] p : pairs) {
                sink += matcher.score(records.get(p[0]), records.get(p[1])).weight();
            }
            long wrapper = System.nanoTime() - start;

            start = System.nanoTime();
            List<PreparedPerson> prepared = new ArrayList<>(records.size());
            for (PersonRecord r : records) {
                prepared.add(PreparedPerson.of(r));
            }
            long preparing = System.nanoTime() - start;
            start = System.nanoTime();
            for (int[] p : pairs) {
                sink += matcher.score(prepared.get(p[0]), prepared.get(p[1])).weight();
            }
            long scoring = System.nanoTime() - start;

            System.out.printf(
                    "  round %2d: per pair (before) %5.0f | record wrapper %5.0f | prepared %5.0f + preparing"
                            + " every record %4.0f = %5.0f ns a comparison (%.2fx); %4.0f ns to prepare one [%.0f]%n",
                    round,
                    (double) perPair / pairs.size(),
                    (double) wrapper / pairs.size(),
                    (double) scoring / pairs.size(),
                    (double) preparing / pairs.size(),
                    (double) (scoring + preparing) / pairs.size(),
                    (double) perPair / (scoring + preparing),
                    (double) preparing / records.size(),
                    sink);
        }
    }
}
