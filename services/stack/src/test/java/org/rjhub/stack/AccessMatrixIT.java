package org.rjhub.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.access.AccessPlan;
import org.rjhub.common.access.AccessPolicy;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.common.topics.TopicSpec;

/**
 * Who may do what on the secured stack, tried for real: every principal against every catalogue
 * topic and every service's internal-topic prefix (Read, Write, Describe), consumer groups and
 * transactional ids, compared with tables written out here by hand, not derived from the access
 * file (or this test could not fail when the file is wrong). Also: authentication and TLS refuse
 * a wrong password, a plaintext client and a client that does not trust the stack's CA.
 */
class AccessMatrixIT {

    /** Column order of the tables below. {@code admin} is the super user. */
    private static final List<String> PRINCIPALS = List.of(
            "police",
            "probation",
            "victimsupport",
            "router",
            "cases",
            "facts",
            "reporting",
            "lagmonitor",
            "dlq",
            "rules",
            "console",
            "admin");

    /**
     * Topics: R read, W write, D describe, - nothing. One row per catalogue topic, and one probe
     * topic under each Streams service's internal-topic prefix (application id and a dash).
     */
    private static final String TOPICS = """
            topic                                police probation victimsupport router cases facts reporting lagmonitor dlq rules console admin
            police.referrals.v1                  WD     -         -             RD     -     -     -         D          WD  -     -       RWD
            probation.referrals.v1               -      WD        -             RD     -     -     -         D          WD  -     -       RWD
            victimsupport.referrals.v1           -      -         WD            RD     -     -     -         D          WD  -     -       RWD
            police.outcomes.v1                   RD     -         -             WD     WD    RD    -         D          -   -     -       RWD
            probation.outcomes.v1                -      RD        -             WD     WD    RD    -         D          -   -     -       RWD
            victimsupport.outcomes.v1            -      -         RD            WD     WD    RD    -         D          -   -     -       RWD
            rj.referrals.v1                      -      -         -             WD     RD    RD    -         D          -   -     -       RWD
            rj.dead-letters.v1                   -      -         -             WD     WD    -     -         D          RD  -     -       RWD
            rj.data-keys.v1                      -      -         -             RWD    RWD   RD    -         D          RD  -     -       RWD
            rj.case-events.v1                    -      -         -             RD     RWD   RD    -         D          WD  -     -       RWD
            rj.escalations.v1                    -      -         -             -      WD    -     -         D          -   -     RD      RWD
            rj.routing-rules.v1                  -      -         -             RD     -     -     -         D          -   WD    -       RWD
            rj.reporting.case-facts.v1           -      -         -             -      -     WD    RD        D          -   -     -       RWD
            rj.case-event-results.v1             -      -         -             RD     WD    RD    -         D          -   -     RD      RWD
            rj.case-notes.v1                     -      -         -             -      RWD   -     -         D          -   -     -       RWD
            rj.dead-letter-replays.v1            -      -         -             -      -     -     -         D          RWD -     -       RWD
            rj.queue.brentwood.v1                -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.epping-forest.v1            -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.harlow.v1                   -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.thurrock.v1                 -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.basildon.v1                 -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.braintree.v1                -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.castle-point.v1             -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.chelmsford.v1               -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.colchester.v1               -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.maldon.v1                   -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.rochford.v1                 -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.southend-on-sea.v1          -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.tendring.v1                 -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.uttlesford.v1               -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.specialist.v1               -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.post-sentence.v1            -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj.queue.neighbour-disputes.v1       -      -         -             WD     RWD   -     -         D          -   -     -       RWD
            rj-router-probe-changelog            -      -         -             RWD    -     -     -         D          -   -     -       RWD
            rj-cases-probe-changelog             -      -         -             -      RWD   -     -         D          -   -     -       RWD
            rj-reporting-facts-probe-changelog   -      -         -             -      -     RWD   -         D          -   -     -       RWD
            """;

    /** Consumer groups: R read (commit offsets), D describe, - nothing. */
    private static final String GROUPS = """
            group                                police probation victimsupport router cases facts reporting lagmonitor dlq rules console admin
            police.outcome-reader                RD     -         -             -      -     -     -         D          -   -     -       RD
            probation.outcome-reader             -      RD        -             -      -     -     -         D          -   -     -       RD
            victimsupport.outcome-reader         -      -         RD            -      -     -     -         D          -   -     -       RD
            policeoutcomes                       -      -         -             -      -     -     -         D          -   -     -       RD
            rj-router                            -      -         -             RD     -     -     -         D          -   -     -       RD
            rj-cases                             -      -         -             -      RD    -     -         D          -   -     -       RD
            rj-reporting-facts                   -      -         -             -      -     RD    -         D          -   -     -       RD
            rj-reporting-sql                     -      -         -             -      -     -     RD        D          -   -     -       RD
            rj-console-web                       -      -         -             -      -     -     -         D          -   -     RD      RD
            rj-hub-cli-reader-1                  -      -         -             -      -     -     -         D          -   -     -       RD
            """;

    /** Transactional ids: W may run transactions under it, - refused. */
    private static final String TRANSACTIONAL_IDS = """
            transactional.id                     police probation victimsupport router cases facts reporting lagmonitor dlq rules console admin
            police.publisher-1                   W      -         -             -      -     -     -         -          -   -     -       W
            probation.publisher-1                -      W         -             -      -     -     -         -          -   -     -       W
            victimsupport.publisher-1            -      -         W             -      -     -     -         -          -   -     -       W
            rj-router-3f1c-1                     -      -         -             W      -     -     -         -          -   -     -       W
            rj-cases-3f1c-1                      -      -         -             -      W     -     -         -          -   -     -       W
            rj-reporting-facts-3f1c-1            -      -         -             -      -     W     -         -          -   -     -       W
            rj-dlq-replay-rj.dead-letters.v1     -      -         -             -      -     -     -         -          W   -     -       W
            rj-hub-cli-1                         -      -         -             -      -     -     -         -          -   -     -       W
            """;

    private static final Duration CLIENT_DEADLINE = Duration.ofSeconds(20);

    private static LocalStack stack;

    @BeforeAll
    static void startSecuredStack() throws Exception {
        stack = LocalStack.start(StackLayout.discover(), StackOptions.defaults().secured());
        stack.provision(UnaryOperator.identity());
        try (Admin admin = Admin.create(withTimeouts(stack.connection().clientProperties()))) {
            // the internal topics of the Streams services are created ahead, by the admin
            admin.createTopics(Stream.of("rj-router-", "rj-cases-", "rj-reporting-facts-")
                            .map(p -> new NewTopic(p + "probe-changelog", 1, (short) 1))
                            .toList())
                    .all()
                    .get();
        }
        // one record on partition 0 of every topic, so that a permitted read has something to return
        try (KafkaProducer<byte[], byte[]> producer =
                producer(stack.connection().clientProperties(), null)) {
            List<Future<?>> sent = new ArrayList<>();
            for (String topic : table(TOPICS).keySet()) {
                sent.add(producer.send(new ProducerRecord<>(topic, 0, bytes("probe"), bytes("synthetic probe"))));
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void shouldRotateAPasswordSoThatOnlyTheNewFileConnects() throws Exception {
        // Given a user with a password set by a first rotation, its files written
        Path dir = Files.createTempDirectory("rotation");
        Path passwordFile = dir.resolve("rotated.password");
        Path clientConfig = dir.resolve("rotated.properties");
        Files.writeString(
                clientConfig,
                "security.protocol=" + StackSecurity.PROTOCOL + "\nsasl.mechanism=" + StackSecurity.SASL_MECHANISM
                        + "\nssl.truststore.type=PEM\nssl.truststore.location="
                        + stack.security().orElseThrow().caFile().toAbsolutePath() + "\n");
        try (Admin admin = Admin.create(withTimeouts(stack.connection().clientProperties()))) {
            ScramRotation.rotate(admin, "rotated", passwordFile, clientConfig);
            String before = Files.readString(passwordFile);
            assertThat(clusterIdAs(stack.connection().withClientConfigFile(clientConfig)))
                    .isNotBlank();

            // When it is rotated
            ScramRotation.rotate(admin, "rotated", passwordFile, clientConfig);

            // Then the files hold a new password, the new client config connects and the old password is refused
            String after = Files.readString(passwordFile);
            assertThat(after).isNotEqualTo(before).hasSizeGreaterThan(20);
            assertThat(Files.readString(clientConfig)).contains(after).doesNotContain(before);
            assertThat(clusterIdAs(stack.connection().withClientConfigFile(clientConfig)))
                    .isNotBlank();
            KafkaConnection old = stack.connection()
                    .withClientSettings(StackSecurity.clientSettings(
                            "rotated", before, stack.security().orElseThrow().caFile()));
            assertThatThrownBy(() -> clusterIdAs(old)).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    private static String clusterIdAs(KafkaConnection connection) throws Exception {
        try (Admin admin = Admin.create(withTimeouts(connection.clientProperties()))) {
            return admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldCoverEveryCatalogueTopicAndEveryPrincipalOfTheStack() {
        Set<String> catalogue = new TreeSet<>(
                TopicCatalogue.load().all().stream().map(TopicSpec::name).toList());
        Set<String> rows = new TreeSet<>(table(TOPICS).keySet());
        rows.removeIf(t -> t.endsWith("-probe-changelog"));

        assertThat(rows).isEqualTo(catalogue);
        assertThat(stack.security().orElseThrow().principals().keySet())
                .containsExactlyInAnyOrderElementsOf(PRINCIPALS);
    }

    @Test
    void shouldAllowEachPrincipalExactlyItsTopicOperations() throws Exception {
        Map<String, Map<String, String>> expected = table(TOPICS);
        List<String> topics = List.copyOf(expected.keySet());
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (String principal : PRINCIPALS) {
            Properties client = clientOf(principal);
            Map<String, Boolean> describe = describe(client, topics);
            Map<String, Boolean> write = write(client, topics);
            Map<String, Boolean> read = read(client, topics);
            for (String topic : topics) {
                actual.computeIfAbsent(topic, t -> new LinkedHashMap<>())
                        .put(
                                principal,
                                cell(
                                        read.get(topic) ? "R" : "",
                                        write.get(topic) ? "W" : "",
                                        describe.get(topic) ? "D" : ""));
            }
        }

        assertThat(actual).isEqualTo(new TreeMap<>(expected));
    }

    @Test
    void shouldAllowEachPrincipalExactlyItsConsumerGroups() throws Exception {
        Map<String, Map<String, String>> expected = table(GROUPS);
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (String principal : PRINCIPALS) {
            Properties client = clientOf(principal);
            Map<String, Boolean> describe = describeGroups(client, List.copyOf(expected.keySet()));
            for (String group : expected.keySet()) {
                boolean read = commitsIn(client, group);
                actual.computeIfAbsent(group, g -> new LinkedHashMap<>())
                        .put(principal, cell(read ? "R" : "", describe.get(group) ? "D" : ""));
            }
        }

        assertThat(actual).isEqualTo(new TreeMap<>(expected));
    }

    @Test
    void shouldAllowEachPrincipalExactlyItsTransactionalIds() {
        Map<String, Map<String, String>> expected = table(TRANSACTIONAL_IDS);
        Map<String, Map<String, String>> actual = new TreeMap<>();
        for (String principal : PRINCIPALS) {
            Properties client = clientOf(principal);
            for (String id : expected.keySet()) {
                actual.computeIfAbsent(id, i -> new LinkedHashMap<>())
                        .put(principal, initTransactions(client, id) ? "W" : "-");
            }
        }

        assertThat(actual).isEqualTo(new TreeMap<>(expected));
    }

    @Test
    void shouldApplyTheAccessFileIdempotentlyAndPruneOnlyWhenAsked() throws Exception {
        AclBinding undeclared = new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "rj.referrals.v1", PatternType.LITERAL),
                new AccessControlEntry("User:intruder", "*", AclOperation.READ, AclPermissionType.ALLOW));
        try (Admin admin = Admin.create(withTimeouts(stack.connection().clientProperties()))) {
            AccessPlan afterStart = AccessPlan.forCluster(AccessPolicy.load(), admin);
            admin.createAcls(List.of(undeclared)).all().get();

            AccessPlan withIntruder = AccessPlan.forCluster(AccessPolicy.load(), admin);
            AccessPlan.Applied kept = withIntruder.apply(admin, false);
            boolean stillThere = AccessPlan.currentAcls(admin).contains(undeclared);
            AccessPlan.Applied pruned =
                    AccessPlan.forCluster(AccessPolicy.load(), admin).apply(admin, true);

            assertThat(afterStart.isEmpty(true))
                    .as("the stack applied the file: nothing missing, nothing else")
                    .isTrue();
            assertThat(withIntruder.missing()).isEmpty();
            assertThat(withIntruder.undeclared()).containsExactly(undeclared);
            assertThat(kept).isEqualTo(new AccessPlan.Applied(0, 0));
            assertThat(stillThere).isTrue();
            assertThat(pruned).isEqualTo(new AccessPlan.Applied(0, 1));
            assertThat(AccessPlan.currentAcls(admin))
                    .doesNotContain(undeclared)
                    .containsExactlyInAnyOrderElementsOf(AccessPolicy.load().bindings());
        }
    }

    @Test
    void shouldRefuseAWrongPassword() throws IOException {
        Properties client = withTimeouts(stack.connection()
                .withClientSettings(StackSecurity.clientSettings(
                        "police",
                        "not-" + password("police"),
                        stack.security().orElseThrow().caFile()))
                .clientProperties());

        try (Admin admin = Admin.create(client)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void shouldRefuseAClientThatDoesNotTrustTheStacksCa(@TempDir Path elsewhere) throws IOException {
        Path foreignCa = StackCertificates.generate(elsewhere).caFile();
        Properties client = withTimeouts(stack.connection()
                .withClientSettings(StackSecurity.clientSettings("police", password("police"), foreignCa))
                .clientProperties());

        try (Admin admin = Admin.create(client)) {
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SslAuthenticationException.class);
        }
    }

    @Test
    void shouldNotLetAPlaintextClientConnect() {
        Properties client = new Properties();
        client.put(
                CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, stack.connection().bootstrapServers());
        client.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "4000");

        try (Admin admin = Admin.create(client)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void shouldKeepEverySecretInOwnerOnlyFilesAndOutOfTheLogs() throws IOException {
        StackSecurity security = stack.security().orElseThrow();
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        List<Path> secrets = new ArrayList<>(
                List.of(security.brokerKeystore(), stack.dataDir().resolve("server.properties")));
        security.principals().values().forEach(p -> secrets.addAll(List.of(p.passwordFile(), p.clientConfig())));

        for (Path file : secrets) {
            assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(ownerOnly);
        }
        assertThat(Files.getPosixFilePermissions(security.dir()))
                .doesNotContain(
                        PosixFilePermission.GROUP_READ,
                        PosixFilePermission.OTHERS_READ,
                        PosixFilePermission.OTHERS_EXECUTE);
        assertThat(security.dir().resolve("format.args")).doesNotExist();
        String logs = Files.readString(stack.dataDir().resolve("broker.log"))
                + Files.readString(stack.dataDir().resolve("registry.log"));
        for (String principal : PRINCIPALS) {
            assertThat(logs).doesNotContain(password(principal));
        }
    }

    @Test
    void shouldGiveTheStockKafkaToolsAWorkingClientConfig() throws IOException {
        Path config = stack.security().orElseThrow().principals().get("police").clientConfig();
        Path out = stack.dataDir().resolve("topic-command.log");
        String classpath = StackLayout.discover().kafkaLib().toAbsolutePath() + "/*";

        ManagedProcess.run(
                "kafka-topics --list",
                List.of(
                        ManagedProcess.java(),
                        "-Xmx128m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classpath,
                        "org.apache.kafka.tools.TopicCommand",
                        "--bootstrap-server",
                        stack.connection().bootstrapServers(),
                        "--command-config",
                        config.toString(),
                        "--list"),
                stack.dataDir(),
                out,
                120);

        assertThat(Files.readAllLines(out).stream()
                        .filter(l -> l.endsWith(".v1"))
                        .toList())
                .containsExactlyInAnyOrder("police.referrals.v1", "police.outcomes.v1");
    }

    // --- probes -----------------------------------------------------------------------------------

    private static Map<String, Boolean> describe(Properties client, List<String> topics) throws InterruptedException {
        Map<String, Boolean> allowed = new HashMap<>();
        try (Admin admin = Admin.create(client)) {
            Map<String, KafkaFuture<org.apache.kafka.clients.admin.TopicDescription>> futures =
                    admin.describeTopics(topics).topicNameValues();
            for (String topic : topics) {
                allowed.put(topic, succeeds(futures.get(topic), TopicAuthorizationException.class));
            }
        }
        return allowed;
    }

    private static Map<String, Boolean> write(Properties client, List<String> topics) throws InterruptedException {
        Map<String, Boolean> allowed = new HashMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(client, null)) {
            Map<String, Future<?>> sent = new LinkedHashMap<>();
            for (String topic : topics) {
                sent.put(
                        topic, producer.send(new ProducerRecord<>(topic, 0, bytes("probe"), bytes("synthetic probe"))));
            }
            for (Map.Entry<String, Future<?>> e : sent.entrySet()) {
                allowed.put(e.getKey(), succeeds(e.getValue(), TopicAuthorizationException.class));
            }
        }
        return allowed;
    }

    /** Reads partition 0 of every topic until each returned its record (allowed) or was refused. */
    private static Map<String, Boolean> read(Properties client, List<String> topics) {
        Map<String, Boolean> allowed = new HashMap<>();
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long deadline = System.nanoTime() + CLIENT_DEADLINE.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(topics.stream().map(t -> new TopicPartition(t, 0)).toList());
            while (allowed.size() < topics.size() && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        allowed.put(r.topic(), true);
                    }
                } catch (TopicAuthorizationException e) {
                    e.unauthorizedTopics().forEach(t -> allowed.put(t, false));
                }
                consumer.assign(topics.stream()
                        .filter(t -> !allowed.containsKey(t))
                        .map(t -> new TopicPartition(t, 0))
                        .toList());
            }
        }
        assertThat(allowed)
                .as("every topic read or refused within " + CLIENT_DEADLINE)
                .containsOnlyKeys(topics);
        return allowed;
    }

    private static Map<String, Boolean> describeGroups(Properties client, List<String> groups)
            throws InterruptedException {
        Map<String, Boolean> allowed = new HashMap<>();
        try (Admin admin = Admin.create(client)) {
            var futures = admin.describeConsumerGroups(groups).describedGroups();
            for (String group : groups) {
                try {
                    futures.get(group).get(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                    allowed.put(group, true);
                } catch (ExecutionException e) {
                    // the broker checks Describe before it looks the group up
                    assertThat(e.getCause())
                            .isInstanceOfAny(GroupAuthorizationException.class, GroupIdNotFoundException.class);
                    allowed.put(group, e.getCause() instanceof GroupIdNotFoundException);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("no answer within " + CLIENT_DEADLINE, e);
                }
            }
        }
        return allowed;
    }

    /**
     * Commits an offset in {@code group} through the Admin API: the broker checks the group (Read)
     * before the topic, so a refused topic still shows the group allowed, and a refused group shows
     * as GroupAuthorizationException.
     */
    private static boolean commitsIn(Properties client, String group) throws InterruptedException {
        TopicPartition tp = new TopicPartition("rj.reporting.case-facts.v1", 0);
        try (Admin admin = Admin.create(client)) {
            admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(0)))
                    .all()
                    .get(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            assertThat(e.getCause())
                    .isInstanceOfAny(GroupAuthorizationException.class, TopicAuthorizationException.class);
            return e.getCause() instanceof TopicAuthorizationException;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + CLIENT_DEADLINE, e);
        }
    }

    private static boolean initTransactions(Properties client, String transactionalId) {
        try (KafkaProducer<byte[], byte[]> producer = producer(client, transactionalId)) {
            producer.initTransactions();
            return true;
        } catch (TransactionalIdAuthorizationException e) {
            return false;
        }
    }

    private static boolean succeeds(Future<?> future, Class<? extends Exception> denial) throws InterruptedException {
        try {
            future.get(CLIENT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("a denial, nothing else").isInstanceOf(denial);
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer within " + CLIENT_DEADLINE, e);
        }
    }

    // --- clients and tables -----------------------------------------------------------------------

    private static KafkaProducer<byte[], byte[]> producer(Properties client, String transactionalId) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(CLIENT_DEADLINE.toMillis()));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(CLIENT_DEADLINE.toMillis()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        if (transactionalId == null) {
            // without idempotence, a refused write names the topic (an idempotent producer with no
            // Write anywhere is refused on the cluster first)
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
            p.put(ProducerConfig.ACKS_CONFIG, "1");
        } else {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The principal's client config, the very file the stack hands out (stack.json names it). */
    private static Properties clientOf(String principal) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(
                stack.security().orElseThrow().principals().get(principal).clientConfig())) {
            p.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(p.getProperty("bootstrap.servers"))
                .isEqualTo(stack.connection().bootstrapServers());
        return withTimeouts(p);
    }

    private static Properties withTimeouts(Properties p) {
        p.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(CLIENT_DEADLINE.toMillis()));
        return p;
    }

    private static String password(String principal) throws IOException {
        return Files.readString(
                stack.security().orElseThrow().principals().get(principal).passwordFile());
    }

    /** A table above as row -> principal -> cell. */
    private static Map<String, Map<String, String>> table(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        assertThat(header.subList(1, header.size())).isEqualTo(PRINCIPALS);
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).as(line).hasSize(header.size());
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 1; i < cells.length; i++) {
                row.put(header.get(i), cells[i]);
            }
            rows.put(cells[0], row);
        }
        return rows;
    }

    private static String cell(String... letters) {
        String joined = String.join("", letters);
        return joined.isEmpty() ? "-" : joined;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
