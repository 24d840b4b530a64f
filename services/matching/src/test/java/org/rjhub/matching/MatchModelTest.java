package org.rjhub.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatchModelTest {

    private final MatchModel defaults = MatchModel.defaults();

    @Test
    void shouldShipWeightsThatFallAsAgreementWeakens() {
        assertFalling(
                defaults.forename(),
                List.of(
                        ComparisonLevel.Name.EXACT,
                        ComparisonLevel.Name.JARO_WINKLER_92,
                        ComparisonLevel.Name.JARO_WINKLER_88,
                        ComparisonLevel.Name.JARO_WINKLER_70,
                        ComparisonLevel.Name.ELSE));
        assertFalling(
                defaults.surname(),
                List.of(
                        ComparisonLevel.Name.EXACT,
                        ComparisonLevel.Name.JARO_WINKLER_92,
                        ComparisonLevel.Name.JARO_WINKLER_88,
                        ComparisonLevel.Name.JARO_WINKLER_70,
                        ComparisonLevel.Name.ELSE));
        assertFalling(
                defaults.dateOfBirth(), List.of(ComparisonLevel.Date.values()).subList(1, 6));
        assertFalling(
                defaults.postcode(), List.of(ComparisonLevel.Postcode.values()).subList(1, 6));
        assertFalling(
                defaults.address(), List.of(ComparisonLevel.Address.values()).subList(1, 6));
    }

    @Test
    void shouldShipThresholdsWithAReviewBandBelowTheJoinWeight() {
        assertThat(defaults.matchWeight()).isEqualTo(10.0);
        assertThat(defaults.reviewWeight()).isEqualTo(4.0);
        assertThat(defaults.decide(10.0)).isEqualTo(Decision.MATCH);
        assertThat(defaults.decide(9.99)).isEqualTo(Decision.REVIEW);
        assertThat(defaults.decide(4.0)).isEqualTo(Decision.REVIEW);
        assertThat(defaults.decide(3.99)).isEqualTo(Decision.NO_MATCH);
    }

    @Test
    void shouldExpressThePriorInBits() {
        // Given one match in 1,025 pairs: odds 1:1024
        MatchModel model = defaults.withPriorMatchProbability(1.0 / 1025);

        // Then
        assertThat(model.priorWeight()).isCloseTo(-10.0, within(1e-9));
    }

    @Test
    void shouldGiveTheNullLevelNoWeight() {
        assertThat(defaults.forename().weight(ComparisonLevel.Name.NULL)).isZero();
        assertThat(defaults.postcode().weight(ComparisonLevel.Postcode.NULL)).isZero();
    }

    @Test
    void shouldRejectATableWithoutEveryNonNullLevel() {
        // Given
        Map<ComparisonLevel.Postcode, LevelParameters> partial = new EnumMap<>(ComparisonLevel.Postcode.class);
        partial.put(ComparisonLevel.Postcode.FULL, LevelParameters.of(0.9, 0.001));

        // When / Then
        assertThatThrownBy(() -> LevelTable.of(ComparisonLevel.Postcode.class, partial))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SECTOR");
    }

    @Test
    void shouldRejectParametersForTheNullLevel() {
        Map<ComparisonLevel.Postcode, LevelParameters> withNull =
                new EnumMap<>(defaults.postcode().asMap());
        withNull.put(ComparisonLevel.Postcode.NULL, LevelParameters.of(0.5, 0.5));

        assertThatThrownBy(() -> LevelTable.of(ComparisonLevel.Postcode.class, withNull))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAReviewWeightAboveTheMatchWeight() {
        assertThatThrownBy(() -> defaults.withThresholds(10, 12)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectProbabilitiesOutsideTheUnitInterval() {
        assertThatThrownBy(() -> LevelParameters.of(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LevelParameters.of(0.5, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withPriorMatchProbability(1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReplaceOneLevelWithoutChangingTheOriginal() {
        // When
        LevelTable<ComparisonLevel.Postcode> changed =
                defaults.postcode().with(ComparisonLevel.Postcode.FULL, LevelParameters.of(0.5, 0.5));

        // Then
        assertThat(changed.weight(ComparisonLevel.Postcode.FULL)).isZero();
        assertThat(defaults.postcode().weight(ComparisonLevel.Postcode.FULL)).isPositive();
        assertThat(defaults.withPostcode(changed)).isNotEqualTo(defaults);
    }

    private static <L extends Enum<L> & ComparisonLevel> void assertFalling(
            LevelTable<L> table, List<L> strongestFirst) {
        for (int i = 1; i < strongestFirst.size(); i++) {
            assertThat(table.weight(strongestFirst.get(i - 1)))
                    .as("%s above %s", strongestFirst.get(i - 1), strongestFirst.get(i))
                    .isGreaterThan(table.weight(strongestFirst.get(i)));
        }
    }
}
