package org.rjhub.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rjhub.common.topics.TopicSpec;

/** The difference between the catalogue and a cluster, which `hub topics apply` shows and applies. */
class TopicPlanTest {

    private static final TopicSpec REFERRALS = new TopicSpec(
            "police.referrals.v1",
            "police",
            "",
            6,
            false,
            90,
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            "a test topic");
    private static final TopicSpec RULES = new TopicSpec(
            "rj.routing-rules.v1",
            "hub",
            "",
            1,
            true,
            90,
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            "a test topic");

    private static TopicPlan.Existing asDeclared(TopicSpec spec) {
        return new TopicPlan.Existing(spec.partitions(), spec.topicConfig(2));
    }

    @Test
    void shouldCreateEveryTopicOnAnEmptyCluster() {
        TopicPlan plan = TopicPlan.of(List.of(REFERRALS, RULES), Map.of(), (short) 3, 2);

        assertThat(plan.changes())
                .containsExactly(
                        new TopicPlan.Create("police.referrals.v1", 6, (short) 3, REFERRALS.topicConfig(2)),
                        new TopicPlan.Create("rj.routing-rules.v1", 1, (short) 3, RULES.topicConfig(2)));
        assertThat(plan.changes().get(1).describe())
                .startsWith("+ rj.routing-rules.v1: create, 1 partitions, replication factor 3")
                .contains("cleanup.policy=compact");
        assertThat(plan.refused()).isEmpty();
    }

    @Test
    void shouldFindNothingToDoOnAClusterAsDeclared() {
        TopicPlan plan = TopicPlan.of(
                List.of(REFERRALS, RULES),
                Map.of(REFERRALS.name(), asDeclared(REFERRALS), RULES.name(), asDeclared(RULES)),
                (short) 3,
                2);

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.describe()).containsExactly("no change: every catalogue topic is on the cluster as declared");
    }

    @Test
    void shouldAddPartitionsAndSetChangedSettingsOfAnExistingTopic() {
        Map<String, String> config = new HashMap<>(REFERRALS.topicConfig(2));
        config.put("retention.ms", "604800000");
        config.remove("min.insync.replicas");

        TopicPlan plan = TopicPlan.of(
                List.of(REFERRALS), Map.of(REFERRALS.name(), new TopicPlan.Existing(3, config)), (short) 3, 2);

        assertThat(plan.changes())
                .containsExactly(
                        new TopicPlan.AddPartitions("police.referrals.v1", 3, 6),
                        new TopicPlan.SetConfig("police.referrals.v1", "min.insync.replicas", null, "2"),
                        new TopicPlan.SetConfig("police.referrals.v1", "retention.ms", "604800000", "7776000000"));
        assertThat(plan.describe())
                .containsExactly(
                        "~ police.referrals.v1: partitions 3 -> 6",
                        "~ police.referrals.v1: min.insync.replicas (unset) -> 2",
                        "~ police.referrals.v1: retention.ms 604800000 -> 7776000000");
        assertThat(plan.topicsTouched()).isEqualTo(1);
    }

    @Test
    void shouldRefuseToRemovePartitionsAndSaySo() {
        TopicPlan plan = TopicPlan.of(
                List.of(RULES), Map.of(RULES.name(), new TopicPlan.Existing(3, RULES.topicConfig(2))), (short) 3, 2);

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.refused()).singleElement().asString().contains("rj.routing-rules.v1 has 3 partitions");
        assertThat(plan.describe()).singleElement().asString().startsWith("! rj.routing-rules.v1");
    }
}
