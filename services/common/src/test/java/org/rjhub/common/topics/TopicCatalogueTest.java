package org.rjhub.common.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    private final TopicCatalogue catalogue = TopicCatalogue.load();

    @Test
    void shouldGiveEachAgencyOnlyTopicsUnderItsOwnPrefix() {
        for (TopicSpec spec : catalogue.all()) {
            switch (spec.owner()) {
                case "police", "probation", "victimsupport" ->
                    assertThat(spec.name()).startsWith(spec.owner() + ".");
                default -> assertThat(spec.name()).startsWith("rj.");
            }
        }
    }

    @Test
    void shouldExpandQueuesIntoQueueTopicsWithQueueDefaults() {
        assertThat(catalogue.queues()).contains("harlow", "specialist", "post-sentence", "neighbour-disputes");
        TopicSpec harlow = catalogue.get("rj.queue.harlow.v1");
        assertThat(harlow.partitions()).isEqualTo(3);
        assertThat(harlow.valueRecord()).contains("org.rjhub.contracts.hub.QueueItem");
        assertThat(harlow.topicConfig(1)).containsEntry("retention.ms", Long.toString(90L * 24 * 3600 * 1000));
        assertThat(harlow.retentionReason()).contains("case service");
    }

    @Test
    void shouldDeclareAReasonForEveryTopicsRetentionAndBoundQueuesAndDeadLetters() {
        assertThat(catalogue.all())
                .allSatisfy(t -> assertThat(t.retentionReason())
                        .as("retention reason of %s", t.name())
                        .isNotBlank());
        assertThat(catalogue.get("rj.dead-letters.v1").retentionDays()).isEqualTo(180);
        assertThat(catalogue.all())
                .filteredOn(t -> t.name().startsWith("rj.queue."))
                .allSatisfy(t -> assertThat(t.retentionDays()).isPositive());
    }

    @Test
    void shouldRefuseATopicWithoutARetentionReason() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory()).readTree("""
                topics:
                  - {name: police.referrals.v1, owner: police, retentionDays: 30}
                """);
        assertThatThrownBy(() -> TopicCatalogue.parse(yaml))
                .hasMessageContaining("police.referrals.v1")
                .hasMessageContaining("retentionReason");
    }

    @Test
    void shouldCompactTheRoutingRulesTopic() {
        assertThat(catalogue.get("rj.routing-rules.v1").topicConfig(1)).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void shouldRefuseATopicDeclaredTwice() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory()).readTree("""
                topics:
                  - {name: police.referrals.v1, owner: police, retentionReason: test}
                  - {name: police.referrals.v1, owner: police, retentionReason: test}
                """);
        assertThatThrownBy(() -> TopicCatalogue.parse(yaml)).hasMessageContaining("twice");
    }

    @Test
    void shouldNameTheRegistrySubjectAfterTheTopic() {
        assertThat(catalogue.get("police.referrals.v1").valueSubject()).isEqualTo("police.referrals.v1-value");
    }
}
