package org.rjhub.lagmonitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.rjhub.common.clients.KafkaClients;

/** Topics, records, consumers and Kafka's own tools for the integration tests, against one real cluster. */
public final class KafkaFixtures implements AutoCloseable {

    private final String bootstrapServers;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;

    public KafkaFixtures(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = KafkaClients.forCluster(properties()).admin();
        Properties p = properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = KafkaClients.forCluster(properties()).producer(p);
    }

    public static String unique(String hint) {
        return "lagmon-" + hint + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Admin admin() {
        return admin;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void createTopic(String topic, int partitions) {
        get(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                .all());
    }

    /** Writes {@code count} records to one partition and waits until all are acknowledged. */
    public void produce(TopicPartition tp, int count) {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), "k" + i, "synthetic referral " + i));
        }
        producer.flush();
    }

    /** A consumer of {@code group} with manual commits, for the test to drive. */
    public KafkaConsumer<String, String> consumer(String group) {
        Properties p = properties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return KafkaClients.forCluster(properties()).consumer(p);
    }

    /** Commits {@code offset} for {@code group} as its consumer does, and returns once the coordinator has it. */
    public static void commit(KafkaConsumer<String, String> consumer, TopicPartition tp, long offset) {
        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset)));
    }

    /** Resets an inactive group's offset, as {@code kafka-consumer-groups.sh --reset-offsets} does. */
    public void resetOffset(String group, TopicPartition tp, long offset) {
        get(admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(offset)))
                .all());
    }

    public void deleteGroup(String group) {
        get(admin.deleteConsumerGroups(List.of(group)).all());
    }

    /**
     * The LAG column of {@code kafka-consumer-groups.sh --describe --group GROUP}, per partition: Kafka's own
     * {@code ConsumerGroupCommand}, run in a child JVM from the broker runtime's jars.
     */
    public Map<TopicPartition, Long> consumerGroupCommandLag(String group) {
        Path lib = projectRoot().resolve("deploy/kafka-runtime/target/lib");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            Path stderr = Files.createTempFile("consumer-group-command", ".err");
            Process process = new ProcessBuilder(
                            java,
                            "-cp",
                            lib + "/*",
                            "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
                            "--bootstrap-server",
                            bootstrapServers,
                            "--describe",
                            "--group",
                            group)
                    .redirectError(stderr.toFile())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("ConsumerGroupCommand failed: " + out + Files.readString(stderr));
            }
            Files.deleteIfExists(stderr);
            return parseLagColumn(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reads the table of {@code --describe}: a header line naming the columns, then one line per partition. */
    static Map<TopicPartition, Long> parseLagColumn(String describeOutput) {
        List<String> lines = describeOutput
                .lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .toList();
        List<String> header = null;
        Map<TopicPartition, Long> lag = new HashMap<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split("\\s+")));
            if (header == null) {
                if (cells.contains("GROUP") && cells.contains("LAG")) {
                    header = cells;
                }
                continue;
            }
            String topic = cells.get(header.indexOf("TOPIC"));
            int partition = Integer.parseInt(cells.get(header.indexOf("PARTITION")));
            lag.put(new TopicPartition(topic, partition), Long.parseLong(cells.get(header.indexOf("LAG"))));
        }
        if (header == null) {
            throw new AssertionError("no table in ConsumerGroupCommand's output:\n" + describeOutput);
        }
        return lag;
    }

    /** The folder holding {@code deploy/topics.yaml}, walking up from the module. */
    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("deploy/topics.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "no deploy/topics.yaml above " + Path.of("").toAbsolutePath());
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
