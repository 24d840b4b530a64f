package org.rjhub.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PersonRecordTest {

    @Test
    void shouldLowerCaseTrimAndStripPunctuationFromNames() {
        // Given / When
        PersonRecord record =
                PersonRecord.normalised(" x-1 ", "  Mary-Jane ", "O'Quillan.", null, null, "Flat 2, 4 High St.");

        // Then
        assertThat(record.id()).isEqualTo("x-1");
        assertThat(record.givenName()).isEqualTo("mary jane");
        assertThat(record.surname()).isEqualTo("oquillan");
        assertThat(record.addressLine()).isEqualTo("flat 2 4 high st");
    }

    @Test
    void shouldNormaliseUkPostcodeToOutwardSpaceInward() {
        assertThat(PersonRecord.normalisePostcode("cm201ab")).isEqualTo("CM20 1AB");
        assertThat(PersonRecord.normalisePostcode(" Cm20   1ab ")).isEqualTo("CM20 1AB");
        assertThat(PersonRecord.normalisePostcode("ss1-2qt")).isEqualTo("SS1 2QT");
        assertThat(PersonRecord.normalisePostcode("w1a0ax")).isEqualTo("W1A 0AX");
        assertThat(PersonRecord.normalisePostcode("m11aa")).isEqualTo("M1 1AA");
    }

    @Test
    void shouldKeepOutwardCodeAloneAndNonUkPostcodesAsTheyAre() {
        assertThat(PersonRecord.normalisePostcode("cm20")).isEqualTo("CM20");
        assertThat(PersonRecord.normalisePostcode(" 4011 ")).isEqualTo("4011");
        assertThat(PersonRecord.normalisePostcode("0837")).isEqualTo("0837");
    }

    @Test
    void shouldTurnBlankValuesIntoNull() {
        // Given / When
        PersonRecord record = PersonRecord.normalised("x-2", " ", "--", null, "  ", "");

        // Then
        assertThat(record.givenName()).isNull();
        assertThat(record.surname()).isNull();
        assertThat(record.postcode()).isNull();
        assertThat(record.addressLine()).isNull();
    }

    @Test
    void shouldNotShowPersonalDataWhenPrinted() {
        // When
        String printed = People.amara().toString();

        // Then
        assertThat(printed).contains("a-1").doesNotContain("amara", "pennywhistle", "1984", "CM20", "larkspur");
    }

    @Test
    void shouldRejectBlankId() {
        assertThatThrownBy(() -> PersonRecord.normalised(" ", "a", "b", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
