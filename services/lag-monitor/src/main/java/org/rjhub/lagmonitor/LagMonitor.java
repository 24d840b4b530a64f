package org.rjhub.lagmonitor;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.rjhub.lagmonitor.business.BusinessLag;
import org.rjhub.lagmonitor.business.BusinessLagSource;
import org.rjhub.lagmonitor.commits.CommitEvent;
import org.rjhub.lagmonitor.commits.CommitFeed;
import org.rjhub.lagmonitor.commits.OffsetsTopicCommitFeed;
import org.rjhub.lagmonitor.commits.PolledCommitFeed;
import org.rjhub.lagmonitor.offsets.AdminOffsetSource;
import org.rjhub.lagmonitor.offsets.ConsumerGroup;
import org.rjhub.lagmonitor.offsets.OffsetSource;
import org.rjhub.lagmonitor.status.BurrowEvaluator;
import org.rjhub.lagmonitor.status.CommitWindow;
import org.rjhub.lagmonitor.status.PartitionVerdict;
import org.rjhub.lagmonitor.timelag.LookupTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the consumer groups of one cluster. Each {@link #pollOnce() poll}:
 * <ol>
 *   <li>lists the consumer groups (keeping those the group filter matches) and their committed offsets;</li>
 *   <li>takes the offset commits made since the previous poll and adds them to each partition's Burrow window, each
 *       with the lag at its time (the log-end offset known then minus the commit);</li>
 *   <li>reads the log-end offsets, adding a point to each partition's lookup table;</li>
 *   <li>computes offset lag, lag in seconds and Burrow status per group and partition, and publishes the
 *       {@link LagSnapshot} to {@link #latest()} and the listeners;</li>
 *   <li>forgets groups and partitions that are gone.</li>
 * </ol>
 * {@link #start()} polls every poll interval on a thread of its own; a failed poll is logged, counted and retried at
 * the next interval, and the previous snapshot stays. Thread-safe.
 */
public final class LagMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final LagMonitorConfig config;
    private final OffsetSource offsets;
    private final CommitFeed commits;
    private final InstantSource clock;
    private final List<BusinessLagSource> businessSources;

    private final Map<TopicPartition, LogEndHistory> logEnds = new HashMap<>();
    private final Map<String, Map<TopicPartition, CommitWindow>> windows = new HashMap<>();

    private final AtomicReference<LagSnapshot> latest = new AtomicReference<>();
    private final List<Consumer<LagSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong pollFailures = new AtomicLong();
    private final AtomicReference<Instant> lastSuccess = new AtomicReference<>();
    /** Guards the poll state and the clients; {@code this} guards only the scheduler, so close never waits a poll. */
    private final Object pollLock = new Object();

    private ScheduledExecutorService scheduler;
    /** Consecutive failures of the scheduled poll; only its thread touches it. */
    private int failedInARow;

    LagMonitor(
            LagMonitorConfig config,
            OffsetSource offsets,
            CommitFeed commits,
            InstantSource clock,
            List<BusinessLagSource> businessSources) {
        this.config = Objects.requireNonNull(config, "config");
        this.offsets = Objects.requireNonNull(offsets, "offsets");
        this.commits = Objects.requireNonNull(commits, "commits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.businessSources = List.copyOf(businessSources);
    }

    /** A monitor of the cluster the configuration names; nothing is read before the first poll. */
    public static LagMonitor create(LagMonitorConfig config) {
        return create(config, List.of());
    }

    /** A monitor that also reads business lag from {@code businessSources} on every poll. */
    public static LagMonitor create(LagMonitorConfig config, List<BusinessLagSource> businessSources) {
        OffsetSource offsets = new AdminOffsetSource(config.adminProperties(), REQUEST_TIMEOUT);
        CommitFeed commits = switch (config.commitSource()) {
            case OFFSETS_TOPIC ->
                new OffsetsTopicCommitFeed(config.commitReaderProperties(), config::watches, REQUEST_TIMEOUT);
            case POLL -> new PolledCommitFeed();
        };
        return new LagMonitor(config, offsets, commits, InstantSource.system(), businessSources);
    }

    public LagMonitorConfig config() {
        return config;
    }

    /**
     * Polls the cluster once and returns the new snapshot (also published to {@link #latest()} and the listeners).
     *
     * @throws LagMonitorException when the cluster cannot be read; the previous snapshot stays
     */
    public LagSnapshot pollOnce() {
        synchronized (pollLock) {
            try {
                return poll();
            } catch (RuntimeException e) {
                pollFailures.incrementAndGet();
                throw e;
            }
        }
    }

    private LagSnapshot poll() {
        List<ConsumerGroup> groups =
                offsets.groups().stream().filter(g -> config.watches(g.id())).toList();
        Map<String, Map<TopicPartition, Long>> committed =
                offsets.committedOffsets(groups.stream().map(ConsumerGroup::id).toList());
        addToWindows(commits.poll(committed, clock.instant()));

        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(m -> partitions.addAll(m.keySet()));
        Map<TopicPartition, Long> ends = offsets.logEndOffsets(partitions);
        Instant now = clock.instant();
        ends.forEach((tp, end) ->
                logEnds.computeIfAbsent(tp, k -> new LogEndHistory()).add(end, now));

        List<GroupLag> groupLags = new ArrayList<>();
        for (ConsumerGroup group : groups) {
            Map<TopicPartition, Long> groupOffsets = committed.get(group.id());
            if (groupOffsets != null) {
                groupLags.add(groupLag(group, groupOffsets, ends, now));
            }
        }
        forgetVanished(committed, ends.keySet());
        LagSnapshot snapshot = new LagSnapshot(now, groupLags, readBusinessLag(now));
        latest.set(snapshot);
        lastSuccess.set(now);
        for (Consumer<LagSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                LOG.warn("A snapshot listener failed; the snapshot stands", e);
            }
        }
        return snapshot;
    }

    /** The last snapshot, empty before the first successful poll. */
    public Optional<LagSnapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** Whether a poll has succeeded: the monitor has something to serve. */
    public boolean isReady() {
        return latest.get() != null;
    }

    /** Called with every new snapshot, on the polling thread. */
    public void addListener(Consumer<LagSnapshot> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** How many polls have failed since the start. */
    public long pollFailures() {
        return pollFailures.get();
    }

    /** When the last successful poll read the log-end offsets. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess.get());
    }

    /** Polls now and then every poll interval, on a thread of its own, until {@link #close()}. */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lag-monitor-poll");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(
                this::pollAndLogFailure, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The scheduled poll: a failure is logged (the stack trace once per outage) and retried at the next interval. */
    private void pollAndLogFailure() {
        try {
            pollOnce();
            if (failedInARow > 0) {
                LOG.info("Polling consumer lag again after {} failed poll(s)", failedInARow);
                failedInARow = 0;
            }
        } catch (RuntimeException e) {
            if (e instanceof LagMonitorException lme && lme.reason() == LagMonitorException.Reason.INTERRUPTED) {
                return;
            }
            if (failedInARow++ == 0) {
                LOG.warn("Poll of consumer lag failed; trying again every {}", config.pollInterval(), e);
            } else {
                LOG.warn("Poll of consumer lag failed again ({} in a row): {}", failedInARow, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService s;
        synchronized (this) {
            s = scheduler;
        }
        if (s != null) {
            s.shutdownNow(); // interrupts a poll in progress; the Kafka clients give up at once
            try {
                if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("The polling thread did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (pollLock) {
            commits.close();
            offsets.close();
        }
    }

    private void addToWindows(List<CommitEvent> events) {
        for (CommitEvent event : events) {
            if (event instanceof CommitEvent.Committed c) {
                LogEndHistory history = logEnds.get(c.partition());
                OptionalLong endThen = history == null ? OptionalLong.empty() : history.table.offsetAt(c.timestamp());
                OptionalLong lag = endThen.isPresent()
                        ? OptionalLong.of(Math.max(0, endThen.getAsLong() - c.offset()))
                        : OptionalLong.empty();
                windows.computeIfAbsent(c.group(), g -> new HashMap<>())
                        .computeIfAbsent(
                                c.partition(), tp -> new CommitWindow(config.windowSize(), config.windowMinDistance()))
                        .add(c.offset(), c.timestamp(), lag);
            } else if (event instanceof CommitEvent.Deleted d) {
                Map<TopicPartition, CommitWindow> groupWindows = windows.get(d.group());
                if (groupWindows != null) {
                    groupWindows.remove(d.partition());
                }
            }
        }
    }

    private GroupLag groupLag(
            ConsumerGroup group, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends, Instant now) {
        Map<TopicPartition, CommitWindow> groupWindows = windows.getOrDefault(group.id(), Map.of());
        List<PartitionLag> partitions = new ArrayList<>();
        committed.forEach((tp, offset) -> {
            Long end = ends.get(tp);
            if (end == null) {
                return; // the topic is gone
            }
            long lag = Math.max(0, end - offset);
            LogEndHistory history = logEnds.get(tp);
            CommitWindow window = groupWindows.get(tp);
            PartitionVerdict verdict = BurrowEvaluator.evaluatePartition(
                    window == null ? List.of() : window.entries(), config.windowSize(), history.recent(), lag, now);
            partitions.add(new PartitionLag(
                    tp.topic(), tp.partition(), offset, end, lag, history.table.lag(offset, now), verdict));
        });
        return new GroupLag(
                group.id(),
                group.state(),
                BurrowEvaluator.evaluateGroup(
                        partitions.stream().map(PartitionLag::status).toList()),
                partitions);
    }

    private void forgetVanished(Map<String, Map<TopicPartition, Long>> committed, Set<TopicPartition> live) {
        windows.keySet().retainAll(committed.keySet());
        windows.forEach((group, byPartition) ->
                byPartition.keySet().retainAll(committed.get(group).keySet()));
        logEnds.keySet().retainAll(live);
    }

    private List<BusinessLag> readBusinessLag(Instant now) {
        List<BusinessLag> readings = new ArrayList<>();
        for (BusinessLagSource source : businessSources) {
            try {
                readings.addAll(source.read(now));
            } catch (RuntimeException e) {
                // every poll may fail the same way: the message at WARN, the stack trace at DEBUG
                LOG.warn(
                        "Business lag source {} failed, its readings are left out of this poll: {}",
                        source.getClass().getName(),
                        e.toString());
                LOG.debug("Business lag source {} failed", source.getClass().getName(), e);
            }
        }
        return readings;
    }

    /** One partition's log-end offsets: the lookup table, and the last N polled (Burrow's broker offsets). */
    private final class LogEndHistory {
        final LookupTable table = new LookupTable(config.lookupTableSize());
        private final Deque<Long> recent = new ArrayDeque<>();

        void add(long end, Instant time) {
            table.add(end, time);
            if (recent.size() == config.windowSize()) {
                recent.removeFirst();
            }
            recent.addLast(end);
        }

        List<Long> recent() {
            return List.copyOf(recent);
        }
    }
}
