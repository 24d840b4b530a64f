package org.rjhub.linker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkageEvaluationTest {

    @Test
    void shouldCountPairsWithinClustersAgainstTheTruth() {
        // Given truth {a, b, c} {d}; predicted {a, b} {c, d}
        Map<String, String> predicted = Map.of("a", "1", "b", "1", "c", "2", "d", "2");
        Map<String, String> truth = Map.of("a", "x", "b", "x", "c", "x", "d", "y");

        // When
        LinkageEvaluation.Figures figures = LinkageEvaluation.evaluate(predicted, truth::get);

        // Then: true pairs ab ac bc, predicted ab cd, correct ab
        assertThat(figures.truePairs()).isEqualTo(3);
        assertThat(figures.predictedPairs()).isEqualTo(2);
        assertThat(figures.correctPairs()).isEqualTo(1);
        assertThat(figures.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(figures.recall()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(figures.f1()).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void shouldScoreAPerfectClusteringAsOne() {
        Map<String, String> clusters = Map.of("rec-1-org", "k", "rec-1-dup-0", "k", "rec-2-org", "m");

        LinkageEvaluation.Figures figures = LinkageEvaluation.evaluate(clusters, LinkageEvaluation::febrlPerson);

        assertThat(figures.f1()).isEqualTo(1.0);
    }

    @Test
    void shouldReadThePersonFromFebrlRecordIds() {
        assertThat(LinkageEvaluation.febrlPerson("rec-12-org")).isEqualTo("12");
        assertThat(LinkageEvaluation.febrlPerson("rec-12-dup-3")).isEqualTo("12");
        assertThatThrownBy(() -> LinkageEvaluation.febrlPerson("pol-7")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeTheDataDirectoryOnlyFromWhatIsConfigured(@TempDir Path dir) {
        // Given a configured directory, one that does not exist, and none
        Path missing = dir.resolve("missing");

        // When / Then: nothing is looked for outside what is named
        assertThat(LinkageEvaluation.findFebrlDirectory(dir.toString())).contains(dir);
        assertThat(LinkageEvaluation.findFebrlDirectory(missing.toString())).isEmpty();
        assertThat(LinkageEvaluation.findFebrlDirectory(null)).isEmpty();
        assertThat(LinkageEvaluation.findFebrlDirectory(" ")).isEmpty();
    }
}
