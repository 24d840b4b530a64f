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
                        "dob:19840317",
                        "sy:pen:1984",
                        "gy:ama:1984",
                        "gd:ama:CM20",
                        "ps:CM201AB:p",
                        "sg:pennywhistle:a",
                        "nn:ama:pen",
                        "hp:12:CM201AB",
                        "hs:12:lark:CM");
    }

    @Test
    void shouldGiveTheSameKeysWhateverTheFormattingOfTheSource() {
        assertThat(BlockingKeys.of(People.amaraAgain())).containsExactlyElementsOf(BlockingKeys.of(People.amara()));
    }

    @Test
    void shouldLeaveOutRulesWhoseFieldsAreMissing() {
        // Given a name and nothing else
        PersonRecord nameOnly = person("x-1", "Amara", "Pennywhistle", null, null, null);

        // When / Then
        assertThat(BlockingKeys.of(nameOnly)).containsExactly("sg:pennywhistle:a", "nn:ama:pen");
        assertThat(BlockingKeys.of(person("x-2", null, null, null, null, null))).isEmpty();
    }

    @Test
    void shouldShareAKeyWhenForenameAndSurnameAreSwappedAndTheDateIsWrong() {
        // Given
        PersonRecord swapped = person("x-3", "Pennywhistle", "Amara", "1948-03-17", "SS1 2QT", "4 Quarry Lane");

        // When / Then
        assertThat(shared(People.amara(), swapped)).containsExactly("nn:ama:pen");
    }

    @Test
    void shouldShareAKeyWhenBothNamesAreMisspeltButTheDateOfBirthAgrees() {
        PersonRecord misspelt = person("x-4", "Emara", "Benywhistle", "1984-03-17", null, null);

        assertThat(shared(People.amara(), misspelt)).containsExactly("dob:19840317");
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
