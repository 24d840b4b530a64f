package org.rjhub.schemas;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;

/**
 * Every topic of the hub with its value contract. Subjects follow Confluent's TopicNameStrategy
 * ({@code <topic>-value}); keys are plain UTF-8 strings and are not registered.
 */
public final class Contracts {

    public static final String POLICE_REFERRALS_TOPIC = "police.referrals.v1";
    public static final String PROBATION_REFERRALS_TOPIC = "probation.referrals.v1";
    public static final String VICTIM_SUPPORT_REFERRALS_TOPIC = "victimsupport.referrals.v1";
    public static final String HUB_REFERRALS_TOPIC = "hub.referrals.v1";
    public static final String CASE_EVENTS_TOPIC = "hub.case-events.v1";
    public static final String OUTCOMES_TOPIC = "hub.outcomes.v1";
    public static final String QUEUE_ITEMS_TOPIC = "hub.queue-items.v1";
    public static final String DEAD_LETTERS_TOPIC = "hub.dead-letters.v1";

    public static final Contract POLICE_REFERRALS = new Contract(POLICE_REFERRALS_TOPIC, PoliceReferral.class,
            PoliceReferral.getClassSchema(), "referralId", "the force's referral number (value field referralId)");
    public static final Contract PROBATION_REFERRALS = new Contract(PROBATION_REFERRALS_TOPIC, ProbationReferral.class,
            ProbationReferral.getClassSchema(), "referralId", "probation's referral id (value field referralId)");
    public static final Contract VICTIM_SUPPORT_REFERRALS = new Contract(VICTIM_SUPPORT_REFERRALS_TOPIC,
            VictimSupportReferral.class, VictimSupportReferral.getClassSchema(), "vsCaseId",
            "Victim Support's case id (value field vsCaseId)");
    public static final Contract HUB_REFERRALS = new Contract(HUB_REFERRALS_TOPIC, Referral.class,
            Referral.getClassSchema(), "hubReferralId", "the hub referral id (value field hubReferralId)");
    public static final Contract CASE_EVENTS = new Contract(CASE_EVENTS_TOPIC, CaseEvent.class,
            CaseEvent.getClassSchema(), "caseId", "the hub case id (value field caseId)");
    public static final Contract OUTCOMES = new Contract(OUTCOMES_TOPIC, Outcome.class,
            Outcome.getClassSchema(), "agencyReferralId", "the agency's referral id (value field agencyReferralId)");
    public static final Contract QUEUE_ITEMS = new Contract(QUEUE_ITEMS_TOPIC, QueueItem.class,
            QueueItem.getClassSchema(), "caseId", "the hub case id (value field caseId)");
    public static final Contract DEAD_LETTERS = new Contract(DEAD_LETTERS_TOPIC, DeadLetter.class,
            DeadLetter.getClassSchema(), null, "the original record's key as a string (may be absent)");

    private static final List<Contract> ALL = List.of(POLICE_REFERRALS, PROBATION_REFERRALS, VICTIM_SUPPORT_REFERRALS,
            HUB_REFERRALS, CASE_EVENTS, OUTCOMES, QUEUE_ITEMS, DEAD_LETTERS);

    private Contracts() {
    }

    /** All contracts: the three agency topics first, then the hub's own. */
    public static List<Contract> all() {
        return ALL;
    }

    /** The contract of a topic, if it is one of ours. */
    public static Optional<Contract> forTopic(String topic) {
        return ALL.stream().filter(c -> c.topic().equals(topic)).findFirst();
    }

    /** The contract whose value record has this full name, e.g. {@code org.rjhub.contracts.hub.Outcome}. */
    public static Optional<Contract> forRecord(String recordFullName) {
        return ALL.stream().filter(c -> c.recordFullName().equals(recordFullName)).findFirst();
    }

    /** Confluent's TopicNameStrategy for values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /**
     * A topic and its value contract.
     *
     * @param topic          Kafka topic name
     * @param valueType      the generated class of the value
     * @param schema         the current value schema (self-contained)
     * @param keyField       the value field whose content is the record key, or null when the key is not a field
     * @param keyDescription what the key is, in words
     */
    public record Contract(String topic, Class<? extends SpecificRecord> valueType, Schema schema, String keyField,
            String keyDescription) {

        public Contract {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(valueType, "valueType");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(keyDescription, "keyDescription");
        }

        /** The registry subject of the value schema: {@code <topic>-value}. */
        public String subject() {
            return valueSubject(topic);
        }

        /** Full name of the value record, which is also its folder under {@code schemas/released/}. */
        public String recordFullName() {
            return schema.getFullName();
        }

        /** Released versions of the value schema, oldest first. */
        public List<Schema> releasedVersions() {
            return Compatibility.releasedVersions(recordFullName());
        }
    }
}
