package org.rjhub.linker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.PersonClusterer;
import org.rjhub.matching.PersonMatcher;
import org.rjhub.matching.PersonRecord;

/**
 * Linkage quality on the FEBRL benchmark (synthetic people), with the shipped model. The data is
 * this module's copy (test resources {@code febrl/}); without it the test fails rather than skips.
 */
class FebrlLinkageQualityTest {

    private final PersonClusterer clusterer = new PersonClusterer(PersonMatcher.withDefaults());

    @ParameterizedTest
    @ValueSource(strings = {"dataset1.csv", "dataset2.csv"})
    void shouldLinkFebrlDuplicatesWithHighPrecisionAndRecall(String dataset) throws IOException {
        // Given
        Path file = febrlFile(dataset);

        // When
        LinkageEvaluation.Run run = LinkageEvaluation.run(file, clusterer);

        // Then
        LinkageEvaluation.Figures figures = run.figures();
        assertThat(figures.precision()).as("precision").isGreaterThan(0.99);
        assertThat(figures.f1()).as("F1").isGreaterThan(0.98);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset1.csv", "dataset2.csv"})
    void shouldKeepBlocksSmallAndCandidatePairsFewPerRecord(String dataset) throws IOException {
        // Given
        List<PersonRecord> records = FebrlCsv.read(febrlFile(dataset));

        // When
        Map<String, Integer> blockSizes = new HashMap<>();
        for (PersonRecord record : records) {
            for (String key : BlockingKeys.of(record)) {
                blockSizes.merge(key, 1, Integer::sum);
            }
        }
        long candidatePairs = clusterer.cluster(records).candidatePairs();

        // Then
        assertThat(blockSizes.values()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(20));
        assertThat(candidatePairs).isLessThan(2L * records.size());
    }

    private static Path febrlFile(String dataset) {
        return FebrlData.file(dataset);
    }
}
