package org.rjhub.router.graph;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purge of the case graph's topic, as Kafka Streams purges its own repartition topics: every interval, the records
 * below the router's committed offsets on it are deleted (Admin {@code deleteRecords}). The owners write the topic and
 * read it back, so Kafka Streams does not know it as a repartition topic and never purges it; it keeps its records
 * ({@code retention.ms} -1, as a repartition topic) until they are consumed and committed, so no unread message is lost.
 * Every router instance purges the same offsets (the group's), which is idempotent.
 */
public final class GraphTopicPurge implements AutoCloseable {

    /** Offsets deleted from the graph topic (records and transaction markers): {@code rj_graph_purged_offsets_total}. */
    public static final String PURGED_METER = "rj.graph.purged.offsets";

    private static final Logger LOG = LoggerFactory.getLogger(GraphTopicPurge.class);

    private final Admin admin;
    private final String group;
    private final String topic;
    private final Counter purged;
    private final ScheduledExecutorService scheduler;
    private int failedInARow;

    private GraphTopicPurge(Admin admin, String group, String topic, MeterRegistry registry) {
        this.admin = admin;
        this.group = group;
        this.topic = topic;
        this.purged = Counter.builder(PURGED_METER)
                .description("Offsets deleted from the case graph's topic below the router's committed offsets")
                .register(registry);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "router-graph-purge");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Purges {@code topic} below {@code group}'s committed offsets every {@code interval}, from a thread of its own,
     * until {@link #close()} (which closes {@code admin}).
     */
    public static GraphTopicPurge start(
            Admin admin, String group, String topic, Duration interval, MeterRegistry registry) {
        GraphTopicPurge purge = new GraphTopicPurge(admin, group, topic, registry);
        purge.scheduler.scheduleWithFixedDelay(
                purge::purgeAndLogFailure, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return purge;
    }

    /**
     * One purge: each partition of the topic on which the group has committed an offset beyond the log's start is
     * truncated up to that offset.
     *
     * @return the offsets deleted
     */
    long purgeOnce() throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> ours = new HashMap<>();
        committed.forEach((tp, offset) -> {
            if (tp.topic().equals(topic) && offset != null) {
                ours.put(tp, OffsetSpec.earliest());
            }
        });
        if (ours.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, ListOffsetsResultInfo> starts =
                admin.listOffsets(ours).all().get();
        Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
        long offsets = 0;
        for (TopicPartition tp : ours.keySet()) {
            long upTo = committed.get(tp).offset();
            long start = starts.get(tp).offset();
            if (upTo > start) {
                deletions.put(tp, RecordsToDelete.beforeOffset(upTo));
                offsets += upTo - start;
            }
        }
        if (deletions.isEmpty()) {
            return 0;
        }
        admin.deleteRecords(deletions).all().get();
        purged.increment(offsets);
        return offsets;
    }

    /** The scheduled purge: a failure is logged (the stack trace once per outage) and retried at the next interval. */
    private void purgeAndLogFailure() {
        try {
            purgeOnce();
            if (failedInARow > 0) {
                LOG.info("Purging the case graph's topic {} again after {} failed purge(s)", topic, failedInARow);
                failedInARow = 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            if (failedInARow++ == 0) {
                LOG.warn("Purge of the case graph's topic {} failed; trying again at the next interval", topic, cause);
            } else {
                LOG.warn(
                        "Purge of the case graph's topic {} failed again ({} in a row): {}",
                        topic,
                        failedInARow,
                        cause.toString());
            }
        }
    }

    /** Stops the purges (interrupting one in progress) and closes the Admin client. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The case graph's purge did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
