package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rjhub.router.graph.GraphClock;
import org.rjhub.router.graph.OwnerMessage;
import org.rjhub.router.graph.OwnerMessage.Kind;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.SimulatorConfig;

/**
 * What the partitioned case graph sends on its topic and writes to its clock for the simulator's referrals (the
 * router in a TopologyTestDriver): the shortcuts that save passes of the topic (DESIGN.md, "Fewer passes of the graph
 * topic").
 */
class GraphTrafficTest {

    private static final Batch BATCH =
            new AgencySimulator(42, SimulatorConfig.defaults().cleanOnly()).generate(120);

    @Test
    void shouldGiveAComponentUpAtOnceToASmallerReferralInsteadOfAskingItToJoin() {
        // Given the simulator's referrals, some of which link referrals placed before them
        try (RouterDriver router = new RouterDriver(Map.of())) {
            BATCH.records().forEach(router::pipe);

            // When the messages the graph topic carried are read
            List<OwnerMessage> sent = router.graphMessages();

            // Then components merged (absorbs were sent), but no root asked a smaller referral to join it: it gave its
            // component up to it at once (a root is its component's smallest, so the smaller one's root would have
            // asked it to surrender)
            assertThat(sent).filteredOn(m -> m.kind() == Kind.ABSORB).isNotEmpty();
            assertThat(sent)
                    .filteredOn(m -> m.kind() == Kind.JOIN)
                    .allSatisfy(m -> assertThat(m.referrals().get(0))
                            .as("a join's target")
                            .isGreaterThan(m.root()));
            // and no root that gave its component up was repointed at the root it had sent it to
            Set<String> pointed = new HashSet<>();
            sent.stream()
                    .filter(m -> m.kind() == Kind.ABSORB && !m.referrals().isEmpty())
                    .forEach(m -> pointed.add(m.root() + " -> " + m.referrals().get(0)));
            assertThat(sent)
                    .filteredOn(m -> m.kind() == Kind.REPOINT)
                    .allSatisfy(m -> assertThat(pointed).doesNotContain(m.to() + " -> " + m.root()));
        }
    }

    @Test
    void shouldWriteTheGraphClockOncePerCommitNotOncePerStep() {
        // Given the simulator's referrals, each piped record one commit of the TopologyTestDriver
        try (RouterDriver router = new RouterDriver(Map.of())) {
            BATCH.records().forEach(router::pipe);

            // When the clock's changelog is read
            String changelog =
                    router.config.getString(RouterConfig.APPLICATION_ID) + "-" + GraphClock.STORE + "-changelog";
            int clockWrites = router.driver
                    .createOutputTopic(
                            changelog,
                            org.apache.kafka.common.serialization.Serdes.String()
                                    .deserializer(),
                            org.apache.kafka.common.serialization.Serdes.Long().deserializer())
                    .readValuesToList()
                    .size();

            // Then it took at most one entry per commit, far fewer than the graph's steps (one per message applied)
            assertThat(clockWrites).isPositive().isLessThanOrEqualTo(BATCH.size());
            assertThat(router.graphMessages().size()).isGreaterThan(2 * BATCH.size());
        }
    }
}
