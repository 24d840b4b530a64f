package org.rjhub.cases;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.rjhub.agencies.Agency;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.topics.Topic;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseNote;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.schemas.Contracts;

/**
 * Every topic the case service reads or writes, each bound to its serdes.
 *
 * @param naming              how catalogue names become real names (identity in production)
 * @param queues              short names of the facilitator queues
 * @param caseEventPartitions partitions of {@code rj.case-events.v1}: queue items are repartitioned to
 *                            as many, so a case's items and events meet in one task
 * @param caseNotes           {@code rj.case-notes.v1}: as many partitions as {@code rj.case-events.v1} (the catalogue
 *                            says so; checked when created), so a case's notes and events meet in one task too
 * @param referrals           {@code rj.referrals.v1}: read for the contact details of each referral only
 * @param referralClaimPartitions partitions of the {@code referral-claims} repartition: as many as the queue topics
 *                            have (at most), as Kafka Streams chose before the referrals were read too
 * @param referralsRetention  how long {@code rj.referrals.v1} keeps a referral (negative: for ever)
 */
public record CasesTopics(
        UnaryOperator<String> naming,
        List<String> queues,
        int caseEventPartitions,
        Topic<String, CaseEvent> caseEvents,
        Topic<String, CaseEvent> escalations,
        Topic<String, CaseEventResult> results,
        Topic<String, DeadLetter> deadLetters,
        Topic<String, Outcome> outcomesTemplate,
        Topic<String, QueueItem> queueTemplate,
        Topic<String, CaseNote> caseNotes,
        Topic<String, Referral> referrals,
        int referralClaimPartitions,
        java.time.Duration referralsRetention) {

    public CasesTopics {
        queues = List.copyOf(queues);
    }

    /** The data keys' topic, {@code rj.data-keys.v1}: the keys that open the sealed referrals. */
    public String dataKeys() {
        return naming.apply(Contracts.DATA_KEYS_TOPIC);
    }

    public static CasesTopics create(UnaryOperator<String> naming, AvroSerdes avro) {
        var s = Serdes.String();
        TopicCatalogue catalogue = TopicCatalogue.load();
        int caseEventPartitions = catalogue.get(Contracts.CASE_EVENTS_TOPIC).partitions();
        if (catalogue.get(Contracts.CASE_NOTES_TOPIC).partitions() != caseEventPartitions) {
            throw new IllegalStateException(Contracts.CASE_NOTES_TOPIC + " must have as many partitions as "
                    + Contracts.CASE_EVENTS_TOPIC + " (" + caseEventPartitions + "): a case's notes join its events");
        }
        return new CasesTopics(
                naming,
                catalogue.queues(),
                caseEventPartitions,
                new Topic<>(naming.apply(Contracts.CASE_EVENTS_TOPIC), s, avro.value(CaseEvent.class)),
                new Topic<>(naming.apply(Contracts.ESCALATIONS_TOPIC), s, avro.value(CaseEvent.class)),
                new Topic<>(naming.apply(Contracts.CASE_EVENT_RESULTS_TOPIC), s, avro.value(CaseEventResult.class)),
                new Topic<>(naming.apply(Contracts.DEAD_LETTERS_TOPIC), s, avro.value(DeadLetter.class)),
                new Topic<>(naming.apply(Contracts.OUTCOMES_TOPIC_TEMPLATE), s, avro.value(Outcome.class)),
                new Topic<>(naming.apply(Contracts.QUEUE_TOPIC_TEMPLATE), s, avro.value(QueueItem.class)),
                new Topic<>(naming.apply(Contracts.CASE_NOTES_TOPIC), s, avro.value(CaseNote.class)),
                new Topic<>(naming.apply(Contracts.HUB_REFERRALS_TOPIC), s, avro.value(Referral.class)),
                catalogue.queues().stream()
                        .mapToInt(
                                q -> catalogue.get(TopicCatalogue.queueTopic(q)).partitions())
                        .max()
                        .orElseThrow(),
                java.time.Duration.ofDays(
                        catalogue.get(Contracts.HUB_REFERRALS_TOPIC).retentionDays()));
    }

    /** The outcome topic of one agency: {@code police.outcomes.v1} etc. */
    public String outcomes(SourceAgency agency) {
        return naming.apply(Agency.of(agency).outcomesTopic());
    }

    /** The topic of a facilitator queue. */
    public String queue(String queue) {
        return naming.apply(TopicCatalogue.queueTopic(queue));
    }

    /** Every facilitator queue's topic. */
    public List<String> queueTopics() {
        return queues.stream().map(this::queue).toList();
    }
}
