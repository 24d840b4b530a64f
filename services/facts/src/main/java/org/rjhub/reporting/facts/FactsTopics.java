package org.rjhub.reporting.facts;

import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.serialization.Serdes;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.topics.Topic;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.schemas.Contracts;

/**
 * Every topic the facts service reads or writes, each bound to its serdes.
 *
 * @param naming       how catalogue names become real names (identity in production)
 * @param referrals    the canonical referrals
 * @param outcomes     the three agencies' outcome topics (same value contract)
 * @param caseEvents   what facilitators record
 * @param eventResults the case service's answer to each case event
 * @param facts        the pseudonymised facts written
 */
public record FactsTopics(
        UnaryOperator<String> naming,
        Topic<String, Referral> referrals,
        List<Topic<String, Outcome>> outcomes,
        Topic<String, CaseEvent> caseEvents,
        Topic<String, CaseEventResult> eventResults,
        Topic<String, CaseFact> facts) {

    public FactsTopics {
        outcomes = List.copyOf(outcomes);
    }

    /** The data keys' topic, {@code rj.data-keys.v1}: the keys that open the sealed referrals. */
    public String dataKeys() {
        return naming.apply(Contracts.DATA_KEYS_TOPIC);
    }

    public static FactsTopics create(UnaryOperator<String> naming, AvroSerdes avro) {
        var s = Serdes.String();
        var outcome = avro.value(Outcome.class);
        return new FactsTopics(
                naming,
                new Topic<>(naming.apply(Contracts.HUB_REFERRALS_TOPIC), s, avro.value(Referral.class)),
                List.of(
                        new Topic<>(naming.apply(Contracts.POLICE_OUTCOMES_TOPIC), s, outcome),
                        new Topic<>(naming.apply(Contracts.PROBATION_OUTCOMES_TOPIC), s, outcome),
                        new Topic<>(naming.apply(Contracts.VICTIM_SUPPORT_OUTCOMES_TOPIC), s, outcome)),
                new Topic<>(naming.apply(Contracts.CASE_EVENTS_TOPIC), s, avro.value(CaseEvent.class)),
                new Topic<>(naming.apply(Contracts.CASE_EVENT_RESULTS_TOPIC), s, avro.value(CaseEventResult.class)),
                new Topic<>(naming.apply(Contracts.CASE_FACTS_TOPIC), s, avro.value(CaseFact.class)));
    }
}
