package org.rjhub.dlq.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.dlq.DlqException;

/**
 * Reads the committed records of a topic as they are now: from the start (or given offsets) up to each
 * partition's last stable offset when the read began. Partitions are assigned, nothing is committed.
 */
public final class TopicSnapshot {

    private TopicSnapshot() {}

    /** Every committed record of {@code topic}. */
    public static <V> List<ConsumerRecord<byte[], V>> readAll(
            KafkaClients clients, Properties consumer, String topic, Deserializer<V> values, Duration timeout) {
        return read(clients, consumer, topic, values, timeout, p -> true, null);
    }

    /**
     * The committed records at {@code offset} on the partitions {@code partitions} accepts (at most one each;
     * none where the offset is a transaction marker or beyond the end).
     */
    public static <V> List<ConsumerRecord<byte[], V>> readAt(
            KafkaClients clients,
            Properties consumer,
            String topic,
            Deserializer<V> values,
            Duration timeout,
            Predicate<Integer> partitions,
            long offset) {
        List<ConsumerRecord<byte[], V>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], V> r : read(clients, consumer, topic, values, timeout, partitions, offset)) {
            if (r.offset() == offset) {
                out.add(r);
            }
        }
        return out;
    }

    private static <V> List<ConsumerRecord<byte[], V>> read(
            KafkaClients clients,
            Properties props,
            String topic,
            Deserializer<V> values,
            Duration timeout,
            Predicate<Integer> wanted,
            Long at) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], V> consumer = clients.consumer(props, new ByteArrayDeserializer(), values)) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new DlqException("topic " + topic + " does not exist: is the cluster or --topic-prefix right?");
            }
            List<TopicPartition> partitions = infos.stream()
                    .filter(i -> wanted.test(i.partition()))
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Set<TopicPartition> pending = new HashSet<>();
            for (TopicPartition tp : partitions) {
                if (at == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else if (at < end.get(tp)) {
                    consumer.seek(tp, at);
                }
                if ((at == null || at < end.get(tp)) && consumer.position(tp, timeout) < end.get(tp)) {
                    pending.add(tp);
                } else {
                    consumer.pause(List.of(tp));
                }
            }
            List<ConsumerRecord<byte[], V>> records = new ArrayList<>();
            while (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + timeout);
                }
                for (ConsumerRecord<byte[], V> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (pending.contains(tp) && r.offset() < end.get(tp)) {
                        records.add(r);
                    }
                }
                for (TopicPartition tp : List.copyOf(pending)) {
                    boolean oneIsEnough = at != null && records.stream().anyMatch(r -> r.partition() == tp.partition());
                    if (oneIsEnough || consumer.position(tp) >= end.get(tp)) {
                        pending.remove(tp);
                        consumer.pause(List.of(tp));
                    }
                }
            }
            return records;
        }
    }
}
