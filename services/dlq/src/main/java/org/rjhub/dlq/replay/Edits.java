package org.rjhub.dlq.replay;

import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.dlq.records.AgencyRecords;

/**
 * Corrected records an operator gave for a replay: one agency's records, from an edit file or the editor,
 * matched to dead letters by referral id (or, for a single dead letter and a single record, to that one).
 *
 * @param agency  whose records they are
 * @param records the records, in file order
 * @param source  where they came from, for messages (a file name, or "the editor")
 */
public record Edits(Agency agency, List<SpecificRecord> records, String source) {

    public Edits {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(source, "source");
        records = List.copyOf(records);
        for (SpecificRecord r : records) {
            if (!agency.contract().valueType().isInstance(r)) {
                throw new IllegalArgumentException(
                        source + ": a " + r.getSchema().getName() + " is not a "
                                + agency.contract().valueType().getSimpleName());
            }
        }
    }

    /** The records whose referral id is {@code id}. */
    public List<SpecificRecord> withId(String id) {
        return records.stream()
                .filter(r -> Objects.equals(AgencyRecords.idOf(agency, r), id))
                .toList();
    }

    /** The agency's id field, e.g. {@code referralId}. */
    public String idField() {
        return agency.idField();
    }
}
