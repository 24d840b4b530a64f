package org.rjhub.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rjhub.matching.People.person;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PersonClustererTest {

    private final PersonClusterer clusterer = new PersonClusterer(PersonMatcher.withDefaults());

    /** Three people, each recorded two or three times by different agencies, and one loner. */
    private static List<PersonRecord> population() {
        return List.of(
                person("pol-7", "Amara", "Pennywhistle", "1984-03-17", "CM20 1AB", "12 Larkspur Road Harlow"),
                person("vs-2", "amara", "PENNYWHISTLE", "1984-03-17", "cm201ab", "12 larkspur rd harlow"),
                person("yot-5", "Amarah", "Penywhistle", null, "CM20 1AB", "12 Larkspur Road Harlow"),
                person("pol-3", "Tobin", "Marchbank", "1979-11-02", "SS1 2QT", "4 Quarry Lane Southend"),
                person("prob-1", "Marchbank", "Tobin", "1979-11-02", "SS1 2QT", null),
                person("pol-9", "Delphine", "Thornbury", "1961-05-30", "CO4 5PL", "7 Ash Walk Colchester"),
                person("vs-4", "Delphine", "Thornbery", "1961-05-03", "CO4 5PL", "7 Ash Walk"),
                person("vs-8", "Ottoline", "Bexley", "2001-08-21", "RM17 6QS", "30 Dock Road Grays"));
    }

    @Test
    void shouldClusterRecordsOfTheSamePersonUnderTheSmallestRecordId() {
        // When
        Clustering clustering = clusterer.cluster(population());

        // Then
        assertThat(clustering.clusterIds())
                .containsEntry("pol-7", "pol-7")
                .containsEntry("vs-2", "pol-7")
                .containsEntry("yot-5", "pol-7")
                .containsEntry("pol-3", "pol-3")
                .containsEntry("prob-1", "pol-3")
                .containsEntry("pol-9", "pol-9")
                .containsEntry("vs-4", "pol-9")
                .containsEntry("vs-8", "vs-8");
        assertThat(clustering.clusterCount()).isEqualTo(4);
        assertThat(clustering.conflicts()).isEmpty();
    }

    @Test
    void shouldGiveTheSameClustersWhateverTheInputOrder() {
        // Given
        Clustering expected = clusterer.cluster(population());

        for (long seed = 1; seed <= 8; seed++) {
            // When
            List<PersonRecord> shuffled = new ArrayList<>(population());
            Collections.shuffle(shuffled, new Random(seed));
            Clustering actual = clusterer.cluster(shuffled);

            // Then
            assertThat(actual).as("seed %d", seed).isEqualTo(expected);
        }
    }

    @Test
    void shouldUseABlockOverTheCapForNoRecordWhateverTheInputOrder() {
        // Given one invented person recorded three times: every blocking key holds three records
        List<PersonRecord> records = List.of(
                person("a-1", "Amara", "Pennywhistle", "1984-03-17", "CM20 1AB", "12 Larkspur Road Harlow"),
                person("b-1", "Amara", "Pennywhistle", "1984-03-17", "CM20 1AB", "12 Larkspur Road Harlow"),
                person("c-1", "Amara", "Pennywhistle", "1984-03-17", "CM20 1AB", "12 Larkspur Road Harlow"));
        PersonClusterer capped = new PersonClusterer(PersonMatcher.withDefaults(), 2);

        for (long seed = 1; seed <= 4; seed++) {
            List<PersonRecord> shuffled = new ArrayList<>(records);
            Collections.shuffle(shuffled, new Random(seed));

            // When clustered with a cap of two records per key
            Clustering clustering = capped.cluster(shuffled);

            // Then no key is used for anyone, not even for the first two records: no pair compared, three clusters
            assertThat(clustering.candidatePairs()).as("seed %d", seed).isZero();
            assertThat(clustering.clusterCount()).as("seed %d", seed).isEqualTo(3);
        }
        // while a cap of three links all three
        assertThat(new PersonClusterer(PersonMatcher.withDefaults(), 3)
                        .cluster(records)
                        .clusterCount())
                .isEqualTo(1);
    }

    @Test
    void shouldGiveTheSameClustersWhateverTheInputOrderWithHumanDecisions() {
        // Given
        HumanDecisions decisions =
                HumanDecisions.none().withKeepApart("pol-7", "yot-5").withLinkConfirmed("vs-8", "pol-9");
        Clustering expected = clusterer.cluster(population(), decisions);

        for (long seed = 1; seed <= 8; seed++) {
            List<PersonRecord> shuffled = new ArrayList<>(population());
            Collections.shuffle(shuffled, new Random(seed));

            assertThat(clusterer.cluster(shuffled, decisions))
                    .as("seed %d", seed)
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldKeepApartAPairPeopleSaidAreDifferentEvenThroughOtherLinks() {
        // Given pol-7 ~ vs-2 ~ yot-5 all match, but a person has said pol-7 and yot-5 differ
        HumanDecisions decisions = HumanDecisions.none().withKeepApart("pol-7", "yot-5");

        // When
        Clustering clustering = clusterer.cluster(population(), decisions);

        // Then
        assertThat(clustering.together("pol-7", "yot-5")).isFalse();
        assertThat(clustering.together("pol-7", "vs-2")).isTrue();
        assertThat(clustering.conflicts()).containsExactly(RecordPair.of("vs-2", "yot-5"));
    }

    @Test
    void shouldLinkAPairPeopleConfirmedWhateverItsScore() {
        // Given two records the matcher scores as different people
        assertThat(PersonMatcher.withDefaults()
                        .score(population().get(7), population().get(5))
                        .decision())
                .isEqualTo(Decision.NO_MATCH);
        HumanDecisions decisions = HumanDecisions.none().withLinkConfirmed("vs-8", "pol-9");

        // When
        Clustering clustering = clusterer.cluster(population(), decisions);

        // Then
        assertThat(clustering.clusterOf("vs-8")).isEqualTo("pol-9");
        assertThat(clustering.clusterOf("vs-4")).isEqualTo("pol-9");
    }

    @Test
    void shouldReportAConfirmedLinkThatContradictsAKeepApartAsAConflict() {
        // Given vs-2 kept apart from pol-7, then confirmed as the same as yot-5 (who is pol-7's)
        HumanDecisions decisions =
                HumanDecisions.none().withKeepApart("pol-7", "vs-2").withLinkConfirmed("vs-2", "yot-5");

        // When
        Clustering clustering = clusterer.cluster(population(), decisions);

        // Then the people's decisions win over the score, and no kept-apart pair is together
        assertThat(clustering.together("vs-2", "yot-5")).isTrue();
        assertThat(clustering.together("pol-7", "vs-2")).isFalse();
        assertThat(clustering.conflicts()).isNotEmpty();
    }

    @Test
    void shouldReportPairsInTheReviewBand() {
        // Given the same names, the day of birth one apart, no address
        List<PersonRecord> records = List.of(
                person("a", "Amara", "Pennywhistle", "1984-03-17", null, null),
                person("b", "Amara", "Pennywhistle", "1984-03-18", null, null));

        // When
        Clustering clustering = clusterer.cluster(records);

        // Then
        assertThat(clustering.together("a", "b")).isFalse();
        assertThat(clustering.reviewPairs()).containsExactly(RecordPair.of("a", "b"));
        assertThat(clustering.candidatePairs()).isEqualTo(1);
    }

    @Test
    void shouldRejectDuplicateRecordIds() {
        List<PersonRecord> records = List.of(People.amara(), People.amara());

        assertThatThrownBy(() -> clusterer.cluster(records)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAPairBothKeptApartAndConfirmed() {
        assertThatThrownBy(() -> HumanDecisions.none().withKeepApart("a", "b").withLinkConfirmed("b", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNotExpandBlocksLargerThanTheLimit() {
        // Given three records sharing only a date of birth, and a limit of two per block
        List<PersonRecord> records = List.of(
                person("a", "Amara", null, "1984-03-17", null, null),
                person("b", "Tobin", null, "1984-03-17", null, null),
                person("c", "Ottoline", null, "1984-03-17", null, null));

        // When
        Clustering clustering = new PersonClusterer(PersonMatcher.withDefaults(), 2).cluster(records);

        // Then
        assertThat(clustering.candidatePairs()).isZero();
    }
}
