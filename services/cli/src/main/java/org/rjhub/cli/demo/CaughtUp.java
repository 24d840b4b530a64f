package org.rjhub.cli.demo;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;

/**
 * The demo waits on what it waits for, not on the clock: a service has caught up when it has read every partition it
 * consumes to the end the broker gives now (the last committed record, and the transaction markers after it). An
 * exactly-once Kafka Streams application that has committed that far has written, and committed, everything it will
 * write for what came in so far (its own repartition topics are among its inputs).
 */
final class CaughtUp implements AutoCloseable {

    private static final Duration CHECK_EVERY = Duration.ofMillis(50);

    private final Admin admin;
    private final List<KafkaStreams> hub;

    /**
     * @param admin a principal that may describe every topic the demo's services read (the provisioning admin)
     * @param hub   the applications that write what the agencies and the facilitators read (the router and the case
     *              service), each reading what the other writes
     */
    CaughtUp(KafkaConnection admin, List<KafkaStreams> hub) {
        this.admin = KafkaClients.of(admin).admin();
        this.hub = List.copyOf(hub);
    }

    /**
     * Waits until every application of the hub has caught up, all of them at once (one caught up, then another, may
     * have given the first more to read), at most {@code timeout}.
     *
     * @return whether they caught up in time
     */
    boolean awaitHub(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean settled = false;
        while (!settled) {
            settled = true;
            for (KafkaStreams app : hub) {
                if (!caughtUp(committed(app))) {
                    settled = false;
                    if (!await(app, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * Waits until {@code streams} has committed the end offset of every input partition of its tasks, at most
     * {@code timeout}.
     *
     * @return whether it caught up in time
     */
    boolean await(KafkaStreams streams, Duration timeout) throws InterruptedException {
        return await(() -> committed(streams), timeout);
    }

    /**
     * Waits until the positions {@code read} gives are at the end offset of every partition in them (and they are not
     * empty), at most {@code timeout}; gives up when {@code read} gives null (the reader stopped).
     *
     * @return whether they caught up in time
     */
    boolean await(Supplier<Map<TopicPartition, Long>> read, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<TopicPartition, Long> positions = read.get();
            if (positions != null && caughtUp(positions)) {
                return true;
            }
            if (positions == null || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(CHECK_EVERY.toMillis());
        }
    }

    /** Each input partition of the application's active tasks, with the offset it committed (0 when none yet). */
    static Map<TopicPartition, Long> committed(KafkaStreams streams) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                for (TopicPartition tp : task.topicPartitions()) {
                    committed.put(tp, Math.max(0, task.committedOffsets().getOrDefault(tp, 0L)));
                }
            }
        }
        return committed;
    }

    private boolean caughtUp(Map<TopicPartition, Long> positions) throws InterruptedException {
        if (positions.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = endOffsets(positions.keySet());
        return ends.entrySet().stream().allMatch(e -> positions.get(e.getKey()) >= e.getValue());
    }

    /** The end offsets of {@code partitions} as a read-committed consumer sees them: after the last transaction. */
    private Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not give the end offsets of " + partitions, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
