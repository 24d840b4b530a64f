package org.rjhub.simulator;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.rjhub.agencies.Agency;

/**
 * The truth about one synthetic person: who they really are and every record that mentions them, however
 * the agency spelt their name.
 *
 * @param personId    the true identity, e.g. {@code P-000123}
 * @param forename    the true forename
 * @param surname     the true surname
 * @param dateOfBirth the true date of birth
 * @param postcode    the true home postcode
 * @param appearances every record that mentions the person, in batch order
 */
public record PersonRecord(
        String personId,
        String forename,
        String surname,
        LocalDate dateOfBirth,
        String postcode,
        List<Appearance> appearances) {

    public PersonRecord {
        Objects.requireNonNull(personId, "personId");
        appearances = List.copyOf(appearances);
    }

    /**
     * One mention of the person.
     *
     * @param recordIndex index of the record in the batch
     * @param agency      the agency of that record
     * @param key         that record's key
     * @param partyPath   where the person is in the record, e.g. {@code victims[0]}, {@code offender}
     */
    public record Appearance(int recordIndex, Agency agency, String key, String partyPath) {}
}
