package org.rjhub.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.matching.People.person;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockingKeysTest {

    @Test
    void shouldDeriveOneKeyPerRuleFromNormalisedValues() {
        // When
        Set<String> keys = BlockingKeys.of(People.amara());

        // Then
        assertThat(keys)
                .containsExactly(
                        "ds3:19840317:pen",
                        "dg3:19840317:ama",
                        "di:19840317:ap",
                        "dd:19840317:CM20",
                        "sm3:pennywhistle:ama:198403",
                        "ps:CM201AB:p",
                        "pg:CM201AB:a",
                        "hp:12:CM201AB",
                        "ni3:12:lark:CM:pen",
                        "ni3:12:lark:CM:ama");
    }

    @Test
    void shouldGiveTheSameKeysWhateverTheFormattingOfTheSource() {
        assertThat(BlockingKeys.of(People.amaraAgain())).containsExactlyElementsOf(BlockingKeys.of(People.amara()));
    }

    @Test
    void shouldLeaveOutRulesWhoseFieldsAreMissing() {
        // Given a name and a date of birth, nothing else
        PersonRecord noAddress = person("x-1", "Amara", "Pennywhistle", "1984-03-17", null, null);

        // When / Then
        assertThat(BlockingKeys.of(noAddress))
                .containsExactly(
                        "ds3:19840317:pen", "dg3:19840317:ama", "di:19840317:ap", "sm3:pennywhistle:ama:198403");
        assertThat(BlockingKeys.of(person("x-2", null, null, null, null, null))).isEmpty();
    }

    @Test
    void shouldGiveNoKeyOnANameAlone() {
        // a name is shared by more people with every referral: alone, it would be a block that never stops growing
        assertThat(BlockingKeys.of(person("x-7", "Amara", "Pennywhistle", null, null, null)))
                .isEmpty();
    }

    @Test
    void shouldShareAKeyWhenForenameAndSurnameAreSwapped() {
        // Given
        PersonRecord swapped = person("x-3", "Pennywhistle", "Amara", "1984-03-17", "SS1 2QT", "4 Quarry Lane");

        // When / Then
        assertThat(shared(People.amara(), swapped)).containsExactly("di:19840317:ap");
    }

    @Test
    void shouldShareAKeyWhenBothNamesAreMisspeltButTheDateOfBirthAndDistrictAgree() {
        PersonRecord misspelt = person("x-4", "Emara", "Benywhistle", "1984-03-17", "CM20 3XY", null);

        assertThat(shared(People.amara(), misspelt)).containsExactly("dd:19840317:CM20");
    }

    @Test
    void shouldShareAKeyWhenTheDayOfBirthIsMistypedAndThePersonMoved() {
        PersonRecord moved = person("x-8", "Amara", "Pennywhistle", "1984-03-18", "SS1 2QT", "4 Quarry Lane");

        assertThat(shared(People.amara(), moved)).containsExactly("sm3:pennywhistle:ama:198403");
    }

    @Test
    void shouldShareAHouseholdKeyWhenTheSurnameChangedAndTheDateIsMissing() {
        PersonRecord married = person("x-9", "Amara", "Quillfeather", null, "CM20 1AB", "Flat 1, 30 Larkspur Road");

        assertThat(shared(People.amara(), married)).containsExactly("pg:CM201AB:a");
    }

    @Test
    void shouldShareAHouseholdKeyWhenNamesDateAndPostcodeAllDisagree() {
        // Given a new surname, a wrong date and a mistyped postcode, same house and street
        PersonRecord moved =
                person("x-5", "Amarah", "Quillfeather", "1985-03-17", "CM20 1AX", "12 Larkspur Road Harlow");

        // When / Then
        assertThat(shared(People.amara(), moved)).containsExactly("ni3:12:lark:CM:ama");
    }

    @Test
    void shouldKeyTheBuildingNotTheFlat() {
        // Given
        PersonRecord flat = person("x-6", "Tobin", null, null, "SS1 2QT", "Flat 2, 4 Quarry Lane");

        // When / Then
        assertThat(BlockingKeys.of(flat)).contains("hp:4:SS12QT", "ni3:4:quar:SS:tob");
    }

    @Test
    void shouldKeepTheNumberOfKeysPerRecordSmall() {
        assertThat(BlockingKeys.of(People.amara())).hasSizeLessThanOrEqualTo(10);
        assertThat(BlockingKeys.of(People.tobin())).hasSizeLessThanOrEqualTo(10);
    }

    @Test
    void shouldShareAHouseholdKeyWhenTheNamesAreSwappedAndTheDateAndPostcodeDisagree() {
        // Given forename and surname swapped, a wrong date and a mistyped postcode, same house and street
        PersonRecord swapped =
                person("x-7", "Pennywhistle", "Amara", "1985-04-17", "CM20 1AX", "12 Larkspur Road Harlow");

        // When / Then: the surname's initial on one side is the forename's on the other
        assertThat(shared(People.amara(), swapped))
                .containsExactlyInAnyOrder("ni3:12:lark:CM:pen", "ni3:12:lark:CM:ama");
    }

    @Test
    void shouldNotPutTwoPeopleOfOneStreetNumberInTheSameBlockWhenNeitherInitialIsShared() {
        // Given someone else at the same number and street in the same postcode area (another town of it)
        PersonRecord neighbour = person("x-8", "Wilf", "Thorne", "1990-01-02", "CM7 9ZZ", "12 Larkspur Road Braintree");

        // When / Then: the area and street alone held a county's worth of households
        assertThat(shared(People.amara(), neighbour)).isEmpty();
        assertThat(BlockingKeys.ofEarlierRules(People.amara())).contains("hs:12:lark:CM");
        assertThat(BlockingKeys.ofEarlierRules(neighbour)).contains("hs:12:lark:CM");
    }

    @Test
    void shouldNotPutTwoPeopleBornTheSameDayInTheSameBlockWhenOnlyTheirInitialsAgree() {
        // Given someone else born the same day, whose names start with the same letters as Amara Pennywhistle's
        PersonRecord namesake = person("x-10", "Alfred", "Parker", "1984-03-17", null, null);

        // When / Then: a date of birth with an initial is shared by more people with every referral; with three
        // letters the block is the people of one date of birth and one name
        assertThat(shared(People.amara(), namesake)).containsExactly("di:19840317:ap");
        assertThat(BlockingKeys.ofEarlierRules(People.amara())).contains("ds:19840317:p", "dg:19840317:a");
        assertThat(BlockingKeys.ofEarlierRules(namesake)).contains("ds:19840317:p", "dg:19840317:a");
    }

    @Test
    void shouldShareAKeyWhenEachNameIsMisspeltWithinItsFirstThreeLetters() {
        // Given a keying error in the second letter of one name and the third of the other, elsewhere in the county
        PersonRecord misspelt = person("x-11", "Anara", "Pemnywhistle", "1984-03-17", "SS1 2QT", "4 Quarry Lane");

        // When / Then: the date of birth and both initials still agree
        assertThat(shared(People.amara(), misspelt)).containsExactly("di:19840317:ap");
    }

    @Test
    void shouldShareAKeyWhenTheSurnameIsMisspeltWithinItsFirstThreeLettersAndTheForenameIsKept() {
        PersonRecord misspelt = person("x-12", "Amara", "Pemnywhistle", "1984-03-17", null, null);

        assertThat(shared(People.amara(), misspelt)).containsExactlyInAnyOrder("dg3:19840317:ama", "di:19840317:ap");
    }

    private static Set<String> shared(PersonRecord a, PersonRecord b) {
        Set<String> keys = new HashSet<>(BlockingKeys.of(a));
        keys.retainAll(BlockingKeys.of(b));
        return keys;
    }
}
