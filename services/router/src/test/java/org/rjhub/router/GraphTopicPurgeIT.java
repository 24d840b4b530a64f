package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.router.graph.GraphTopicPurge;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.SimulatorConfig;
import org.rjhub.testsupport.Await;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * The partitioned case graph's topic is purged below the router's committed offsets, as Kafka Streams purges its own
 * repartition topics: by the router's own principal (the access file's Delete on its internal prefix), and losing
 * no message the router has still to read.
 */
@ExtendWith(KafkaStackExtension.class)
class GraphTopicPurgeIT {

    @Test
    void shouldDeleteTheGraphTopicsCommittedRecordsAndStillAnswerEveryReferralExactlyOnce(TestStack stack)
            throws Exception {
        // Given a router (the default, partitioned case graph) purging its graph topic every half second
        Batch batch = new AgencySimulator(20261206L, SimulatorConfig.defaults().cleanOnly()).generate(160);
        int half = batch.size() / 2;
        UnaryOperator<String> naming = stack.newNamespace("graph-purge");
        RouterConfig config = RouterInNamespace.provision(
                stack,
                naming,
                Files.createTempDirectory("router-graph-purge"),
                Map.of(RouterConfig.GRAPH_PURGE_INTERVAL_MS, 500L));
        String graphTopic = RouterTopology.graphTopic(config);
        Map<String, List<Outcome>> answers;
        MeterRegistry metrics;
        try (RouterService router = RouterService.start(config)) {
            router.awaitRunning(Duration.ofMinutes(2));
            metrics = router.registry();

            // When it answers half the referrals, has purged, and then takes the other half
            ReferralAnswers.publish(stack.connection(), naming, batch.records().subList(0, half));
            ReferralAnswers.awaitAnswers(stack.connection(), naming, half, Duration.ofMinutes(2));
            Await.until("the graph topic purged", Duration.ofMinutes(1), () -> purgedOffsets(metrics), n -> n > 0);
            ReferralAnswers.publish(stack.connection(), naming, batch.records().subList(half, batch.size()));
            answers = ReferralAnswers.readOutcomes(
                    stack.connection(), naming, ReferralAnswers.expectedAnswers(batch), Duration.ofMinutes(3));
        }
        double purged = purgedOffsets(metrics); // the router closed: no purge since

        // Then every referral is answered exactly once, the purge having deleted nothing unread
        ReferralAnswers.assertEachReferralAnsweredExactlyOnce(batch, answers);
        // and the graph topic starts where the purges left it: below the committed offsets, by what the metric counts
        try (Admin admin = KafkaClients.of(stack.connection()).admin()) {
            Map<TopicPartition, Long> starts = logStarts(admin, graphTopic);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                            config.getString(RouterConfig.APPLICATION_ID))
                    .partitionsToOffsetAndMetadata()
                    .get();
            long deleted = starts.values().stream().mapToLong(Long::longValue).sum();
            assertThat(deleted).as("offsets deleted from %s", graphTopic).isPositive();
            assertThat(purged).as(GraphTopicPurge.PURGED_METER).isEqualTo((double) deleted);
            starts.forEach((tp, start) -> assertThat(start)
                    .as("%s starts at or below the committed offset", tp)
                    .isLessThanOrEqualTo(
                            committed.get(tp) == null ? 0 : committed.get(tp).offset()));
        }
    }

    private static double purgedOffsets(MeterRegistry metrics) {
        return metrics.get(GraphTopicPurge.PURGED_METER).counter().count();
    }

    private static Map<TopicPartition, Long> logStarts(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            earliest.put(new TopicPartition(topic, p), OffsetSpec.earliest());
        }
        return admin.listOffsets(earliest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
