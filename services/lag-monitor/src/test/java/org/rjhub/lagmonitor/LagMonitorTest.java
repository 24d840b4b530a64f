package org.rjhub.lagmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rjhub.lagmonitor.business.BusinessLag;
import org.rjhub.lagmonitor.business.BusinessLagSource;
import org.rjhub.lagmonitor.commits.CommitEvent;
import org.rjhub.lagmonitor.commits.CommitFeed;
import org.rjhub.lagmonitor.offsets.ConsumerGroup;
import org.rjhub.lagmonitor.offsets.OffsetSource;
import org.rjhub.lagmonitor.status.GroupStatus;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.status.WindowEntry;
import org.rjhub.lagmonitor.timelag.TimeLag;

class LagMonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final TopicPartition P0 = new TopicPartition("police.referrals.v1", 0);
    private static final TopicPartition P1 = new TopicPartition("police.referrals.v1", 1);

    private final FakeCluster cluster = new FakeCluster();
    private final FakeCommits commits = new FakeCommits();
    private final MutableClock clock = new MutableClock();
    private final LagMonitorConfig config =
            LagMonitorConfig.defaults("unused:9092").withWindow(5, Duration.ZERO);

    private LagMonitor monitor(LagMonitorConfig cfg, List<BusinessLagSource> business) {
        return new LagMonitor(cfg, cluster, commits, clock, business);
    }

    @Test
    void shouldComputeOffsetLagAndLagInSecondsPerPartition() {
        // Given the log end at 100 at t=0 s and at 200 at t=10 s, the group at 150
        LagMonitor monitor = monitor(config, List.of());
        cluster.group("rj-router", Map.of(P0, 150L)).end(P0, 100);
        clock.at(0);
        monitor.pollOnce();
        cluster.end(P0, 200);
        clock.at(10);

        // When polled again
        LagSnapshot snapshot = monitor.pollOnce();

        // Then 50 records behind, and offset 150 was the log end at t=5 s: 5 s behind
        PartitionLag p = snapshot.group("rj-router")
                .orElseThrow()
                .partition(P0.topic(), 0)
                .orElseThrow();
        assertThat(p.committedOffset()).isEqualTo(150);
        assertThat(p.logEndOffset()).isEqualTo(200);
        assertThat(p.lag()).isEqualTo(50);
        assertThat(p.timeLag().method()).isEqualTo(TimeLag.Method.INTERPOLATED);
        assertThat(p.timeLag().seconds()).isCloseTo(5.0, within(1e-6));
        assertThat(snapshot.takenAt()).isEqualTo(clock.instant());
    }

    @Test
    void shouldReportZeroLagWhenCaughtUp() {
        LagMonitor monitor = monitor(config, List.of());
        cluster.group("rj-router", Map.of(P0, 100L)).end(P0, 100);

        PartitionLag p = monitor.pollOnce().groups().get(0).partitions().get(0);

        assertThat(p.lag()).isZero();
        assertThat(p.timeLag()).isEqualTo(TimeLag.CAUGHT_UP);
        assertThat(p.status()).isEqualTo(PartitionStatus.OK);
    }

    @Test
    void shouldRecordEachCommitWithTheLagAgainstTheLogEndKnownAtItsTime() {
        // Given the log end polled at 100 at t=0 s
        LagMonitor monitor = monitor(config, List.of());
        cluster.group("rj-router", Map.of(P0, 60L)).end(P0, 100);
        clock.at(0);
        monitor.pollOnce();

        // When the group commits 80 at t=3 s, the log end meanwhile at 130
        commits.add(new CommitEvent.Committed("rj-router", P0, 80, T0.plusSeconds(3)));
        cluster.group("rj-router", Map.of(P0, 80L)).end(P0, 130);
        clock.at(5);
        LagSnapshot snapshot = monitor.pollOnce();

        // Then the commit is in the window with the lag known at t=3 s (100 - 80), the current lag is 50
        PartitionLag p = snapshot.groups().get(0).partitions().get(0);
        assertThat(p.verdict().evidence().window()).containsExactly(WindowEntry.of(80, T0.plusSeconds(3), 20));
        assertThat(p.lag()).isEqualTo(50);
    }

    @Test
    void shouldLeaveTheLagUnknownForCommitsOlderThanTheFirstPoll() {
        // Given commits replayed from history at the first poll
        LagMonitor monitor = monitor(config, List.of());
        commits.add(new CommitEvent.Committed("rj-router", P0, 80, T0.minusSeconds(60)));
        cluster.group("rj-router", Map.of(P0, 80L)).end(P0, 100);

        // When polled
        PartitionLag p = monitor.pollOnce().groups().get(0).partitions().get(0);

        // Then their lag is unknown
        assertThat(p.verdict().evidence().window())
                .containsExactly(new WindowEntry(80, T0.minusSeconds(60), OptionalLong.empty()));
    }

    @Test
    void shouldJudgeTheGroupFromTheCommitsOfItsPartitions() {
        // Given a group whose consumer keeps committing 10 on P0 while records wait, and is caught up on P1
        LagMonitor monitor = monitor(config, List.of());
        cluster.group("rj-router", Map.of(P0, 10L, P1, 5L)).end(P0, 50).end(P1, 5);
        clock.at(0);
        monitor.pollOnce();

        // When three commits of 10 arrive over the next seconds
        for (int i = 1; i <= 3; i++) {
            commits.add(new CommitEvent.Committed("rj-router", P0, 10, T0.plusSeconds(i)));
        }
        clock.at(3);
        GroupLag group = monitor.pollOnce().groups().get(0);

        // Then P0 is stalled and the group is in error
        assertThat(group.partition(P0.topic(), 0).orElseThrow().status()).isEqualTo(PartitionStatus.STALL);
        assertThat(group.partition(P1.topic(), 1).orElseThrow().status()).isEqualTo(PartitionStatus.OK);
        assertThat(group.status()).isEqualTo(GroupStatus.ERR);
        assertThat(group.totalLag()).isEqualTo(40);
    }

    @Test
    void shouldWatchOnlyTheGroupsMatchingTheFilter() {
        LagMonitor monitor = monitor(config.withGroupFilter(Pattern.compile("rj-.*")), List.of());
        cluster.group("rj-router", Map.of(P0, 1L))
                .group("connect-sink", Map.of(P0, 1L))
                .end(P0, 2);

        assertThat(monitor.pollOnce().groups()).extracting(GroupLag::group).containsExactly("rj-router");
        assertThat(cluster.askedFor).containsExactly("rj-router");
    }

    @Test
    void shouldForgetAGroupThatIsGone() {
        // Given a group with a commit in its window
        LagMonitor monitor = monitor(config, List.of());
        cluster.group("rj-router", Map.of(P0, 10L)).end(P0, 50);
        monitor.pollOnce();
        commits.add(new CommitEvent.Committed("rj-router", P0, 10, T0.plusSeconds(1)));
        clock.at(2);
        assertThat(monitor.pollOnce()
                        .groups()
                        .get(0)
                        .partitions()
                        .get(0)
                        .verdict()
                        .evidence()
                        .window())
                .hasSize(1);

        // When the group is deleted, and later one of the same name appears
        cluster.groups.clear();
        clock.at(3);
        LagSnapshot without = monitor.pollOnce();
        cluster.group("rj-router", Map.of(P0, 10L));
        clock.at(4);
        LagSnapshot again = monitor.pollOnce();

        // Then it leaves the snapshot, and the new one starts with an empty window
        assertThat(without.groups()).isEmpty();
        assertThat(again.groups()
                        .get(0)
                        .partitions()
                        .get(0)
                        .verdict()
                        .evidence()
                        .window())
                .isEmpty();
    }

    @Test
    void shouldLeaveOutAPartitionWhoseTopicIsGone() {
        LagMonitor monitor = monitor(config, List.of());
        cluster.group("rj-router", Map.of(P0, 10L, P1, 3L)).end(P0, 10);

        assertThat(monitor.pollOnce().groups().get(0).partitions())
                .extracting(PartitionLag::partition)
                .containsExactly(0);
    }

    @Test
    void shouldBeReadyOnlyAfterASuccessfulPollAndKeepTheLastSnapshotWhenAPollFails() {
        // Given a monitor that has not polled
        LagMonitor monitor = monitor(config, List.of());
        cluster.group("rj-router", Map.of(P0, 10L)).end(P0, 10);
        assertThat(monitor.isReady()).isFalse();
        assertThat(monitor.latest()).isEmpty();

        // When a poll succeeds and the next fails
        LagSnapshot first = monitor.pollOnce();
        cluster.failing = true;

        // Then the failure is thrown, and the first snapshot stays
        assertThatThrownBy(monitor::pollOnce).isInstanceOf(LagMonitorException.class);
        assertThat(monitor.isReady()).isTrue();
        assertThat(monitor.latest()).contains(first);
    }

    @Test
    void shouldAddBusinessLagReadingsAndSkipAFailingSource() {
        // Given one working and one failing business lag source
        BusinessLag reading = new BusinessLag("oldest_unassigned_case_age", "essex-south", Duration.ofMinutes(42));
        BusinessLagSource working = now -> List.of(reading);
        BusinessLagSource failing = now -> {
            throw new IllegalStateException("store not ready");
        };
        LagMonitor monitor = monitor(config, List.of(failing, working));

        // When polled
        LagSnapshot snapshot = monitor.pollOnce();

        // Then the working source's readings are in the snapshot
        assertThat(snapshot.businessLag()).containsExactly(reading);
    }

    @Test
    void shouldTellListenersOfEverySnapshot() {
        LagMonitor monitor = monitor(config, List.of());
        List<LagSnapshot> seen = new ArrayList<>();
        monitor.addListener(seen::add);

        LagSnapshot snapshot = monitor.pollOnce();

        assertThat(seen).containsExactly(snapshot);
    }

    @Test
    @Timeout(20) // a deadlock guard, not a performance figure: close once waited for the poll it should stop
    void shouldStopAPollInProgressWhenClosed() throws InterruptedException {
        // Given a started monitor whose poll hangs on an unresponsive cluster
        CountDownLatch polling = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeCluster hanging = new FakeCluster() {
            @Override
            public List<ConsumerGroup> groups() {
                polling.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.countDown();
                    throw new LagMonitorException(LagMonitorException.Reason.INTERRUPTED, "interrupted", e);
                }
                return List.of();
            }
        };
        LagMonitor monitor = new LagMonitor(config, hanging, commits, clock, List.of());
        monitor.start();
        assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();

        // When it is closed
        monitor.close();

        // Then the poll was interrupted and the clients closed
        assertThat(interrupted.await(0, TimeUnit.SECONDS)).isTrue();
        assertThat(hanging.closed).isTrue();
        assertThat(monitor.isReady()).isFalse();
    }

    /** Groups, committed offsets and log ends, set by the test. */
    private static class FakeCluster implements OffsetSource {
        final Map<String, Map<TopicPartition, Long>> groups = new HashMap<>();
        final Map<TopicPartition, Long> ends = new HashMap<>();
        final List<String> askedFor = new ArrayList<>();
        boolean failing;
        volatile boolean closed;

        FakeCluster group(String id, Map<TopicPartition, Long> committed) {
            groups.put(id, committed);
            return this;
        }

        FakeCluster end(TopicPartition tp, long end) {
            ends.put(tp, end);
            return this;
        }

        @Override
        public List<ConsumerGroup> groups() {
            return groups.keySet().stream()
                    .sorted()
                    .map(g -> new ConsumerGroup(g, "Stable"))
                    .toList();
        }

        @Override
        public Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groupIds) {
            askedFor.clear();
            askedFor.addAll(groupIds);
            Map<String, Map<TopicPartition, Long>> result = new HashMap<>();
            groupIds.forEach(g -> result.put(g, groups.get(g)));
            return result;
        }

        @Override
        public Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions) {
            if (failing) {
                throw new LagMonitorException(LagMonitorException.Reason.UNAVAILABLE, "broker down", null);
            }
            Map<TopicPartition, Long> result = new HashMap<>();
            partitions.stream().filter(ends::containsKey).forEach(tp -> result.put(tp, ends.get(tp)));
            return result;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class FakeCommits implements CommitFeed {
        private final List<CommitEvent> pending = new ArrayList<>();

        void add(CommitEvent event) {
            pending.add(event);
        }

        @Override
        public List<CommitEvent> poll(Map<String, Map<TopicPartition, Long>> committedNow, Instant now) {
            List<CommitEvent> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        @Override
        public void close() {}
    }

    private static final class MutableClock implements InstantSource {
        private Instant now = T0;

        void at(long seconds) {
            now = T0.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
