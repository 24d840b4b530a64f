package org.rjhub.linker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.linker.evaluation.FebrlCsv;
import org.rjhub.linker.evaluation.FebrlData;
import org.rjhub.linker.evaluation.LinkageEvaluation;

/**
 * The FEBRL benchmark through {@code hub link} itself: the extract as a file, the command's CSV output judged against
 * the truth in the record ids. The data is this module's copy (test resources {@code febrl/}); without it the test
 * fails rather than skips.
 */
class FebrlThroughLinkCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"dataset1.csv", "dataset2.csv"})
    void shouldLinkFebrlDuplicatesWithHighPrecisionAndRecall(String dataset) throws IOException {
        // Given
        Path extract = febrlFile(dataset);
        Path out = dir.resolve("persons.csv");

        // When
        CommandRun run = CommandRun.of(extract, "--out", out);

        // Then: the output, judged here, and the figures the command printed agree
        assertThat(run.exitCode()).as(run.err()).isZero();
        Map<String, String> persons = personsOf(Files.readAllLines(out));
        LinkageEvaluation.Figures figures = LinkageEvaluation.evaluate(persons, LinkageEvaluation::febrlPerson);
        System.out.println("FEBRL " + dataset + " through hub link: "
                + String.format(
                        java.util.Locale.ROOT,
                        "precision %.4f, recall %.4f, F1 %.4f; %s candidate pairs, %s match pairs, %s review pairs; %s",
                        figures.precision(),
                        figures.recall(),
                        figures.f1(),
                        run.figure("candidate pairs"),
                        run.figure("match pairs"),
                        run.figure("review pairs"),
                        run.figure("runtime")));
        assertThat(persons).hasSize(FebrlCsv.read(extract).size());
        assertThat(figures.precision()).as("precision").isGreaterThan(0.99);
        assertThat(figures.f1()).as("F1").isGreaterThan(0.98);
        assertThat(run.figure("precision"))
                .isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", figures.precision()));
        assertThat(run.figure("recall")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", figures.recall()));
        assertThat(run.figure("F1")).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", figures.f1()));
        assertThat(run.err()).contains("candidate pairs", "match pairs", "review pairs", "runtime");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dataset1.csv", "dataset2.csv"})
    void shouldReadFebrlExtractsIntoExactlyTheRecordsTheRouterReads(String dataset) throws IOException {
        // Given
        Path extract = febrlFile(dataset);

        // When
        PersonExtractCsv.Extract read = PersonExtractCsv.read(extract);

        // Then
        assertThat(read.records()).isEqualTo(FebrlCsv.read(extract));
    }

    private static Map<String, String> personsOf(List<String> lines) {
        assertThat(lines.get(0)).isEqualTo("rec_id,person_id");
        Map<String, String> persons = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            assertThat(values).hasSize(2);
            assertThat(persons.put(values[0], values[1]))
                    .as("one row per record")
                    .isNull();
        }
        return persons;
    }

    private static Path febrlFile(String dataset) {
        return FebrlData.file(dataset);
    }
}
