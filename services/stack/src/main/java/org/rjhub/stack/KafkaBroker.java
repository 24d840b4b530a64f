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

    private volatile ManagedProcess process;
    private final ClassArchive classes;
    private final String bootstrapServers;
    private final List<String> command;
    private final Path dataDir;
    private final Map<String, String> adminSettings;
    private int launches = 1;

    private KafkaBroker(
            ManagedProcess process,
            ClassArchive classes,
            String bootstrapServers,
            List<String> command,
            Path dataDir,
            Map<String, String> adminSettings) {
        this.process = process;
        this.classes = classes;
        this.bootstrapServers = bootstrapServers;
        this.command = List.copyOf(command);
        this.dataDir = dataDir;
        this.adminSettings = Map.copyOf(adminSettings);
    }

    /** Formats the storage of a fresh data folder and launches a plaintext broker; does not wait for it. */
    static KafkaBroker launch(StackLayout layout, Path dataDir, int port, String heap) {
        return launch(layout, dataDir, port, heap, null);
    }

    /**
     * Formats the storage of a fresh data folder and launches the broker; does not wait for it.
     *
     * @param security null for a plaintext broker; else SASL_SSL (SCRAM-SHA-512) on the client
     *                 listener, SASL_SSL (PLAIN, the admin only) on the controller listener, the
     *                 StandardAuthorizer denying what no ACL allows, the admin the only super user,
     *                 and every principal's SCRAM credentials written at format time
     */
    static KafkaBroker launch(StackLayout layout, Path dataDir, int port, String heap, StackSecurity security) {
        int brokerPort = Ports.pick(port);
        int controllerPort = Ports.pick(0);
        Path props = dataDir.resolve("server.properties");
        Path log4j = dataDir.resolve("broker-log4j2.properties");
        writeServerProperties(props, dataDir.resolve("kraft-logs"), brokerPort, controllerPort, security);
        copyResource("broker-log4j2.properties", log4j);

        String classpath = layout.kafkaLib().toAbsolutePath() + "/*";
        // the formatting JVM and the broker each start from an archive of the classes their last run loaded
        ClassArchive formatClasses =
                ClassArchive.of(layout.classArchives(), "kafka-format", List.of(layout.kafkaLib()));
        ClassArchive brokerClasses =
                ClassArchive.of(layout.classArchives(), "kafka-broker", List.of(layout.kafkaLib()));
        List<String> format = new ArrayList<>(formatClasses.jvmOptions());
        format.addAll(List.of(
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                props.toString(),
                "--standalone"));
        if (security == null) {
            format.add(0, ManagedProcess.java());
            try {
                ManagedProcess.run("kafka storage format", format, dataDir, dataDir.resolve("format.log"), 60);
            } finally {
                formatClasses.exited();
            }
        } else {
            // the SCRAM credentials go in at format time (KIP-900): the broker must authenticate to
            // itself before any Admin API could create users. The arguments hold the passwords, so
            // they travel in an owner-only argument file (java @file), never on the command line.
            for (String principal : security.principals().keySet()) {
                format.add("--add-scram");
                format.add(StackSecurity.SASL_MECHANISM + "=[name=" + principal + ",password="
                        + security.password(principal) + "]");
            }
            Path argFile = security.dir().resolve("format.args");
            OwnerOnlyFiles.write(
                    argFile,
                    String.join(
                                    "\n",
                                    format.stream()
                                            .map(KafkaBroker::argFileQuote)
                                            .toList()) + "\n");
            try {
                // its log prints the credentials' salted keys: kept with the other secrets
                ManagedProcess.run(
                        "kafka storage format",
                        List.of(ManagedProcess.java(), "@" + argFile),
                        dataDir,
                        security.dir().resolve("format.log"),
                        60);
            } finally {
                deleteQuietly(argFile);
                formatClasses.exited();
            }
        }

        List<String> command = new ArrayList<>(List.of(ManagedProcess.java()));
        command.addAll(brokerClasses.jvmOptions());
        command.addAll(List.of(
                "-Xms" + heap,
                "-Xmx" + heap,
                // one local broker with a small heap: the serial collector costs the least CPU, and a metaspace
                // threshold above what Kafka's classes need spares the collections that loading them triggered
                "-XX:+UseSerialGC",
                "-XX:MetaspaceSize=128m",
                "-Djava.awt.headless=true",
                // Kafka turns the PEM key store into a PKCS12 key store held in this JVM's memory only, its key
                // wrapped under a password kept beside it; the JDK's default of 10,000 PBKDF2 rounds for that wrap
                // (and as many to unwrap it) protects nothing here and cost the broker CPU at each TLS set-up
                "-Dkeystore.pkcs12.keyPbeIterationCount=1",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                classpath,
                "kafka.Kafka",
                props.toString()));
        ManagedProcess p = ManagedProcess.start("kafka broker", command, dataDir, dataDir.resolve("broker.log"));
        return new KafkaBroker(
                p,
                brokerClasses,
                "127.0.0.1:" + brokerPort,
                command,
                dataDir,
                security == null ? Map.of() : security.clientSettings(StackSecurity.ADMIN));
    }

    /**
     * Stops the broker process: gently (SIGTERM, a controlled shutdown) or not at all gently (SIGKILL, as a crash or
     * a power cut leaves it). Its data folder and ports stay for {@link #relaunch()}.
     */
    synchronized void stop(boolean kill) {
        if (kill) {
            process.kill();
        } else {
            process.close();
        }
        classes.exited();
    }

    /** Starts the stopped broker again on the same data folder, ports and settings; does not wait for it. */
    synchronized void relaunch() {
        if (process.isAlive()) {
            throw new IllegalStateException("the broker is still running");
        }
        launches++;
        process =
                ManagedProcess.start("kafka broker", command, dataDir, dataDir.resolve("broker-" + launches + ".log"));
    }

    /** One argument of a java argument file: quoted, so that nothing in it is taken apart. */
    private static String argFileQuote(String arg) {
        if (arg.contains("\"") || arg.contains("\\")) {
            throw new IllegalArgumentException("argument file entries must not hold quotes or backslashes");
        }
        return "\"" + arg + "\"";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }

    private static void writeServerProperties(
            Path file, Path logDirs, int brokerPort, int controllerPort, StackSecurity security) {
        Properties p = new Properties();
        p.putAll(
                security == null
                        ? plaintextListeners(brokerPort, controllerPort)
                        : securedListeners(brokerPort, controllerPort, security));
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.listener.names", "CONTROLLER"),
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
                // for the same reason a partition would roll a new segment for every simulated week (segments roll
                // by record time, 7 days by default): dozens of segment files, their flushes and the cleaner's
                // passes over the compacted ones, none of which a local stack needs
                Map.entry("log.roll.ms", Long.toString(Long.MAX_VALUE)),
                // the cleaner clears its whole offset map before each pass: 128 MiB by default, the largest single
                // cost of the broker's CPU in `hub demo`; a local stack's compacted topics hold a few thousand keys
                Map.entry("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024)),
                // exactly-once services start their next transaction while the last one's markers are
                // still being written; the broker retries adding the partition itself (every 5 ms, up to
                // 1 s) instead of answering CONCURRENT_TRANSACTIONS after 100 ms (KAFKA-18654, KAFKA-20000)
                Map.entry("add.partitions.to.txn.retry.backoff.ms", "5"),
                Map.entry("add.partitions.to.txn.retry.backoff.max.ms", "1000")));
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            p.store(
                    out,
                    "RJ Hub local broker (single node, KRaft)" + (security == null ? "" : ", secured: owner-only"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        OwnerOnlyFiles.write(file, out.toString());
    }

    private static Map<String, String> plaintextListeners(int brokerPort, int controllerPort) {
        return Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort,
                "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    }

    private static Map<String, String> securedListeners(int brokerPort, int controllerPort, StackSecurity security) {
        Map<String, String> s = new java.util.HashMap<>(security.brokerSettings());
        s.putAll(Map.ofEntries(
                Map.entry(
                        "listeners", "CLIENT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "CLIENT://127.0.0.1:" + brokerPort),
                Map.entry("listener.security.protocol.map", "CLIENT:SASL_SSL,CONTROLLER:SASL_SSL"),
                Map.entry("inter.broker.listener.name", "CLIENT"),
                // clients and the broker's own inter-broker traffic: SCRAM, credentials in the metadata log
                Map.entry("listener.name.client.sasl.enabled.mechanisms", StackSecurity.SASL_MECHANISM),
                Map.entry("sasl.mechanism.inter.broker.protocol", StackSecurity.SASL_MECHANISM),
                // the controller listener: PLAIN over TLS, one static user (the admin) in this owner-only
                // file; the controller needs no metadata log to authenticate the broker to it
                Map.entry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("super.users", "User:" + StackSecurity.ADMIN),
                Map.entry("ssl.client.auth", "none")));
        return s;
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
        p.putAll(adminSettings);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = KafkaClients.forCluster(p).admin()) {
            while (true) {
                // a broker that cannot bind its port has failed its start, though its JVM may take a while yet to end
                if (PortTakenException.shownIn(process.log())) {
                    throw new PortTakenException("Kafka broker", process.log());
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka broker exited during start-up; see " + process.log());
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                "Kafka broker not ready after " + timeout.toSeconds() + " s; see " + process.log(),
                                notYet);
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

    /**
     * Stops the process for a stack whose data goes with it: at once (SIGKILL), since nothing it would do on a gentle
     * stop is kept; gently when its JVM still has its class archive to write as it exits.
     */
    void discard() {
        if (classes.writesAtExit()) {
            close();
        } else {
            process.kill();
        }
    }

    /** Stops the process of a start that failed at once (SIGKILL), keeping no class archive of it. */
    void abandon() {
        process.kill();
        classes.abandoned();
    }

    @Override
    public void close() {
        process.close();
        classes.exited();
    }
}
