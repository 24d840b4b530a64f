package org.rjhub.lagmonitor.commits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.lagmonitor.LagMonitorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every offset commit, read from {@code __consumer_offsets} as Burrow does: the partitions are assigned (no group,
 * nothing committed), read from the beginning (the compacted history gives each partition's last commit, and its
 * time), and on every poll up to the end offsets seen at the start of the poll, so that a commit acknowledged before
 * the poll is always in it.
 */
public final class OffsetsTopicCommitFeed implements CommitFeed {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetsTopicCommitFeed.class);
    private static final Duration FETCH_WAIT = Duration.ofMillis(100);
    /** Kafka's internal topic of group offsets and metadata. */
    public static final String OFFSETS_TOPIC = "__consumer_offsets";

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Predicate<String> groupFilter;
    private final Duration budget;
    private List<TopicPartition> assigned = List.of();
    private boolean warnedUndecodable;

    /**
     * @param consumerProperties a consumer's settings with byte-array deserializers and no group id
     * @param groupFilter        the groups whose commits are kept
     * @param budget             the longest one poll may read (the first one replays the history)
     */
    public OffsetsTopicCommitFeed(Properties consumerProperties, Predicate<String> groupFilter, Duration budget) {
        this.consumer = KafkaClients.forCluster(consumerProperties).consumer(Map.of());
        this.groupFilter = groupFilter;
        this.budget = budget;
    }

    @Override
    public List<CommitEvent> poll(Map<String, Map<TopicPartition, Long>> committedNow, Instant now) {
        try {
            return read();
        } catch (KafkaException e) {
            throw LagMonitorException.of("read the offset commits from " + OFFSETS_TOPIC, e);
        }
    }

    private List<CommitEvent> read() {
        if (assigned.isEmpty() && !assign()) {
            return List.of();
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
        List<CommitEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + budget.toNanos();
        while (!caughtUp(end)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(FETCH_WAIT)) {
                decode(r).filter(e -> groupFilter.test(e.group())).ifPresent(events::add);
            }
            if (System.nanoTime() > deadline) {
                LOG.info(
                        "Read {} offset commits within the budget of {}; the rest comes with the next poll",
                        events.size(),
                        budget);
                break;
            }
        }
        return events;
    }

    private boolean assign() {
        List<TopicPartition> partitions = consumer.partitionsFor(OFFSETS_TOPIC).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (partitions.isEmpty()) {
            LOG.info("{} does not exist yet (no group has committed); trying again on the next poll", OFFSETS_TOPIC);
            return false;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        assigned = partitions;
        return true;
    }

    private boolean caughtUp(Map<TopicPartition, Long> end) {
        for (TopicPartition tp : assigned) {
            if (consumer.position(tp) < end.getOrDefault(tp, 0L)) {
                return false;
            }
        }
        return true;
    }

    private Optional<CommitEvent> decode(ConsumerRecord<byte[], byte[]> r) {
        try {
            return OffsetCommitDecoder.decode(r.key(), r.value());
        } catch (IllegalArgumentException e) {
            if (!warnedUndecodable) {
                LOG.warn(
                        "Skipping undecodable record at {}-{} offset {} (further ones are skipped silently)",
                        r.topic(),
                        r.partition(),
                        r.offset(),
                        e);
                warnedUndecodable = true;
            }
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
