package org.rjhub.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rjhub.matching.People.person;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PersonMatcherTest {

    private final PersonMatcher matcher = PersonMatcher.withDefaults();
    private final MatchModel model = matcher.model();

    private MatchResult score(PersonRecord a, PersonRecord b) {
        return matcher.score(a, b);
    }

    private static PersonRecord named(String given, String surname) {
        return person("n-" + given + "-" + surname, given, surname, null, null, null);
    }

    private static PersonRecord born(String dob) {
        return person("d-" + dob, null, null, dob, null, null);
    }

    private static PersonRecord livingAt(String postcode) {
        return person("p-" + postcode, null, null, null, postcode, null);
    }

    @Nested
    class Names {

        @Test
        void shouldScoreIdenticalNamesAsExact() {
            // When
            MatchResult result = score(People.amara(), People.amaraAgain());

            // Then
            assertThat(result.level(Comparison.FORENAME)).isEqualTo(ComparisonLevel.Name.EXACT);
            assertThat(result.level(Comparison.SURNAME)).isEqualTo(ComparisonLevel.Name.EXACT);
        }

        @Test
        void shouldScoreSwappedForenameAndSurnameAsStrongMatch() {
            // Given a referral that put the surname in the forename field, and nothing else in common
            PersonRecord inOrder = named("amara", "pennywhistle");
            PersonRecord swapped = named("pennywhistle", "amara");
            PersonRecord unrelated = named("tobin", "marchbank");

            // When
            MatchResult result = score(inOrder, swapped);

            // Then both name comparisons reach SWAPPED, worth a name agreement, not a disagreement
            assertThat(result.level(Comparison.FORENAME)).isEqualTo(ComparisonLevel.Name.SWAPPED);
            assertThat(result.level(Comparison.SURNAME)).isEqualTo(ComparisonLevel.Name.SWAPPED);
            double swappedNames = result.outcome(Comparison.FORENAME).weight()
                    + result.outcome(Comparison.SURNAME).weight();
            double exactNames = model.forename().weight(ComparisonLevel.Name.EXACT)
                    + model.surname().weight(ComparisonLevel.Name.EXACT);
            assertThat(swappedNames).isGreaterThan(10).isLessThan(exactNames);
            assertThat(result.weight()).isGreaterThan(score(inOrder, unrelated).weight() + 15);
        }

        @Test
        void shouldScoreSwappedNamesWithTyposAsSwapped() {
            MatchResult result = score(named("amara", "pennywhistle"), named("pennywhistel", "amara"));

            assertThat(result.level(Comparison.FORENAME)).isEqualTo(ComparisonLevel.Name.SWAPPED);
        }

        @Test
        void shouldNotTreatIdenticalForenameAndSurnameAsSwapped() {
            MatchResult result = score(named("ellis", "ellis"), named("ellis", "ellis"));

            assertThat(result.level(Comparison.FORENAME)).isEqualTo(ComparisonLevel.Name.EXACT);
        }

        @Test
        void shouldGradeNameTyposByJaroWinklerSimilarity() {
            // marshbank 0.948, tobias 0.893, robin 0.867, quillfeather < 0.7
            assertThat(Comparisons.name("marchbank", "marshbank")).isEqualTo(ComparisonLevel.Name.JARO_WINKLER_92);
            assertThat(Comparisons.name("tobin", "tobias")).isEqualTo(ComparisonLevel.Name.JARO_WINKLER_88);
            assertThat(Comparisons.name("tobin", "robin")).isEqualTo(ComparisonLevel.Name.JARO_WINKLER_70);
            assertThat(Comparisons.name("amara", "quillfeather")).isEqualTo(ComparisonLevel.Name.ELSE);
        }

        @Test
        void shouldWeighCloserNamesMore() {
            for (LevelTable<ComparisonLevel.Name> table : List.of(model.forename(), model.surname())) {
                assertThat(table.weight(ComparisonLevel.Name.EXACT))
                        .isGreaterThan(table.weight(ComparisonLevel.Name.JARO_WINKLER_92));
                assertThat(table.weight(ComparisonLevel.Name.JARO_WINKLER_92))
                        .isGreaterThan(table.weight(ComparisonLevel.Name.JARO_WINKLER_70));
                assertThat(table.weight(ComparisonLevel.Name.JARO_WINKLER_88))
                        .isGreaterThan(table.weight(ComparisonLevel.Name.JARO_WINKLER_70));
                assertThat(table.weight(ComparisonLevel.Name.JARO_WINKLER_70))
                        .isGreaterThan(table.weight(ComparisonLevel.Name.ELSE));
                assertThat(table.weight(ComparisonLevel.Name.ELSE)).isNegative();
            }
        }
    }

    @Nested
    class DateOfBirth {

        @Test
        void shouldScoreSameDateAsExact() {
            assertThat(score(born("1984-03-17"), born("1984-03-17")).level(Comparison.DATE_OF_BIRTH))
                    .isEqualTo(ComparisonLevel.Date.EXACT);
        }

        @Test
        void shouldScoreOneMistypedDigitAsOneEdit() {
            // 19840317 -> 19840311 (substitution) and 19480317 (adjacent transposition)
            assertThat(Comparisons.dateOfBirth(date("1984-03-17"), date("1984-03-11")))
                    .isEqualTo(ComparisonLevel.Date.ONE_EDIT);
            assertThat(Comparisons.dateOfBirth(date("1984-03-17"), date("1948-03-17")))
                    .isEqualTo(ComparisonLevel.Date.ONE_EDIT);
        }

        @Test
        void shouldScoreDayAndMonthTransposedAsOneEdit() {
            // American order: 1984-03-11 recorded as 1984-11-03
            assertThat(Comparisons.dateOfBirth(date("1984-03-11"), date("1984-11-03")))
                    .isEqualTo(ComparisonLevel.Date.ONE_EDIT);
        }

        @Test
        void shouldScoreDatesWithinAMonthAndAYear() {
            assertThat(Comparisons.dateOfBirth(date("1984-03-17"), date("1984-04-02")))
                    .isEqualTo(ComparisonLevel.Date.WITHIN_MONTH);
            assertThat(Comparisons.dateOfBirth(date("1984-03-17"), date("1984-09-28")))
                    .isEqualTo(ComparisonLevel.Date.WITHIN_YEAR);
            assertThat(Comparisons.dateOfBirth(date("1984-03-17"), date("1990-09-28")))
                    .isEqualTo(ComparisonLevel.Date.ELSE);
        }

        @Test
        void shouldTreatMissingDateOfBirthAsNeutral() {
            // When
            MatchResult result = score(born("1984-03-17"), person("x", null, null, null, null, null));

            // Then
            assertThat(result.level(Comparison.DATE_OF_BIRTH)).isEqualTo(ComparisonLevel.Date.NULL);
            assertThat(result.outcome(Comparison.DATE_OF_BIRTH).weight()).isZero();
            assertThat(result.weight()).isEqualTo(model.priorWeight());
        }

        private static LocalDate date(String iso) {
            return LocalDate.parse(iso);
        }
    }

    @Nested
    class Postcode {

        @Test
        void shouldScoreUkPostcodeLevelsFromFullDownToArea() {
            assertThat(Comparisons.postcode("CM20 1AB", "CM20 1AB")).isEqualTo(ComparisonLevel.Postcode.FULL);
            assertThat(Comparisons.postcode("CM20 1AB", "CM20 1XY")).isEqualTo(ComparisonLevel.Postcode.SECTOR);
            assertThat(Comparisons.postcode("CM20 1AB", "CM20 3QT")).isEqualTo(ComparisonLevel.Postcode.DISTRICT);
            assertThat(Comparisons.postcode("CM20 1AB", "CM17 9LW")).isEqualTo(ComparisonLevel.Postcode.AREA);
            assertThat(Comparisons.postcode("CM20 1AB", "SS1 2QT")).isEqualTo(ComparisonLevel.Postcode.ELSE);
        }

        @Test
        void shouldTreatPostcodeSectorMatchAsWeakerThanFull() {
            // Given
            PersonRecord home = livingAt("CM20 1AB");

            // When
            double full = score(home, livingAt("cm201ab")).weight();
            double sector = score(home, livingAt("CM20 1XY")).weight();
            double district = score(home, livingAt("CM20 3QT")).weight();
            double elsewhere = score(home, livingAt("SS1 2QT")).weight();

            // Then
            assertThat(full).isGreaterThan(sector);
            assertThat(sector).isGreaterThan(district);
            assertThat(district).isGreaterThan(elsewhere);
        }

        @Test
        void shouldCompareNonUkPostcodesByEqualityOnly() {
            assertThat(Comparisons.postcode("4011", "4011")).isEqualTo(ComparisonLevel.Postcode.FULL);
            assertThat(Comparisons.postcode("4011", "4012")).isEqualTo(ComparisonLevel.Postcode.ELSE);
            assertThat(Comparisons.postcode("4011", "CM20 1AB")).isEqualTo(ComparisonLevel.Postcode.ELSE);
        }

        @Test
        void shouldCompareOutwardCodeAloneAtDistrictLevel() {
            assertThat(Comparisons.postcode("CM20", "CM20 1AB")).isEqualTo(ComparisonLevel.Postcode.DISTRICT);
        }
    }

    @Nested
    class Address {

        @Test
        void shouldScoreSameWordsInAnotherOrderAsExact() {
            assertThat(Comparisons.address("flat 2 mill court 4 high street", "4 high street flat 2 mill court"))
                    .isEqualTo(ComparisonLevel.Address.EXACT);
        }

        @Test
        void shouldScoreTyposAndMissingWordsByShareOfAgreeingWords() {
            assertThat(Comparisons.address("12 larkspur road harlow", "12 larkspurr road harlow"))
                    .isEqualTo(ComparisonLevel.Address.WORDS_80);
            assertThat(Comparisons.address("12 larkspur road harlow", "12 larkspur road"))
                    .isEqualTo(ComparisonLevel.Address.WORDS_80);
            assertThat(Comparisons.address("12 larkspur road harlow", "31 larkspur road epping"))
                    .isEqualTo(ComparisonLevel.Address.WORDS_40);
            assertThat(Comparisons.address("12 larkspur road harlow", "4 quarry lane southend"))
                    .isEqualTo(ComparisonLevel.Address.ELSE);
        }

        @Test
        void shouldNotLetHouseNumbersAgreeByTypo() {
            assertThat(Comparisons.address("12 larkspur road", "13 larkspur road"))
                    .isEqualTo(ComparisonLevel.Address.WORDS_60);
        }
    }

    @Nested
    class Decisions {

        @Test
        void shouldMatchTheSamePersonRecordedTwice() {
            // When
            MatchResult result = score(People.amara(), People.amaraAgain());

            // Then
            assertThat(result.decision()).isEqualTo(Decision.MATCH);
            assertThat(result.weight()).isGreaterThan(model.matchWeight());
            assertThat(result.probability()).isGreaterThan(0.999);
        }

        @Test
        void shouldNotMatchDifferentPeople() {
            MatchResult result = score(People.amara(), People.tobin());

            assertThat(result.decision()).isEqualTo(Decision.NO_MATCH);
            assertThat(result.probability()).isLessThan(0.001);
        }

        @Test
        void shouldMatchDespiteTyposAndAMissingDate() {
            // Given
            PersonRecord typed = person("b-2", "Amarah", "Penywhistle", null, "CM20 1AB", "12 Larkspur Rd Harlow");

            // When / Then
            assertThat(score(People.amara(), typed).decision()).isEqualTo(Decision.MATCH);
        }

        @Test
        void shouldPutWeakEvidenceToReview() {
            // Given the same names in the same postcode sector, no date of birth, no address
            PersonRecord sameNameElsewhere = person("b-3", "Amara", "Pennywhistle", null, "CM20 1XY", null);

            // When
            MatchResult result = score(People.amara(), sameNameElsewhere);

            // Then
            assertThat(result.weight())
                    .isGreaterThanOrEqualTo(model.reviewWeight())
                    .isLessThan(model.matchWeight());
            assertThat(result.decision()).isEqualTo(Decision.REVIEW);
        }

        @Test
        void shouldNeverLinkHouseholdMembersAutomatically() {
            // Given a parent and an adult child: same surname, address and postcode
            PersonRecord parent =
                    person("h-1", "Delphine", "Thornbury", "1961-05-30", "CO4 5PL", "7 Ash Walk Colchester");
            PersonRecord child =
                    person("h-2", "Rosalind", "Thornbury", "1990-12-09", "CO4 5PL", "7 Ash Walk Colchester");

            // When
            MatchResult result = score(parent, child);

            // Then the weight alone would link them; the decision does not
            assertThat(result.weight()).isGreaterThan(model.matchWeight());
            assertThat(result.decision()).isEqualTo(Decision.REVIEW);
        }

        @Test
        void shouldDecideByTheModelThresholds() {
            // Given
            PersonMatcher strict = new PersonMatcher(model.withThresholds(60, 50));

            // When / Then
            assertThat(strict.score(People.amara(), People.amaraAgain()).decision())
                    .isEqualTo(Decision.NO_MATCH);
        }

        @Test
        void shouldAddLevelWeightsToThePrior() {
            // When
            MatchResult result = score(People.amara(), People.amaraAgain());

            // Then
            double sum = result.evidence().stream()
                    .mapToDouble(ComparisonOutcome::weight)
                    .sum();
            assertThat(result.weight()).isCloseTo(model.priorWeight() + sum, within(1e-9));
            assertThat(result.evidence())
                    .extracting(ComparisonOutcome::comparison)
                    .containsExactly(Comparison.values());
        }

        @Test
        void shouldScoreSymmetrically() {
            PersonRecord a = person("s-1", "Tobin", "Marchbank", "1979-11-02", "SS1 2QT", "4 Quarry Ln");
            PersonRecord b = person("s-2", "Tobias", "Marshbank", "1979-12-02", "SS1 2QX", "4 Quary Lane");

            assertThat(score(a, b)).isEqualTo(score(b, a));
        }
    }
}
