package org.rjhub.router;

import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.rjhub.agencies.Agency;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.topics.Topic;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicLimits;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.router.intake.RegistryWriterSchemas;
import org.rjhub.router.intake.WriterSchemas;
import org.rjhub.schemas.Contracts;

/**
 * Every topic the router reads or writes, each bound to its serdes. The agency topics are read as bytes and
 * decoded by the intake itself ({@link org.rjhub.router.intake.AgencyRecordReader}), with the writer schemas
 * and the catalogue's limits held here; their typed serdes serve writers (tests, tools).
 *
 * @param naming        how catalogue names become real names (identity in production)
 * @param writerSchemas the agencies' writer schemas by schema id (the registry)
 * @param catalogue     the topic catalogue: limits of the agency topics, the queues that exist
 */
public record RouterTopics(
        UnaryOperator<String> naming,
        Topic<String, PoliceReferral> police,
        Topic<String, ProbationReferral> probation,
        Topic<String, VictimSupportReferral> victimSupport,
        Topic<String, Referral> referrals,
        Topic<String, CaseEvent> caseEvents,
        Topic<String, CaseEventResult> caseEventResults,
        Topic<String, String> routingRules,
        Topic<String, DeadLetter> deadLetters,
        Topic<String, Outcome> outcomesTemplate,
        Topic<String, QueueItem> queueTemplate,
        WriterSchemas writerSchemas,
        TopicCatalogue catalogue) {

    public static RouterTopics create(UnaryOperator<String> naming, AvroSerdes avro) {
        return create(naming, avro, new RegistryWriterSchemas(avro.registryUrl()));
    }

    public static RouterTopics create(UnaryOperator<String> naming, AvroSerdes avro, WriterSchemas writerSchemas) {
        var s = Serdes.String();
        return new RouterTopics(
                naming,
                new Topic<>(naming.apply(Agency.POLICE.topic()), s, avro.value(PoliceReferral.class)),
                new Topic<>(naming.apply(Agency.PROBATION.topic()), s, avro.value(ProbationReferral.class)),
                new Topic<>(naming.apply(Agency.VICTIM_SUPPORT.topic()), s, avro.value(VictimSupportReferral.class)),
                new Topic<>(naming.apply(Contracts.HUB_REFERRALS_TOPIC), s, avro.value(Referral.class)),
                new Topic<>(naming.apply(Contracts.CASE_EVENTS_TOPIC), s, avro.value(CaseEvent.class)),
                new Topic<>(naming.apply(Contracts.CASE_EVENT_RESULTS_TOPIC), s, avro.value(CaseEventResult.class)),
                new Topic<>(naming.apply(Contracts.ROUTING_RULES_TOPIC), s, Serdes.String()),
                new Topic<>(naming.apply(Contracts.DEAD_LETTERS_TOPIC), s, avro.value(DeadLetter.class)),
                new Topic<>(naming.apply(Contracts.OUTCOMES_TOPIC_TEMPLATE), s, avro.value(Outcome.class)),
                new Topic<>(naming.apply(Contracts.QUEUE_TOPIC_TEMPLATE), s, avro.value(QueueItem.class)),
                writerSchemas,
                TopicCatalogue.load());
    }

    /** The size limits the catalogue declares for an agency topic (by its catalogue name). */
    public TopicLimits limits(String catalogueName) {
        return catalogue
                .get(catalogueName)
                .limits()
                .orElseThrow(
                        () -> new IllegalStateException("the topic catalogue declares no limits for " + catalogueName));
    }

    /** The data keys' topic, {@code rj.data-keys.v1}: the keys sealing canonical referrals. */
    public String dataKeys() {
        return naming.apply(Contracts.DATA_KEYS_TOPIC);
    }

    /** The outcome topic of one agency: {@code police.outcomes.v1} etc. */
    public String outcomes(SourceAgency agency) {
        return naming.apply(Agency.of(agency).outcomesTopic());
    }

    /** The topic of a facilitator queue. */
    public String queue(String queue) {
        return naming.apply(TopicCatalogue.queueTopic(queue));
    }
}
