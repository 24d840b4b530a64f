package org.rjhub.linker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.matching.PersonRecord;

class FebrlCsvTest {

    private static final String HEADER =
            "rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state,"
                    + " date_of_birth, soc_sec_id\n";

    private static List<PersonRecord> parse(String csv) {
        return FebrlCsv.parse(new StringReader(csv));
    }

    @Test
    void shouldReadTheFebrlLayoutWithSpacesAfterCommas() {
        // Given
        String csv = HEADER
                + "rec-1-org, amara, pennywhistle, 12, larkspur road, mill court, harlow, 4011, qld,"
                + " 19840317, 1234567\n";

        // When
        List<PersonRecord> records = parse(csv);

        // Then
        assertThat(records)
                .containsExactly(new PersonRecord(
                        "rec-1-org",
                        "amara",
                        "pennywhistle",
                        LocalDate.of(1984, 3, 17),
                        "4011",
                        "12 larkspur road mill court harlow"));
    }

    @Test
    void shouldFindColumnsByHeaderInAnyOrder() {
        // Given
        String csv = "date_of_birth, postcode, surname, rec_id, given_name\n"
                + "19790211, 2602, marchbank, rec-2-dup-0, tobin\n";

        // When
        PersonRecord record = parse(csv).get(0);

        // Then
        assertThat(record)
                .isEqualTo(
                        new PersonRecord("rec-2-dup-0", "tobin", "marchbank", LocalDate.of(1979, 2, 11), "2602", null));
    }

    @Test
    void shouldNotUseTheSocialSecurityNumber() {
        // Given two rows differing only in soc_sec_id
        String csv = HEADER
                + "rec-3-org, ottoline, bexley, 30, dock road, , grays, 3465, vic, 20010821, 1111111\n"
                + "rec-3-dup-0, ottoline, bexley, 30, dock road, , grays, 3465, vic, 20010821, 9999999\n";

        // When
        List<PersonRecord> records = parse(csv);

        // Then
        assertThat(records.get(0))
                .usingRecursiveComparison()
                .ignoringFields("id")
                .isEqualTo(records.get(1));
    }

    @Test
    void shouldTreatBlankAndMalformedDatesAsUnknown() {
        // Given: blank, impossible month, 31 February, too short, letters
        String csv = HEADER
                + "rec-4-org, a, b, , , , , 2000, nsw, , 1\n"
                + "rec-5-org, a, b, , , , , 2000, nsw, 19561331, 1\n"
                + "rec-6-org, a, b, , , , , 2000, nsw, 19560231, 1\n"
                + "rec-7-org, a, b, , , , , 2000, nsw, 195602, 1\n"
                + "rec-8-org, a, b, , , , , 2000, nsw, 1956o2l1, 1\n";

        // When
        List<PersonRecord> records = parse(csv);

        // Then
        assertThat(records).hasSize(5).extracting(PersonRecord::dateOfBirth).containsOnlyNulls();
    }

    @Test
    void shouldTolerateShortRowsBlankLinesAndSkipRowsWithoutId() {
        // Given
        String csv = HEADER
                + "\n"
                + "rec-9-org, amara\n"
                + " , tobin, marchbank, 4, quarry lane, , southend, 2000, nsw, 19791102, 1\n"
                + "rec-10-org, , , , , , , , , , \n";

        // When
        List<PersonRecord> records = parse(csv);

        // Then
        assertThat(records).extracting(PersonRecord::id).containsExactly("rec-9-org", "rec-10-org");
        assertThat(records.get(0).givenName()).isEqualTo("amara");
        assertThat(records.get(0).surname()).isNull();
        assertThat(records.get(1)).isEqualTo(new PersonRecord("rec-10-org", null, null, null, null, null));
    }

    @Test
    void shouldRejectAnExtractWithoutHeaderOrRecordIdColumn() {
        assertThatThrownBy(() -> parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("given_name, surname\namara, pennywhistle\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rec_id");
    }
}
