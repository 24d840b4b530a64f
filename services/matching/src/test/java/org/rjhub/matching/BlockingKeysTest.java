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
                        "ds:19840317:p",
                        "dg:19840317:a",
                        "di:19840317:ap",
                        "dd:19840317:CM20",
                        "sm:pennywhistle:a:198403",
                        "ps:CM201AB:p",
                        "pg:CM201AB:a",
                        "hp:12:CM201AB",
                        "hs:12:lark:CM");
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
                .containsExactly("ds:19840317:p", "dg:19840317:a", "di:19840317:ap", "sm:pennywhistle:a:198403");
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

        assertThat(shared(People.amara(), moved)).containsExactly("sm:pennywhistle:a:198403");
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
                person("x-5", "Amira", "Quillfeather", "1985-03-17", "CM20 1AX", "12 Larkspur Road Harlow");

        // When / Then
        assertThat(shared(People.amara(), moved)).containsExactly("hs:12:lark:CM");
    }

    @Test
    void shouldKeyTheBuildingNotTheFlat() {
        // Given
        PersonRecord flat = person("x-6", "Tobin", null, null, "SS1 2QT", "Flat 2, 4 Quarry Lane");

        // When / Then
        assertThat(BlockingKeys.of(flat)).contains("hp:4:SS12QT", "hs:4:quar:SS");
    }

    @Test
    void shouldKeepTheNumberOfKeysPerRecordSmall() {
        assertThat(BlockingKeys.of(People.amara())).hasSizeLessThanOrEqualTo(9);
        assertThat(BlockingKeys.of(People.tobin())).hasSizeLessThanOrEqualTo(9);
    }

    private static Set<String> shared(PersonRecord a, PersonRecord b) {
        Set<String> keys = new HashSet<>(BlockingKeys.of(a));
        keys.retainAll(BlockingKeys.of(b));
        return keys;
    }
}
