package org.rjhub.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;

/**
 * Reads committed records of Avro topics from the beginning, each set of topics as its own principal (the agency
 * its outcomes, the case service the queues ...). It joins no consumer group and commits nothing, so a principal
 * needs Read and Describe on the topics alone.
 */
public final class TopicReader implements AutoCloseable {

    /** How long a topic just created may take to be known to the broker the reader asks. */
    static final Duration TOPIC_APPEARS_WITHIN = Duration.ofSeconds(30);

    private final List<KafkaConsumer<String, SpecificRecord>> consumers = new ArrayList<>();
    private final List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();

    /** Reads {@code topics} as {@code connection}'s principal. */
    public TopicReader(KafkaConnection connection, Collection<String> topics) {
        this(Map.of(connection, topics));
    }

    /** Reads each connection's topics as that connection's principal. */
    public TopicReader(Map<KafkaConnection, ? extends Collection<String>> topicsByConnection) {
        Properties p = new Properties();
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        topicsByConnection.forEach((connection, topics) -> {
            var values = new io.apicurio.registry.serde.avro.AvroKafkaDeserializer<SpecificRecord>();
            values.configure(new AvroSerdes(connection).clientConfig(), false);
            KafkaConsumer<String, SpecificRecord> consumer =
                    KafkaClients.of(connection).consumer(p, new StringDeserializer(), values);
            consumers.add(consumer);
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                partitionsOf(consumer, topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        });
    }

    /**
     * The topic's partitions, waiting a while for a topic just created: the broker answers from its copy of the
     * metadata, a little behind the controller's.
     *
     * @throws IllegalStateException if the topic stays unknown (it does not exist, or the principal may not see it)
     */
    private static List<PartitionInfo> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + TOPIC_APPEARS_WITHIN.toNanos();
        List<PartitionInfo> partitions;
        while ((partitions = consumer.partitionsFor(topic)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no topic " + topic + " on the cluster after "
                        + TOPIC_APPEARS_WITHIN.toSeconds() + " s (or this principal may not describe it)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for topic " + topic, e);
            }
        }
        return partitions;
    }

    private void pollOnce() {
        for (KafkaConsumer<String, SpecificRecord> consumer : consumers) {
            consumer.poll(Duration.ofMillis(200 / consumers.size())).forEach(seen::add);
        }
    }

    /** Polls until {@code done} holds for everything seen so far, or the timeout passes. */
    public List<ConsumerRecord<String, SpecificRecord>> readUntil(
            Predicate<List<ConsumerRecord<String, SpecificRecord>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            pollOnce();
        }
        return List.copyOf(seen);
    }

    /**
     * Polls until every partition is read to the end it has now (its last committed record, and the transaction
     * markers after it), or the timeout passes.
     */
    public List<ConsumerRecord<String, SpecificRecord>> readToEnd(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<TopicPartition, Long>> ends = new ArrayList<>();
        for (KafkaConsumer<String, SpecificRecord> consumer : consumers) {
            ends.add(consumer.endOffsets(consumer.assignment()));
        }
        boolean behind = true;
        while (behind && System.nanoTime() < deadline) {
            behind = false;
            for (int i = 0; i < consumers.size(); i++) {
                KafkaConsumer<String, SpecificRecord> consumer = consumers.get(i);
                if (ends.get(i).entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                    behind = true;
                    consumer.poll(Duration.ofMillis(50)).forEach(seen::add);
                }
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumers.forEach(KafkaConsumer::close);
    }
}
