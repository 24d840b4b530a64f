package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.schemas.Contracts;
import org.rjhub.testsupport.InMemoryRegistry;

/**
 * What the facts service reads, from its topology's own description: the canonical referrals, the agencies' outcomes,
 * the case events and their results, and never the case notes ({@code rj.case-notes.v1}), whose free text must not
 * reach the reporting facts.
 */
class FactsTopologyInputsTest {

    @Test
    void shouldNeverReadTheCaseNotes() {
        FactsConfig config =
                FactsConfig.of(InMemoryRegistry.connection(), Map.of(FactsConfig.HMAC_KEY, TestSecrets.hmacKey()));
        InMemoryRegistry registry = InMemoryRegistry.withCatalogue();

        TopologyDescription description = FactsTopology.build(
                        config, FactsTopics.create(UnaryOperator.identity(), registry.serdes()))
                .describe();

        Set<String> read = new TreeSet<>();
        description
                .subtopologies()
                .forEach(s -> s.nodes().forEach(n -> {
                    if (n instanceof TopologyDescription.Source source && source.topicSet() != null) {
                        read.addAll(source.topicSet());
                    }
                }));
        assertThat(read)
                .contains(Contracts.HUB_REFERRALS_TOPIC, Contracts.CASE_EVENTS_TOPIC)
                .doesNotContain(Contracts.CASE_NOTES_TOPIC)
                .allSatisfy(topic -> assertThat(topic).doesNotContain("note"));
    }
}
