package org.rjhub.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;

/** Reads committed records of Avro topics from the beginning, as the project's consumer. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();

    public TopicReader(KafkaConnection connection, Collection<String> topics) {
        Properties p = new Properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "rj-hub-cli-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var values = new io.apicurio.registry.serde.avro.AvroKafkaDeserializer<SpecificRecord>();
        values.configure(new AvroSerdes(connection).clientConfig(), false);
        consumer = KafkaClients.of(connection).consumer(p, new StringDeserializer(), values);
        consumer.subscribe(List.copyOf(topics));
    }

    /** Polls until {@code done} holds for everything seen so far, or the timeout passes. */
    public List<ConsumerRecord<String, SpecificRecord>> readUntil(
            Predicate<List<ConsumerRecord<String, SpecificRecord>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** Polls until nothing new arrived for {@code quiet} (after at least one record), or the timeout passes. */
    public List<ConsumerRecord<String, SpecificRecord>> readUntilQuiet(Duration quiet, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastNews = System.nanoTime();
        while (System.nanoTime() < deadline && (seen.isEmpty() || System.nanoTime() - lastNews < quiet.toNanos())) {
            int before = seen.size();
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            if (seen.size() > before) {
                lastNews = System.nanoTime();
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
