package org.rjhub.agencies;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record as an agency would produce it to Kafka.
 *
 * @param agency the referring agency
 * @param topic  the agency's topic
 * @param key    the Kafka key: the agency's referral id (also in the value)
 * @param value  the Avro value ({@code PoliceReferral}, {@code ProbationReferral} or {@code VictimSupportReferral})
 */
public record AgencyRecord(Agency agency, String topic, String key, SpecificRecord value) {

    public AgencyRecord {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
