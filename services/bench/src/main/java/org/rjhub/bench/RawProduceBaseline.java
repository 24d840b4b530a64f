package org.rjhub.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;

/**
 * The broker's own speed on this machine, as the yardstick of the pipeline: a plain producer of
 * byte[] values of the referrals' mean size, with the agency topics' partitions and replication,
 * {@code acks=all}, idempotent, {@code linger.ms=5}, 64 KiB batches. A warm-up round runs first so
 * the figure is not the JIT's start-up.
 */
final class RawProduceBaseline {

    static final int LINGER_MS = 5;
    static final int BATCH_BYTES = 64 * 1024;

    /**
     * @param recordsPerSecond records acknowledged by the broker per second
     * @param millis           time of the timed round, from the first send to the end of flush
     * @param warmupRecords    records sent before timing
     */
    record Result(double recordsPerSecond, double millis, int warmupRecords) {}

    private RawProduceBaseline() {}

    /**
     * Creates {@code scratchTopic} shaped like {@code likeTopic}, produces one record per key to it
     * (after a warm-up), and deletes it again.
     */
    static Result run(
            KafkaConnection connection, String likeTopic, String scratchTopic, List<String> keys, int valueBytes)
            throws InterruptedException, ExecutionException {
        try (Admin admin = KafkaClients.of(connection).admin()) {
            TopicDescription like = admin.describeTopics(Set.of(likeTopic))
                    .allTopicNames()
                    .get()
                    .get(likeTopic);
            short replication = (short) like.partitions().get(0).replicas().size();
            admin.createTopics(
                            Set.of(new NewTopic(scratchTopic, like.partitions().size(), replication)))
                    .all()
                    .get();
            try {
                return produce(connection, scratchTopic, keys, valueBytes);
            } finally {
                admin.deleteTopics(Set.of(scratchTopic)).all().get();
            }
        }
    }

    private static Result produce(KafkaConnection connection, String topic, List<String> keys, int valueBytes)
            throws InterruptedException {
        byte[] value = new byte[valueBytes];
        new SplittableRandom(valueBytes).nextBytes(value); // incompressible, like the Avro it stands for
        byte[][] keyBytes =
                keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        AtomicReference<Exception> failed = new AtomicReference<>();
        Callback onAck = (metadata, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        };
        try (var producer = KafkaClients.of(connection)
                .producer(producerProperties(connection), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(topic); // metadata fetched before timing
            int warmup = Math.min(keyBytes.length, 5_000);
            for (int i = 0; i < warmup; i++) {
                producer.send(new ProducerRecord<>(topic, keyBytes[i], value), onAck);
            }
            producer.flush();
            long t0 = System.nanoTime();
            for (byte[] key : keyBytes) {
                producer.send(new ProducerRecord<>(topic, key, value), onAck);
            }
            producer.flush();
            long nanos = System.nanoTime() - t0;
            if (failed.get() != null) {
                throw new IllegalStateException(
                        "raw baseline send failed: " + failed.get().getMessage(), failed.get());
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            return new Result(keyBytes.length * 1e9 / nanos, nanos / 1e6, warmup);
        }
    }

    /** The baseline producer: the settings the brief fixes, nothing else changed from the defaults. */
    static Properties producerProperties(KafkaConnection connection) {
        Properties p = connection.clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-bench-raw");
        return p;
    }
}
