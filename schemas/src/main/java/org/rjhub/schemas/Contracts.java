package org.rjhub.schemas;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.CaseNote;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.DeadLetterReplay;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;

/**
 * The value contract of every Avro topic, with the topic names of the catalogue ({@code deploy/topics.yaml},
 * which a test keeps this class in step with). Subjects follow Confluent's TopicNameStrategy
 * ({@code <topic>-value}); keys are plain UTF-8 strings and are not registered.
 *
 * <p>Facilitator queues are one topic per queue, {@code rj.queue.<name>.v1}, all with {@link QueueItem}
 * values: {@link #queue(String)} gives the contract of one; the catalogue says which queues exist.
 */
public final class Contracts {

    public static final String POLICE_REFERRALS_TOPIC = "police.referrals.v1";
    public static final String PROBATION_REFERRALS_TOPIC = "probation.referrals.v1";
    public static final String VICTIM_SUPPORT_REFERRALS_TOPIC = "victimsupport.referrals.v1";
    public static final String POLICE_OUTCOMES_TOPIC = "police.outcomes.v1";
    public static final String PROBATION_OUTCOMES_TOPIC = "probation.outcomes.v1";
    public static final String VICTIM_SUPPORT_OUTCOMES_TOPIC = "victimsupport.outcomes.v1";
    public static final String HUB_REFERRALS_TOPIC = "rj.referrals.v1";
    public static final String DEAD_LETTERS_TOPIC = "rj.dead-letters.v1";
    public static final String CASE_EVENTS_TOPIC = "rj.case-events.v1";
    public static final String ESCALATIONS_TOPIC = "rj.escalations.v1";
    public static final String DEAD_LETTER_REPLAYS_TOPIC = "rj.dead-letter-replays.v1";
    public static final String CASE_EVENT_RESULTS_TOPIC = "rj.case-event-results.v1";
    public static final String CASE_FACTS_TOPIC = "rj.reporting.case-facts.v1";
    public static final String CASE_NOTES_TOPIC = "rj.case-notes.v1";
    /** Every topic of the hub's own starts with this; an agency's start with its name and a dot. */
    public static final String HUB_TOPIC_PREFIX = "rj.";
    /** The routing rules: YAML text, not Avro, so no {@link Contract} and no registry subject. */
    public static final String ROUTING_RULES_TOPIC = "rj.routing-rules.v1";
    /**
     * The data keys of the hub's sealed copies: a Tink keyset encrypted by the master key per record (bytes, not
     * Avro), keyed by {@code <subject>/<key id>}; compacted, a tombstone erases a key.
     */
    public static final String DATA_KEYS_TOPIC = "rj.data-keys.v1";

    private static final String QUEUE_PREFIX = "rj.queue.";
    private static final String QUEUE_SUFFIX = ".v1";

    /** Stands for every agency's outcome topic where they share one set of serdes (not a real topic). */
    public static final String OUTCOMES_TOPIC_TEMPLATE = "<agency>.outcomes.v1";
    /** Stands for every facilitator queue's topic where they share one set of serdes (not a real topic). */
    public static final String QUEUE_TOPIC_TEMPLATE = QUEUE_PREFIX + "<name>" + QUEUE_SUFFIX;

    public static final Contract POLICE_REFERRALS = new Contract(
            POLICE_REFERRALS_TOPIC,
            PoliceReferral.class,
            PoliceReferral.getClassSchema(),
            "referralId",
            "the force's referral number (value field referralId)");
    public static final Contract PROBATION_REFERRALS = new Contract(
            PROBATION_REFERRALS_TOPIC,
            ProbationReferral.class,
            ProbationReferral.getClassSchema(),
            "referralId",
            "probation's referral id (value field referralId)");
    public static final Contract VICTIM_SUPPORT_REFERRALS = new Contract(
            VICTIM_SUPPORT_REFERRALS_TOPIC,
            VictimSupportReferral.class,
            VictimSupportReferral.getClassSchema(),
            "vsCaseId",
            "Victim Support's case id (value field vsCaseId)");
    public static final Contract POLICE_OUTCOMES = outcomes(POLICE_OUTCOMES_TOPIC);
    public static final Contract PROBATION_OUTCOMES = outcomes(PROBATION_OUTCOMES_TOPIC);
    public static final Contract VICTIM_SUPPORT_OUTCOMES = outcomes(VICTIM_SUPPORT_OUTCOMES_TOPIC);
    public static final Contract HUB_REFERRALS = new Contract(
            HUB_REFERRALS_TOPIC,
            Referral.class,
            Referral.getClassSchema(),
            "hubReferralId",
            "the hub referral id (value field hubReferralId)");
    public static final Contract DEAD_LETTERS = new Contract(
            DEAD_LETTERS_TOPIC,
            DeadLetter.class,
            DeadLetter.getClassSchema(),
            null,
            "the original record's key as a string (may be absent)");
    public static final Contract CASE_EVENTS = new Contract(
            CASE_EVENTS_TOPIC,
            CaseEvent.class,
            CaseEvent.getClassSchema(),
            "caseId",
            "the hub case id (value field caseId)");
    public static final Contract ESCALATIONS = new Contract(
            ESCALATIONS_TOPIC,
            CaseEvent.class,
            CaseEvent.getClassSchema(),
            "caseId",
            "the hub case id (value field caseId)");
    public static final Contract CASE_EVENT_RESULTS = new Contract(
            CASE_EVENT_RESULTS_TOPIC,
            CaseEventResult.class,
            CaseEventResult.getClassSchema(),
            "eventId",
            "the id of the case event answered (value field eventId)");
    public static final Contract CASE_NOTES = new Contract(
            CASE_NOTES_TOPIC,
            CaseNote.class,
            CaseNote.getClassSchema(),
            "caseId",
            "the hub case id (value field caseId)");
    public static final Contract DEAD_LETTER_REPLAYS = new Contract(
            DEAD_LETTER_REPLAYS_TOPIC,
            DeadLetterReplay.class,
            DeadLetterReplay.getClassSchema(),
            null,
            "the replayed dead letter as <topic>/<partition>/<offset> (value fields deadLetterTopic, deadLetterPartition, "
                    + "deadLetterOffset)");

    public static final Contract CASE_FACTS = new Contract(
            CASE_FACTS_TOPIC,
            CaseFact.class,
            CaseFact.getClassSchema(),
            null,
            "the case pseudonym (value field caseKey), or the referral pseudonym (value field referralKey) for a "
                    + "referral that never became a case");

    /** The referral topic of an agency named by its topic prefix ({@code police}, {@code probation}, {@code victimsupport}). */
    public static Optional<String> agencyReferralsTopic(String agency) {
        return Optional.ofNullable(
                switch (agency) {
                    case "police" -> POLICE_REFERRALS_TOPIC;
                    case "probation" -> PROBATION_REFERRALS_TOPIC;
                    case "victimsupport" -> VICTIM_SUPPORT_REFERRALS_TOPIC;
                    default -> null;
                });
    }

    /** The outcome topic of an agency named by its topic prefix ({@code police}, {@code probation}, {@code victimsupport}). */
    public static Optional<String> agencyOutcomesTopic(String agency) {
        return Optional.ofNullable(
                switch (agency) {
                    case "police" -> POLICE_OUTCOMES_TOPIC;
                    case "probation" -> PROBATION_OUTCOMES_TOPIC;
                    case "victimsupport" -> VICTIM_SUPPORT_OUTCOMES_TOPIC;
                    default -> null;
                });
    }

    private static final List<Contract> ALL = List.of(
            POLICE_REFERRALS,
            PROBATION_REFERRALS,
            VICTIM_SUPPORT_REFERRALS,
            POLICE_OUTCOMES,
            PROBATION_OUTCOMES,
            VICTIM_SUPPORT_OUTCOMES,
            HUB_REFERRALS,
            DEAD_LETTERS,
            CASE_EVENTS,
            ESCALATIONS,
            CASE_EVENT_RESULTS,
            CASE_NOTES,
            DEAD_LETTER_REPLAYS,
            CASE_FACTS);

    /** Every value record of every contract, queues included, each once. */
    private static final List<Schema> VALUE_SCHEMAS = List.of(
            PoliceReferral.getClassSchema(),
            ProbationReferral.getClassSchema(),
            VictimSupportReferral.getClassSchema(),
            Outcome.getClassSchema(),
            Referral.getClassSchema(),
            DeadLetter.getClassSchema(),
            CaseEvent.getClassSchema(),
            QueueItem.getClassSchema(),
            CaseEventResult.getClassSchema(),
            CaseNote.getClassSchema(),
            DeadLetterReplay.getClassSchema(),
            CaseFact.getClassSchema());

    private Contracts() {}

    /** The contracts of the fixed topics: agency referrals, agency outcomes, then the hub's own. Queues: {@link #queue}. */
    public static List<Contract> all() {
        return ALL;
    }

    /** The contract of a facilitator queue's topic, {@code rj.queue.<name>.v1}. */
    public static Contract queue(String queueName) {
        if (queueName == null || !queueName.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("queue names are lower-case words joined by '-': " + queueName);
        }
        return new Contract(
                QUEUE_PREFIX + queueName + QUEUE_SUFFIX,
                QueueItem.class,
                QueueItem.getClassSchema(),
                "caseId",
                "the hub case id (value field caseId)");
    }

    /** The topic name of a facilitator queue, {@code rj.queue.<name>.v1}. */
    public static String queueTopic(String queueName) {
        return queue(queueName).topic();
    }

    /** The contract of a topic, if it is one of ours (a fixed topic or a queue). */
    public static Optional<Contract> forTopic(String topic) {
        var fixed = ALL.stream().filter(c -> c.topic().equals(topic)).findFirst();
        if (fixed.isPresent() || topic == null || !topic.startsWith(QUEUE_PREFIX) || !topic.endsWith(QUEUE_SUFFIX)) {
            return fixed;
        }
        var name = topic.substring(QUEUE_PREFIX.length(), topic.length() - QUEUE_SUFFIX.length());
        try {
            return Optional.of(queue(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The current schema of every value record (queues included), each once: what {@code schemas/released/} versions. */
    public static List<Schema> valueSchemas() {
        return VALUE_SCHEMAS;
    }

    /** The current schema of a value record, e.g. {@code org.rjhub.contracts.hub.Outcome}. */
    public static Optional<Schema> valueSchema(String recordFullName) {
        return VALUE_SCHEMAS.stream()
                .filter(s -> s.getFullName().equals(recordFullName))
                .findFirst();
    }

    /** Confluent's TopicNameStrategy for values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    private static Contract outcomes(String topic) {
        return new Contract(
                topic,
                Outcome.class,
                Outcome.getClassSchema(),
                "agencyReferralId",
                "the agency's referral id (value field agencyReferralId)");
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
    public record Contract(
            String topic,
            Class<? extends SpecificRecord> valueType,
            Schema schema,
            String keyField,
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
