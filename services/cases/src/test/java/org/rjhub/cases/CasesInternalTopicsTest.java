package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rjhub.common.streams.InternalTopics.InternalTopic;
import org.rjhub.testsupport.InMemoryRegistry;

/** The case service's repartition and changelog topics, as provisioning creates them ahead of it. */
class CasesInternalTopicsTest {

    @Test
    void shouldNameAndSizeEachInternalTopicAsKafkaStreamsExpects() {
        CasesConfig config = CasesConfig.of(InMemoryRegistry.connection(), Map.of());

        var topics = CasesService.internalTopics(config);

        // claims are written from the queues (3 partitions) and read back in the same sub-topology, with the referrals'
        // contact details (from rj.referrals.v1, 6 partitions, repartitioned to as many as the claims); case items are
        // repartitioned to as many partitions as rj.case-events.v1 (6), which their store shares with the events
        assertThat(topics)
                .extracting(InternalTopic::name, InternalTopic::partitions)
                .containsExactly(
                        tuple("rj-cases-case-deadlines-changelog", 6),
                        tuple("rj-cases-case-items-repartition", 6),
                        tuple("rj-cases-cases-changelog", 6),
                        tuple("rj-cases-referral-claims-repartition", 3),
                        tuple("rj-cases-referral-contacts-changelog", 3),
                        tuple("rj-cases-referral-contacts-repartition", 3),
                        tuple("rj-cases-referral-owners-changelog", 3));
        assertThat(topics)
                .filteredOn(InternalTopic::repartition)
                .allSatisfy(t -> assertThat(t.config())
                        .containsEntry("cleanup.policy", "delete")
                        .containsEntry("retention.ms", "-1"));
        assertThat(topics)
                .filteredOn(t -> !t.repartition())
                .allSatisfy(t -> assertThat(t.config()).containsEntry("cleanup.policy", "compact"));
    }
}
