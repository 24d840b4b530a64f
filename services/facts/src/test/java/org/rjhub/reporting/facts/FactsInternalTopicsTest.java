package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.streams.InternalTopics.InternalTopic;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.testsupport.InMemoryRegistry;

/** The facts service's repartition and changelog topics, as provisioning creates them ahead of it. */
class FactsInternalTopicsTest {

    @Test
    void shouldNameAndSizeEachInternalTopicAsKafkaStreamsExpects(@TempDir Path dir) {
        // with the master key, as deployed: the opener of sealed referrals keeps those parked for their keys
        FactsConfig config = FactsConfig.of(
                InMemoryRegistry.connection(),
                Map.of(
                        FactsConfig.HMAC_KEY,
                        TestSecrets.hmacKey(),
                        FactsConfig.APPLICATION_ID,
                        "rj-facts-x",
                        FactsConfig.MASTER_KEY,
                        MasterKey.createIfMissing(dir.resolve("mk.json")).toString()));

        var topics = FactsService.internalTopics(config);

        assertThat(topics)
                .extracting(InternalTopic::name, InternalTopic::partitions)
                .containsExactly(
                        tuple("rj-facts-x-facts-by-case-repartition", 6),
                        tuple("rj-facts-x-facts-by-referral-repartition", 6),
                        tuple("rj-facts-x-facts-cases-changelog", 6),
                        tuple("rj-facts-x-facts-referrals-changelog", 6),
                        tuple("rj-facts-x-parked-referrals-changelog", 6));
        assertThat(topics)
                .allSatisfy(t ->
                        assertThat(t.config()).containsEntry("cleanup.policy", t.repartition() ? "delete" : "compact"));
    }
}
