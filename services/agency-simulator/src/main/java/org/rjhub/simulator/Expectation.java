package org.rjhub.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rjhub.contracts.hub.SensitivityFlag;

/**
 * What the hub should conclude about one generated record: the simulator's ground truth.
 *
 * @param kind          the verdict
 * @param rule          for {@link Kind#INVALID}: the rule the record breaks; null otherwise
 * @param fieldPath     for INVALID the offending field, for AMENDMENT the changed field, for YOUTH the under-18
 *                      party, for OUT_OF_AREA the party living outside Essex, in the agency's field names (e.g.
 *                      {@code victims[0].address.postcode}); null for the other kinds
 * @param incidentId    the true incident the record is about (e.g. {@code INC-00042}): records of different
 *                      agencies with the same incident id belong in one case
 * @param personIds     the true person behind each party in the record, by party path in the agency's field
 *                      names: {@code victims[0]}, {@code offenders[1]} (police), {@code offender}, {@code victim}
 *                      (probation), {@code victim} (Victim Support)
 * @param sensitivity   the sensitivity flags the hub should derive for the incident
 * @param originalIndex for DUPLICATE_REDELIVERY and AMENDMENT: the index in the batch of the record it repeats or
 *                      amends; null otherwise
 */
public record Expectation(
        Kind kind,
        InvalidRule rule,
        String fieldPath,
        String incidentId,
        Map<String, String> personIds,
        List<SensitivityFlag> sensitivity,
        Integer originalIndex) {

    /** The verdict on a record. */
    public enum Kind {
        /** A referral the hub should accept. */
        VALID,
        /** The same key and an identical value as an earlier record: to be ignored. */
        DUPLICATE_REDELIVERY,
        /** The same key as an earlier record with a changed field: to be applied to the case. */
        AMENDMENT,
        /** Breaks a validation rule: to be rejected with the rule named. */
        INVALID,
        /** A party is under 18: to be referred on to the youth justice service. */
        YOUTH,
        /** A valid referral whose victim (the party the service works with first) lives outside Essex: to be referred on. */
        OUT_OF_AREA
    }

    public Expectation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(incidentId, "incidentId");
        personIds = Collections.unmodifiableMap(new LinkedHashMap<>(personIds));
        sensitivity = List.copyOf(sensitivity);
        if ((kind == Kind.INVALID) != (rule != null)) {
            throw new IllegalArgumentException("a rule is given exactly for INVALID records");
        }
        if ((kind == Kind.DUPLICATE_REDELIVERY || kind == Kind.AMENDMENT) != (originalIndex != null)) {
            throw new IllegalArgumentException("an original index is given exactly for redeliveries and amendments");
        }
    }
}
