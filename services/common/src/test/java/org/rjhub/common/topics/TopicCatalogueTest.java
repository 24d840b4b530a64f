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
        assertThat(harlow.topicConfig(1)).containsEntry("retention.ms", "-1");
    }

    @Test
    void shouldCompactTheRoutingRulesTopic() {
        assertThat(catalogue.get("rj.routing-rules.v1").topicConfig(1)).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void shouldRefuseATopicDeclaredTwice() throws Exception {
        var yaml = new ObjectMapper(new YAMLFactory()).readTree("""
                topics:
                  - {name: police.referrals.v1, owner: police}
                  - {name: police.referrals.v1, owner: police}
                """);
        assertThatThrownBy(() -> TopicCatalogue.parse(yaml)).hasMessageContaining("twice");
    }

    @Test
    void shouldNameTheRegistrySubjectAfterTheTopic() {
        assertThat(catalogue.get("police.referrals.v1").valueSubject()).isEqualTo("police.referrals.v1-value");
    }
}
