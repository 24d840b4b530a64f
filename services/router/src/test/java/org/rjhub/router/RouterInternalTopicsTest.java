package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rjhub.common.streams.InternalTopics.InternalTopic;
import org.rjhub.testsupport.InMemoryRegistry;

/** The router's repartition and changelog topics, as provisioning creates them ahead of it. */
class RouterInternalTopicsTest {

    private static final Map<String, String> REPARTITION = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "segment.bytes", "52428800",
            "message.timestamp.type", "CreateTime");
    private static final Map<String, String> CHANGELOG =
            Map.of("cleanup.policy", "compact", "message.timestamp.type", "CreateTime");

    @Test
    void shouldNameAndSizeEachInternalTopicAsKafkaStreamsExpectsWhenTheGraphIsOnOnePartition() {
        // Given the router with 4 linkage shards (the blocking repartition's explicit count), the case graph on one
        // partition
        RouterConfig config = RouterConfig.of(
                InMemoryRegistry.connection(),
                Map.of(RouterConfig.LINKAGE_SHARDS, 4, RouterConfig.GRAPH_PARTITIONED, false));

        // When its internal topics are computed from its topology
        var topics = RouterService.internalTopics(config);

        // Then: explicit counts (shards, the single case graph), else the writers' sources (agency topics, 6); a
        // changelog has its sub-topology's tasks: the block members' store shares one with intake (merged), so 6
        assertThat(topics)
                .extracting(InternalTopic::name, InternalTopic::partitions)
                .containsExactly(
                        tuple("rj-router-case-graph-repartition", 1),
                        tuple("rj-router-consent-withdrawals-changelog", 1),
                        tuple("rj-router-graph-cases-changelog", 1),
                        tuple("rj-router-graph-clock-changelog", 1),
                        tuple("rj-router-graph-referrals-changelog", 1),
                        tuple("rj-router-graph-referrals-seen-changelog", 1),
                        tuple("rj-router-graph-summaries-changelog", 1),
                        tuple("rj-router-linkage-block-members-changelog", 6),
                        tuple("rj-router-linkage-blocking-repartition", 4),
                        tuple("rj-router-linkage-decision-results-repartition", 6),
                        tuple("rj-router-linkage-pending-decisions-changelog", 6),
                        tuple("rj-router-linkage-referrals-seen-changelog", 6),
                        tuple("rj-router-queue-consent-repartition", 1),
                        tuple("rj-router-referral-versions-changelog", 6));
        topics.forEach(t -> assertThat(t.config()).isEqualTo(t.repartition() ? REPARTITION : CHANGELOG));
    }

    @Test
    void shouldAddTheGraphTopicAndSizeEveryGraphStoreAsTheInputByDefault() {
        // Given the router with 4 linkage shards, the case graph on every partition by default
        RouterConfig config = RouterConfig.of(InMemoryRegistry.connection(), Map.of(RouterConfig.LINKAGE_SHARDS, 4));

        // When its internal topics are computed from its topology
        var topics = RouterService.internalTopics(config);

        // Then: explicit counts (shards), else the writers' sources (agency topics, 6); the case graph's own topic has
        // as many as the largest agency topic (no stage with fewer partitions than the input), and so its stores' 6; a
        // changelog has its sub-topology's tasks: the block members' store shares one with intake (merged), so 6
        assertThat(topics)
                .extracting(InternalTopic::name, InternalTopic::partitions)
                .containsExactly(
                        tuple("rj-router-consent-withdrawals-changelog", 6),
                        tuple("rj-router-graph-case-addresses-changelog", 6),
                        tuple("rj-router-graph-clock-changelog", 6),
                        tuple("rj-router-graph-owners", 6),
                        tuple("rj-router-graph-owners-changelog", 6),
                        tuple("rj-router-linkage-block-members-changelog", 6),
                        tuple("rj-router-linkage-blocking-repartition", 4),
                        tuple("rj-router-linkage-decision-results-repartition", 6),
                        tuple("rj-router-linkage-pending-decisions-changelog", 6),
                        tuple("rj-router-linkage-referrals-seen-changelog", 6),
                        tuple("rj-router-queue-consent-items-repartition", 6),
                        tuple("rj-router-queue-consent-repartition", 6),
                        tuple("rj-router-referral-versions-changelog", 6));
        // the graph's topic is read and written by the case graph itself, kept as a repartition topic is; it and the
        // owners' changelog take a graph message of rj.graph.max.message.bytes (64 MiB), every other topic the broker's
        Map<String, String> limit = Map.of("max.message.bytes", "67108864");
        topics.forEach(t -> assertThat(t.config())
                .as(t.name())
                .isEqualTo(
                        switch (t.name()) {
                            case "rj-router-graph-owners" -> merged(REPARTITION, limit);
                            case "rj-router-graph-owners-changelog" -> merged(CHANGELOG, limit);
                            default -> t.repartition() ? REPARTITION : CHANGELOG;
                        }));
    }

    @Test
    void shouldGiveTheGraphTopicAndTheOwnersChangelogTheConfiguredLimitOfAGraphMessage() {
        RouterConfig config = RouterConfig.of(
                InMemoryRegistry.connection(), Map.of(RouterConfig.GRAPH_MAX_MESSAGE_BYTES, 8 * 1024 * 1024));

        assertThat(RouterService.internalTopics(config))
                .filteredOn(t -> t.config().containsKey("max.message.bytes"))
                .extracting(InternalTopic::name, t -> t.config().get("max.message.bytes"))
                .containsExactly(
                        tuple("rj-router-graph-owners", "8388608"),
                        tuple("rj-router-graph-owners-changelog", "8388608"));
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> m = new java.util.HashMap<>(a);
        m.putAll(b);
        return m;
    }

    @Test
    void shouldFollowTheApplicationIdAndTheTopicPrefix() {
        RouterConfig config = RouterConfig.of(
                InMemoryRegistry.connection(),
                Map.of(RouterConfig.APPLICATION_ID, "t7-x.rj-router", RouterConfig.TOPIC_PREFIX, "t7-x."));

        assertThat(RouterService.internalTopics(config))
                .extracting(InternalTopic::name)
                .hasSize(13)
                .allMatch(name -> name.startsWith("t7-x.rj-router-"))
                .contains("t7-x.rj-router-referral-versions-changelog");
    }
}
