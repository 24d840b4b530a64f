package org.rjhub.linker.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rjhub.matching.Clustering;
import org.rjhub.matching.PersonClusterer;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;

/**
 * Pairwise quality of a {@link Clustering} against the truth, and a program printing it for
 * FEBRL extracts, whose truth is in the record ids: {@code rec-N-org} and {@code rec-N-dup-K} are
 * the same person. The ids are used to score the result only, never to produce it.
 */
public final class LinkageEvaluation {

    /** System property naming the FEBRL data directory; otherwise it is looked up. */
    public static final String FEBRL_DIR_PROPERTY = "rjhub.febrl.dir";

    private static final Pattern FEBRL_ID = Pattern.compile("rec-(\\d+)-(?:org|dup-\\d+)");

    private LinkageEvaluation() {}

    /**
     * Pairwise figures: a pair of records is predicted when the clustering puts them together and
     * true when they are the same person.
     */
    public record Figures(long truePairs, long predictedPairs, long correctPairs) {

        public double precision() {
            return predictedPairs == 0 ? 1.0 : (double) correctPairs / predictedPairs;
        }

        public double recall() {
            return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
        }
    }

    /** A FEBRL run: the figures and what it took to get them. */
    public record Run(String dataset, int records, Clustering clustering, Figures figures, long elapsedMillis) {}

    /**
     * Compares a clustering with the truth.
     *
     * @param clusterIds   record id to predicted cluster id
     * @param truePersonOf record id to the true person's id
     */
    public static Figures evaluate(Map<String, String> clusterIds, Function<String, String> truePersonOf) {
        Map<String, Long> predicted = new HashMap<>();
        Map<String, Long> truth = new HashMap<>();
        Map<List<String>, Long> both = new HashMap<>();
        clusterIds.forEach((id, cluster) -> {
            String person = truePersonOf.apply(id);
            predicted.merge(cluster, 1L, Long::sum);
            truth.merge(person, 1L, Long::sum);
            both.merge(List.of(cluster, person), 1L, Long::sum);
        });
        return new Figures(pairs(truth), pairs(predicted), pairs(both));
    }

    /** The person in a FEBRL record id: {@code "12"} for {@code rec-12-org} and {@code rec-12-dup-3}. */
    public static String febrlPerson(String recordId) {
        Matcher matcher = FEBRL_ID.matcher(recordId);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a FEBRL record id");
        }
        return matcher.group(1);
    }

    /** Reads, clusters and evaluates one FEBRL extract. */
    public static Run run(Path file, PersonClusterer clusterer) throws IOException {
        long start = System.nanoTime();
        List<PersonRecord> records = FebrlCsv.read(file);
        Clustering clustering = clusterer.cluster(records);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        Figures figures = evaluate(clustering.clusterIds(), LinkageEvaluation::febrlPerson);
        return new Run(file.getFileName().toString(), records.size(), clustering, figures, elapsed);
    }

    /**
     * The FEBRL data directory named by {@code configured} (the {@value #FEBRL_DIR_PROPERTY} system
     * property), if it is one. The repository's tests use their own copy (linker test resources).
     */
    public static Optional<Path> findFebrlDirectory(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(configured);
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    /**
     * Prints precision, recall and F1 for each FEBRL file given, or for {@code dataset1.csv} and
     * {@code dataset2.csv} of the directory named by {@code -D}{@value #FEBRL_DIR_PROPERTY}.
     */
    public static void main(String[] args) throws IOException {
        List<Path> files;
        if (args.length > 0) {
            files = Arrays.stream(args).map(Path::of).toList();
        } else {
            Path dir = findFebrlDirectory(System.getProperty(FEBRL_DIR_PROPERTY))
                    .orElseThrow(() -> new IllegalStateException("give FEBRL files, or -D" + FEBRL_DIR_PROPERTY
                            + "=<dir> holding dataset1.csv and dataset2.csv (the repository has them in"
                            + " services/linker/src/test/resources/febrl)"));
            files = List.of(dir.resolve("dataset1.csv"), dir.resolve("dataset2.csv"));
        }
        PersonClusterer clusterer = new PersonClusterer(PersonMatcher.withDefaults());
        System.out.printf(
                Locale.ROOT,
                "%-14s %7s %10s %8s %8s %7s %7s %10s %9s %8s %7s%n",
                "dataset",
                "records",
                "candidates",
                "matches",
                "clusters",
                "TP",
                "FP",
                "FN",
                "precision",
                "recall",
                "F1");
        for (Path file : files) {
            Run run = run(file, clusterer);
            Figures f = run.figures();
            System.out.printf(
                    Locale.ROOT,
                    "%-14s %7d %10d %8d %8d %7d %7d %10d %9.4f %8.4f %7.4f  (%d ms)%n",
                    run.dataset(),
                    run.records(),
                    run.clustering().candidatePairs(),
                    run.clustering().matchPairs(),
                    run.clustering().clusterCount(),
                    f.correctPairs(),
                    f.predictedPairs() - f.correctPairs(),
                    f.truePairs() - f.correctPairs(),
                    f.precision(),
                    f.recall(),
                    f.f1(),
                    run.elapsedMillis());
        }
    }

    private static long pairs(Map<?, Long> sizes) {
        long total = 0;
        for (long size : sizes.values()) {
            total += size * (size - 1) / 2;
        }
        return total;
    }
}
