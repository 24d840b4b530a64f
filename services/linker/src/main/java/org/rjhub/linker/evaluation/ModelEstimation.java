package org.rjhub.linker.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.Comparison;
import org.rjhub.matching.ComparisonLevel;
import org.rjhub.matching.LevelParameters;
import org.rjhub.matching.LevelTable;
import org.rjhub.matching.MatchModel;
import org.rjhub.matching.PairLevels;
import org.rjhub.matching.PersonClusterer;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;

/**
 * Offline estimation of the model's parameters from unlabelled records, the way Splink does it;
 * record ids are not used. The shipped {@link MatchModel#defaults()} are fixed values derived
 * from a run of this program (see {@link MatchModel#defaults()} and the package documentation); nothing is trained at run time.
 *
 * <ol>
 *   <li>u: level shares among random pairs, which are almost all different people.
 *   <li>m: expectation maximisation, u held fixed, once per training blocking rule over the pairs
 *       that rule blocks, leaving out the comparisons the rule blocks on (their agreement is forced
 *       by the blocking, not evidence); each m is the mean over the sessions that estimated it.
 *   <li>u again, the random pairs now weighted by their probability of not matching: with
 *       thousands of records, random samples contain a few hundred true matches, enough to
 *       dominate the u of rare levels such as an exact address.
 *   <li>the prior: the expected number of matches among all candidate pairs over all pairs.
 * </ol>
 */
public final class ModelEstimation {

    /** Smallest probability an estimate may take, so that no weight is infinite. */
    static final double FLOOR = 1e-6;

    private ModelEstimation() {}

    /** Per comparison and level, the share of pairs among pairs where neither value is missing. */
    public record LevelShares(Map<Comparison, Map<ComparisonLevel, Double>> shares) {

        public double get(Comparison comparison, ComparisonLevel level) {
            Map<ComparisonLevel, Double> levels = shares.get(comparison);
            return levels == null ? FLOOR : levels.getOrDefault(level, FLOOR);
        }
    }

    /**
     * A training blocking rule: the pairs sharing its key (none when the key is null), and the comparisons that
     * agreement on that key forces. Its own, not the router's blocking rules ({@link BlockingKeys}): a training rule
     * must force agreement on the fewest comparisons, so that EM learns the others from its pairs.
     */
    public record TrainingRule(String name, Function<PersonRecord, String> key, Set<Comparison> blockedOn) {

        public TrainingRule {
            blockedOn = Set.copyOf(blockedOn);
        }
    }

    /** The default training rules: exact date of birth; house number and full postcode. */
    public static final List<TrainingRule> TRAINING_RULES = List.of(
            new TrainingRule(
                    "dob",
                    r -> r.dateOfBirth() == null
                            ? null
                            : "dob:" + r.dateOfBirth().format(DateTimeFormatter.BASIC_ISO_DATE),
                    EnumSet.of(Comparison.DATE_OF_BIRTH)),
            new TrainingRule(
                    "hp",
                    r -> BlockingKeys.of(r).stream()
                            .filter(k -> k.startsWith("hp:"))
                            .findFirst()
                            .orElse(null),
                    EnumSet.of(Comparison.POSTCODE, Comparison.ADDRESS)));

    /** The estimates. */
    public record Estimate(LevelShares m, LevelShares u, double prior) {

        /** A model with these parameters and the given thresholds. */
        public MatchModel toModel(double matchWeight, double reviewWeight) {
            return new MatchModel(
                    prior,
                    table(ComparisonLevel.Name.class, Comparison.FORENAME),
                    table(ComparisonLevel.Name.class, Comparison.SURNAME),
                    table(ComparisonLevel.Date.class, Comparison.DATE_OF_BIRTH),
                    table(ComparisonLevel.Postcode.class, Comparison.POSTCODE),
                    table(ComparisonLevel.Address.class, Comparison.ADDRESS),
                    matchWeight,
                    reviewWeight);
        }

        private <L extends Enum<L> & ComparisonLevel> LevelTable<L> table(Class<L> type, Comparison comparison) {
            Map<L, LevelParameters> parameters = new EnumMap<>(type);
            for (L level : type.getEnumConstants()) {
                if (!level.isNull()) {
                    parameters.put(level, LevelParameters.of(m.get(comparison, level), u.get(comparison, level)));
                }
            }
            return LevelTable.of(type, parameters);
        }
    }

    /** Runs the four steps over {@code datasets}, each a separate population. */
    public static Estimate estimate(List<List<PersonRecord>> datasets, int uSamples, long seed) {
        List<PairLevels> random = new ArrayList<>();
        Random generator = new Random(seed);
        for (List<PersonRecord> records : datasets) {
            random.addAll(randomPairs(records, uSamples / datasets.size(), generator));
        }
        double[] ones = new double[random.size()];
        Arrays.fill(ones, 1.0);
        LevelShares u = shares(random, ones, EnumSet.allOf(Comparison.class));

        LevelShares m = initialM();
        for (int round = 0; round < 2; round++) {
            m = mBySessions(datasets, u, m);
            double prior = prior(datasets, m, u);
            double[] nonMatch = new double[random.size()];
            for (int i = 0; i < random.size(); i++) {
                nonMatch[i] = 1 - posterior(random.get(i), m, u, prior);
            }
            u = shares(random, nonMatch, EnumSet.allOf(Comparison.class));
        }
        return new Estimate(m, u, prior(datasets, m, u));
    }

    private static LevelShares mBySessions(List<List<PersonRecord>> datasets, LevelShares u, LevelShares start) {
        Map<Comparison, List<Map<ComparisonLevel, Double>>> estimates = new EnumMap<>(Comparison.class);
        for (TrainingRule rule : TRAINING_RULES) {
            List<PairLevels> pairs = new ArrayList<>();
            for (List<PersonRecord> records : datasets) {
                pairs.addAll(pairsSharingKey(records, rule.key()));
            }
            Set<Comparison> estimated = EnumSet.complementOf(EnumSet.copyOf(rule.blockedOn()));
            LevelShares m = expectationMaximisation(pairs, u, start, estimated, 500);
            for (Comparison comparison : estimated) {
                estimates
                        .computeIfAbsent(comparison, c -> new ArrayList<>())
                        .add(m.shares().get(comparison));
            }
        }
        Map<Comparison, Map<ComparisonLevel, Double>> mean = new EnumMap<>(Comparison.class);
        estimates.forEach((comparison, sessions) -> {
            Map<ComparisonLevel, Double> sum = new LinkedHashMap<>();
            sessions.forEach(s -> s.forEach((level, value) -> sum.merge(level, value, Double::sum)));
            sum.replaceAll((level, total) -> total / sessions.size());
            mean.put(comparison, sum);
        });
        return new LevelShares(mean);
    }

    /** EM for the m of {@code estimated} comparisons and the share of matches, u fixed. */
    static LevelShares expectationMaximisation(
            List<PairLevels> pairs, LevelShares u, LevelShares start, Set<Comparison> estimated, int maxIterations) {
        LevelShares m = start;
        double share = 0.5;
        double[] posterior = new double[pairs.size()];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double total = 0;
            for (int i = 0; i < pairs.size(); i++) {
                posterior[i] = posterior(pairs.get(i), m, u, share, estimated);
                total += posterior[i];
            }
            LevelShares next = shares(pairs, posterior, estimated);
            double newShare = total / pairs.size();
            double change = Math.abs(newShare - share) + distance(m, next, estimated);
            m = next;
            share = newShare;
            if (change < 1e-9) {
                break;
            }
        }
        return m;
    }

    private static double posterior(PairLevels pair, LevelShares m, LevelShares u, double prior) {
        return posterior(pair, m, u, prior, EnumSet.allOf(Comparison.class));
    }

    private static double posterior(PairLevels pair, LevelShares m, LevelShares u, double prior, Set<Comparison> used) {
        double logOdds = Math.log(prior / (1 - prior));
        for (Comparison comparison : used) {
            ComparisonLevel level = pair.get(comparison);
            if (!level.isNull()) {
                logOdds += Math.log(m.get(comparison, level) / u.get(comparison, level));
            }
        }
        return 1 / (1 + Math.exp(-logOdds));
    }

    /** The prior by fixed point: expected matches among all candidate pairs over all pairs. */
    private static double prior(List<List<PersonRecord>> datasets, LevelShares m, LevelShares u) {
        List<PairLevels> candidates = new ArrayList<>();
        long allPairs = 0;
        for (List<PersonRecord> records : datasets) {
            candidates.addAll(candidatePairs(records));
            allPairs += (long) records.size() * (records.size() - 1) / 2;
        }
        double prior = 1e-4;
        for (int iteration = 0; iteration < 100; iteration++) {
            double expected = 0;
            for (PairLevels pair : candidates) {
                expected += posterior(pair, m, u, prior);
            }
            double next = expected / allPairs;
            if (Math.abs(next - prior) < 1e-12) {
                return next;
            }
            prior = next;
        }
        return prior;
    }

    private static List<PairLevels> randomPairs(List<PersonRecord> records, int samples, Random random) {
        List<PairLevels> pairs = new ArrayList<>(samples);
        while (pairs.size() < samples) {
            PersonRecord a = records.get(random.nextInt(records.size()));
            PersonRecord b = records.get(random.nextInt(records.size()));
            if (a != b) {
                pairs.add(PairLevels.compare(a, b));
            }
        }
        return pairs;
    }

    private static List<PairLevels> candidatePairs(List<PersonRecord> records) {
        List<PersonRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(PersonRecord::id));
        PersonClusterer clusterer = new PersonClusterer(PersonMatcher.withDefaults());
        List<PairLevels> pairs = new ArrayList<>();
        for (int[] pair : clusterer.candidatePairs(sorted)) {
            pairs.add(PairLevels.compare(sorted.get(pair[0]), sorted.get(pair[1])));
        }
        return pairs;
    }

    private static List<PairLevels> pairsSharingKey(List<PersonRecord> records, Function<PersonRecord, String> keyOf) {
        Map<String, List<PersonRecord>> blocks = new HashMap<>();
        for (PersonRecord record : records) {
            String key = keyOf.apply(record);
            if (key != null) {
                blocks.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
            }
        }
        List<PairLevels> pairs = new ArrayList<>();
        for (List<PersonRecord> block : blocks.values()) {
            for (int i = 0; i < block.size(); i++) {
                for (int j = i + 1; j < block.size(); j++) {
                    pairs.add(PairLevels.compare(block.get(i), block.get(j)));
                }
            }
        }
        return pairs;
    }

    private static LevelShares shares(List<PairLevels> pairs, double[] weights, Set<Comparison> comparisons) {
        Map<Comparison, Map<ComparisonLevel, Double>> shares = new EnumMap<>(Comparison.class);
        for (Comparison comparison : comparisons) {
            Map<ComparisonLevel, Double> sums = new LinkedHashMap<>();
            double nonNull = 0;
            for (int i = 0; i < pairs.size(); i++) {
                ComparisonLevel level = pairs.get(i).get(comparison);
                if (!level.isNull()) {
                    sums.merge(level, weights[i], Double::sum);
                    nonNull += weights[i];
                }
            }
            double denominator = nonNull;
            sums.replaceAll((level, sum) -> Math.max(FLOOR, sum / denominator));
            shares.put(comparison, sums);
        }
        return new LevelShares(shares);
    }

    private static double distance(LevelShares a, LevelShares b, Set<Comparison> comparisons) {
        double distance = 0;
        for (Comparison comparison : comparisons) {
            for (Map.Entry<ComparisonLevel, Double> entry :
                    b.shares().get(comparison).entrySet()) {
                distance += Math.abs(entry.getValue() - a.get(comparison, entry.getKey()));
            }
        }
        return distance;
    }

    /** A neutral start: agreement levels likely among matches, disagreement unlikely. */
    private static LevelShares initialM() {
        Map<Comparison, Map<ComparisonLevel, Double>> shares = new EnumMap<>(Comparison.class);
        shares.put(Comparison.FORENAME, nameStart());
        shares.put(Comparison.SURNAME, nameStart());
        shares.put(Comparison.DATE_OF_BIRTH, levels(ComparisonLevel.Date.values(), 0.8, 0.05, 0.05, 0.05, 0.05));
        shares.put(Comparison.POSTCODE, levels(ComparisonLevel.Postcode.values(), 0.8, 0.05, 0.05, 0.05, 0.05));
        shares.put(Comparison.ADDRESS, levels(ComparisonLevel.Address.values(), 0.4, 0.3, 0.1, 0.1, 0.1));
        return new LevelShares(shares);
    }

    private static Map<ComparisonLevel, Double> nameStart() {
        return levels(ComparisonLevel.Name.values(), 0.7, 0.02, 0.1, 0.05, 0.05, 0.08);
    }

    /** Shares of the non-null levels, in level order (the null level comes first). */
    private static Map<ComparisonLevel, Double> levels(ComparisonLevel[] all, double... values) {
        Map<ComparisonLevel, Double> shares = new LinkedHashMap<>();
        for (int i = 1; i < all.length; i++) {
            shares.put(all[i], values[i - 1]);
        }
        return shares;
    }

    /** Estimates from the FEBRL files given and prints every level's m, u and weight. */
    public static void main(String[] args) throws IOException {
        List<List<PersonRecord>> datasets = new ArrayList<>();
        for (String file : args) {
            datasets.add(FebrlCsv.read(Path.of(file)));
        }
        Estimate estimate = estimate(datasets, 1_000_000, 42L);
        System.out.printf(
                Locale.ROOT,
                "prior %.3g (%.2f bits)%n",
                estimate.prior(),
                MatchModel.log2(estimate.prior() / (1 - estimate.prior())));
        for (Comparison comparison : Comparison.values()) {
            System.out.println(comparison);
            estimate.u().shares().get(comparison).keySet().stream()
                    .sorted(Comparator.comparingInt(level -> ((Enum<?>) level).ordinal()))
                    .forEach(level -> {
                        double m = estimate.m().get(comparison, level);
                        double u = estimate.u().get(comparison, level);
                        System.out.printf(
                                Locale.ROOT,
                                "  %-16s m %.5f  u %.7f  weight %6.2f%n",
                                level,
                                m,
                                u,
                                MatchModel.log2(m / u));
                    });
        }
    }
}
