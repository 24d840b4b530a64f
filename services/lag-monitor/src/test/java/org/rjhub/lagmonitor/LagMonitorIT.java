package org.rjhub.lagmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.lagmonitor.KafkaFixtures.commit;
import static org.rjhub.lagmonitor.KafkaFixtures.unique;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.lagmonitor.status.GroupStatus;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.status.WindowEntry;
import org.rjhub.lagmonitor.timelag.TimeLag;
import org.rjhub.testsupport.Await;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * The monitor against the real broker: offset lag checked against Kafka's own {@code ConsumerGroupCommand}, and every
 * Burrow status driven by a real consumer's commits, read back from {@code __consumer_offsets}. The test drives the
 * polls itself ({@link LagMonitor#pollOnce()}), with a window of 5 commits and no minimum distance between them.
 */
@ExtendWith(KafkaStackExtension.class)
class LagMonitorIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int WINDOW = 5;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private org.rjhub.testsupport.OwnBroker own;

    private <T extends AutoCloseable> T closing(T resource) {
        toClose.add(resource);
        return resource;
    }

    private KafkaFixtures kafka(TestStack stack) {
        return closing(new KafkaFixtures(plaintext(stack)));
    }

    /**
     * The lag monitor takes no client config yet, so its tests run on a plaintext broker of their own beside the
     * secured shared stack (one per test, closed after it).
     */
    private String plaintext(TestStack stack) {
        if (own == null || !toClose.contains(own)) {
            own = closing(stack.startOwnBroker());
        }
        return own.stack().connection().bootstrapServers();
    }

    /** A monitor of one group, with a short window so that statuses change within seconds. */
    private LagMonitor monitor(TestStack stack, String group) {
        LagMonitorConfig config = LagMonitorConfig.defaults(plaintext(stack))
                .withGroupFilter(Pattern.compile(Pattern.quote(group)))
                .withPollInterval(Duration.ofMillis(200))
                .withWindow(WINDOW, Duration.ZERO)
                .withHttpPort(0);
        return closing(LagMonitor.create(config));
    }

    @Test
    void shouldReportTheSameOffsetLagAsKafkasConsumerGroupCommand(TestStack stack) {
        // Given 20 records on each of two partitions, of which a group consumed and committed 7 and 15
        KafkaFixtures kafka = kafka(stack);
        String topic = unique("cgc");
        String group = unique("cgc-group");
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        kafka.createTopic(topic, 2);
        kafka.produce(p0, 20);
        kafka.produce(p1, 20);
        try (KafkaConsumer<String, String> consumer = kafka.consumer(group)) {
            consumer.assign(List.of(p0, p1));
            Map<TopicPartition, Long> limit = Map.of(p0, 7L, p1, 15L);
            List<ConsumerRecord<String, String>> processed = new ArrayList<>();
            Await.until(
                    "the records up to the limits",
                    DEADLINE,
                    () -> {
                        consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                            if (r.offset() < limit.get(new TopicPartition(r.topic(), r.partition()))) {
                                processed.add(r);
                            }
                        });
                        return processed.size();
                    },
                    n -> n == 22);
            commit(consumer, p0, 7);
            commit(consumer, p1, 15);
        }

        // When the monitor polls, and Kafka's tool describes the group
        LagSnapshot snapshot = monitor(stack, group).pollOnce();
        Map<TopicPartition, Long> toolLag = kafka.consumerGroupCommandLag(group);

        // Then both see a lag of 13 and 5
        GroupLag seen = snapshot.group(group).orElseThrow();
        assertThat(toolLag).isEqualTo(Map.of(p0, 13L, p1, 5L));
        for (PartitionLag p : seen.partitions()) {
            assertThat(p.lag())
                    .as("lag of %s-%d", p.topic(), p.partition())
                    .isEqualTo(toolLag.get(new TopicPartition(p.topic(), p.partition())));
        }
        assertThat(seen.partitions()).hasSize(2);
        assertThat(seen.totalLag()).isEqualTo(18);
    }

    @Test
    void shouldReportOkWhenTheConsumerCatchesUp(TestStack stack) {
        // Given a consumer 6 records behind on a partition of 10
        KafkaFixtures kafka = kafka(stack);
        TopicPartition tp = topicWithOnePartition(kafka, "ok");
        String group = unique("ok-group");
        LagMonitor monitor = monitor(stack, group);
        KafkaConsumer<String, String> consumer = closing(kafka.consumer(group));
        kafka.produce(tp, 10);
        commit(consumer, tp, 4);
        awaitCommitSeen(monitor, group, tp, 4);

        // When it consumes the rest and commits the log end
        commit(consumer, tp, 10);
        LagSnapshot snapshot = awaitCommitSeen(monitor, group, tp, 10);

        // Then no lag, in records or seconds, and OK
        PartitionLag p = partition(snapshot, group, tp);
        assertThat(p.lag()).isZero();
        assertThat(p.timeLag()).isEqualTo(TimeLag.CAUGHT_UP);
        assertThat(p.status()).isEqualTo(PartitionStatus.OK);
        assertThat(snapshot.group(group).orElseThrow().status()).isEqualTo(GroupStatus.OK);
        assertThat(p.verdict().evidence().window())
                .extracting(WindowEntry::offset)
                .containsExactly(4L, 10L);
    }

    @Test
    void shouldWarnWhileLagGrowsAndReportStopWhenCommitsCease(TestStack stack) {
        // Given a consumer caught up at 10
        KafkaFixtures kafka = kafka(stack);
        TopicPartition tp = topicWithOnePartition(kafka, "warn-stop");
        String group = unique("warn-stop-group");
        LagMonitor monitor = monitor(stack, group);
        KafkaConsumer<String, String> consumer = closing(kafka.consumer(group));
        kafka.produce(tp, 10);
        commit(consumer, tp, 10);
        awaitCommitSeen(monitor, group, tp, 10);

        // When 5 records arrive for every 2 it gets through, commit after commit
        long committed = 10;
        LagSnapshot snapshot = null;
        for (int step = 0; step < 3 * WINDOW; step++) {
            kafka.produce(tp, 5);
            monitor.pollOnce();
            committed += 2;
            commit(consumer, tp, committed);
            snapshot = awaitCommitSeen(monitor, group, tp, committed);
            PartitionLag p = partition(snapshot, group, tp);
            if (p.status() == PartitionStatus.WARN && fullOfKnownLags(p)) {
                break;
            }
        }

        // Then the lag grew at every commit of the window: WARN, for the group too
        PartitionLag slow = partition(snapshot, group, tp);
        assertThat(slow.status()).as(slow.verdict().reason()).isEqualTo(PartitionStatus.WARN);
        assertThat(snapshot.group(group).orElseThrow().status()).isEqualTo(GroupStatus.WARN);
        assertThat(slow.verdict().evidence().window())
                .hasSize(WINDOW)
                .extracting(e -> e.lag().orElseThrow())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(slow.timeLag().known()).isTrue();

        // And when it stops committing while records keep arriving
        kafka.produce(tp, 5);
        LagSnapshot stopped = awaitStatus(monitor, group, tp, PartitionStatus.STOP);

        // Then, once the silence is longer than the window spans, STOP, and the group is in error
        assertThat(stopped.group(group).orElseThrow().status()).isEqualTo(GroupStatus.ERR);
        assertThat(partition(stopped, group, tp).verdict().reason()).startsWith("no commit for");
    }

    @Test
    void shouldReportStallWhenTheConsumerKeepsCommittingTheSameOffset(TestStack stack) {
        // Given 20 records and a consumer at 5
        KafkaFixtures kafka = kafka(stack);
        TopicPartition tp = topicWithOnePartition(kafka, "stall");
        String group = unique("stall-group");
        LagMonitor monitor = monitor(stack, group);
        KafkaConsumer<String, String> consumer = closing(kafka.consumer(group));
        kafka.produce(tp, 20);
        commit(consumer, tp, 5);
        awaitCommitSeen(monitor, group, tp, 5);

        // When it commits 5 again and again
        LagSnapshot snapshot = Await.until(
                "STALL",
                DEADLINE,
                () -> {
                    commit(consumer, tp, 5);
                    return monitor.pollOnce();
                },
                s -> partition(s, group, tp).status() == PartitionStatus.STALL
                        && fullOfKnownLags(partition(s, group, tp)));

        // Then it is stalled, with lag 15 at every commit of the window, and the group is in error
        PartitionLag p = partition(snapshot, group, tp);
        assertThat(p.verdict().evidence().window()).allSatisfy(e -> {
            assertThat(e.offset()).isEqualTo(5);
            assertThat(e.lag()).hasValue(15);
        });
        assertThat(p.verdict().reason()).contains("commits of offset 5");
        assertThat(snapshot.group(group).orElseThrow().status()).isEqualTo(GroupStatus.ERR);
    }

    @Test
    void shouldReportRewindWhenTheGroupsOffsetIsResetBackwards(TestStack stack) {
        // Given a consumer that committed 5, 8 and 12 of 20 records, then left the group
        KafkaFixtures kafka = kafka(stack);
        TopicPartition tp = topicWithOnePartition(kafka, "rewind");
        String group = unique("rewind-group");
        LagMonitor monitor = monitor(stack, group);
        kafka.produce(tp, 20);
        try (KafkaConsumer<String, String> consumer = kafka.consumer(group)) {
            for (long offset : new long[] {5, 8, 12}) {
                commit(consumer, tp, offset);
                awaitCommitSeen(monitor, group, tp, offset);
            }
        }

        // When an operator resets the inactive group to offset 2
        kafka.resetOffset(group, tp, 2);
        LagSnapshot snapshot = awaitStatus(monitor, group, tp, PartitionStatus.REWIND);

        // Then REWIND, from 12 to 2, and the group is in error
        PartitionLag p = partition(snapshot, group, tp);
        assertThat(p.verdict().reason()).contains("from 12 to 2");
        assertThat(p.verdict().evidence().window())
                .extracting(WindowEntry::offset)
                .containsExactly(5L, 8L, 12L, 2L);
        assertThat(p.lag()).isEqualTo(18);
        assertThat(snapshot.group(group).orElseThrow().status()).isEqualTo(GroupStatus.ERR);
    }

    private static TopicPartition topicWithOnePartition(KafkaFixtures kafka, String hint) {
        String topic = unique(hint);
        kafka.createTopic(topic, 1);
        return new TopicPartition(topic, 0);
    }

    /** The first commit of a new group has no known lag (its partition's log end was not polled yet). */
    private static boolean fullOfKnownLags(PartitionLag p) {
        List<WindowEntry> window = p.verdict().evidence().window();
        return window.size() == WINDOW && window.stream().allMatch(e -> e.lag().isPresent());
    }

    private static PartitionLag partition(LagSnapshot snapshot, String group, TopicPartition tp) {
        return snapshot.group(group)
                .flatMap(g -> g.partition(tp.topic(), tp.partition()))
                .orElseThrow(() -> new AssertionError(group + " on " + tp + " not in " + snapshot));
    }

    /** Polls until the monitor has the commit in its window and the committed offset from the Admin client. */
    private static LagSnapshot awaitCommitSeen(LagMonitor monitor, String group, TopicPartition tp, long offset) {
        return Await.until(group + " committed " + offset + " on " + tp, DEADLINE, monitor::pollOnce, s -> {
            var p = s.group(group).flatMap(g -> g.partition(tp.topic(), tp.partition()));
            if (p.isEmpty() || p.get().committedOffset() != offset) {
                return false;
            }
            List<WindowEntry> window = p.get().verdict().evidence().window();
            return !window.isEmpty() && window.get(window.size() - 1).offset() == offset;
        });
    }

    private static LagSnapshot awaitStatus(
            LagMonitor monitor, String group, TopicPartition tp, PartitionStatus status) {
        return Await.until(
                status + " of " + group + " on " + tp,
                DEADLINE,
                monitor::pollOnce,
                s -> s.group(group)
                        .flatMap(g -> g.partition(tp.topic(), tp.partition()))
                        .map(p -> p.status() == status)
                        .orElse(false));
    }
}
