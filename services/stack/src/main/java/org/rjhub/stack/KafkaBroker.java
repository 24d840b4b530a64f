package org.rjhub.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.rjhub.common.clients.KafkaClients;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * run from the jars Maven put in {@code deploy/kafka-runtime/target/lib}.
 */
final class KafkaBroker implements AutoCloseable {

    private final ManagedProcess process;
    private final String bootstrapServers;

    private KafkaBroker(ManagedProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats the storage of a fresh data folder and launches the broker; does not wait for it. */
    static KafkaBroker launch(StackLayout layout, Path dataDir, int port, String heap) {
        int brokerPort = Ports.pick(port);
        int controllerPort = Ports.pick(0);
        Path props = dataDir.resolve("server.properties");
        Path log4j = dataDir.resolve("broker-log4j2.properties");
        writeServerProperties(props, dataDir.resolve("kraft-logs"), brokerPort, controllerPort);
        copyResource("broker-log4j2.properties", log4j);

        String classpath = layout.kafkaLib().toAbsolutePath() + "/*";
        List<String> format = List.of(ManagedProcess.java(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath,
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", props.toString(),
                "--standalone");
        ManagedProcess.run("kafka storage format", format, dataDir, dataDir.resolve("format.log"), 60);

        List<String> command = new ArrayList<>(List.of(ManagedProcess.java(), "-Xms" + heap, "-Xmx" + heap,
                "-XX:+UseG1GC", "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j,
                "-cp", classpath, "kafka.Kafka", props.toString()));
        ManagedProcess p = ManagedProcess.start("kafka broker", command, dataDir, dataDir.resolve("broker.log"));
        return new KafkaBroker(p, "127.0.0.1:" + brokerPort);
    }

    private static void writeServerProperties(Path file, Path logDirs, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort),
                Map.entry("log.dirs", logDirs.toString()),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "10"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // the demo and tests simulate weeks of casework in seconds: accept event-time stamps
                // in the future (Kafka 4 refuses those more than an hour ahead by default)
                Map.entry("log.message.timestamp.after.max.ms", Long.toString(Long.MAX_VALUE)),
                Map.entry("log.flush.interval.messages", Long.toString(Long.MAX_VALUE)),
                // exactly-once services start their next transaction while the last one's markers are
                // still being written; the broker retries adding the partition itself (every 5 ms, up to
                // 1 s) instead of answering CONCURRENT_TRANSACTIONS after 100 ms (KAFKA-18654, KAFKA-20000)
                Map.entry("add.partitions.to.txn.retry.backoff.ms", "5"),
                Map.entry("add.partitions.to.txn.retry.backoff.max.ms", "1000")));
        try (var out = Files.newBufferedWriter(file)) {
            p.store(out, "RJ Hub local broker (single node, KRaft)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = KafkaBroker.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    ManagedProcess process() {
        return process;
    }

    /** Waits until the broker answers a cluster description, or fails with its log's location. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = KafkaClients.forCluster(p).admin()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited during start-up; see " + process.log());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka broker not ready after " + timeout.toSeconds()
                                + " s; see " + process.log(), notYet);
                    }
                    sleep();
                }
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
