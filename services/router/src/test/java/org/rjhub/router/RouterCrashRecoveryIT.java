package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * Kill the router process (SIGKILL) several times while thousands of referrals flow; after
 * recovery every referral is accounted for exactly once: acknowledged, deduplicated or dead-lettered.
 */
@ExtendWith(KafkaStackExtension.class)
class RouterCrashRecoveryIT {

    private static final List<OutcomeType> FIRST = List.of(
            OutcomeType.RECEIVED,
            OutcomeType.LINKED,
            OutcomeType.REJECTED,
            OutcomeType.REFERRED_ON,
            OutcomeType.NOT_ELIGIBLE);

    @Test
    void shouldAccountForEveryReferralExactlyOnceAfterRepeatedSigkills(TestStack stack) throws Exception {
        // Given thousands of referrals from the three agencies, with invalid ones, redeliveries and amendments
        UnaryOperator<String> naming = stack.newNamespace("crash");
        Batch batch = new AgencySimulator(20261121L).generate(1500);
        Path state = Files.createTempDirectory("router-crash");
        // the router runs as its principal: its application id is the access file's, in the namespace, and its
        // internal topics are created ahead by provisioning (it may not create topics)
        String appId = naming.apply("rj-router");
        stack.createInternalTopics(RouterService.internalTopics(RouterConfig.of(
                stack.connection(),
                Map.of(RouterConfig.APPLICATION_ID, appId, RouterConfig.TOPIC_PREFIX, naming.apply("")))));

        // When they are published in many transactions while the router is killed and restarted three times
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> publish(stack, naming, batch.records()));
        int[] killAfterAnswers = {150, 700, 1400};
        for (int kill = 0; kill < killAfterAnswers.length; kill++) {
            Process router = startRouter(stack, naming, appId, state, kill);
            // generous budgets: a restarted router restores its stores first, and CI machines are shared
            ReferralAnswers.awaitAnswers(stack.connection(), naming, killAfterAnswers[kill], Duration.ofMinutes(4));
            router.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no commit, mid-transaction
        }
        publishing.get();
        Process router = startRouter(stack, naming, appId, state, 9);
        try {
            // Then each referral gets exactly one first answer, redeliveries none, amendments one AMENDED each
            int redeliveries =
                    batch.indexesOf(Expectation.Kind.DUPLICATE_REDELIVERY).size();
            int amendments = batch.indexesOf(Expectation.Kind.AMENDMENT).size();
            int distinct = batch.size() - redeliveries - amendments;
            Map<String, List<Outcome>> answers = ReferralAnswers.readOutcomes(
                    stack.connection(), naming, distinct + amendments, Duration.ofMinutes(5));

            Map<String, Integer> firstAnswers = new HashMap<>();
            int amended = 0;
            List<String> eventIds = new ArrayList<>();
            for (var entry : answers.entrySet()) {
                for (Outcome o : entry.getValue()) {
                    eventIds.add(o.getEventId());
                    boolean mergeNotice = o.getEventType() == OutcomeType.LINKED && o.getReason() != null;
                    if (FIRST.contains(o.getEventType()) && !mergeNotice) {
                        firstAnswers.merge(entry.getKey(), 1, Integer::sum);
                    }
                    if (o.getEventType() == OutcomeType.AMENDED) {
                        amended++;
                    }
                }
            }
            assertThat(eventIds).as("no outcome written twice").doesNotHaveDuplicates();
            assertThat(firstAnswers).hasSize(distinct);
            assertThat(firstAnswers.values()).containsOnly(1);
            assertThat(amended).isEqualTo(amendments);
            long rejected = answers.values().stream()
                    .flatMap(List::stream)
                    .filter(o -> o.getEventType() == OutcomeType.REJECTED)
                    .count();
            assertThat(rejected)
                    .isEqualTo(batch.indexesOf(Expectation.Kind.INVALID).size());
            assertThat(ReferralAnswers.read(
                            stack.connection(),
                            naming.apply("rj.dead-letters.v1"),
                            DeadLetter.class,
                            Duration.ofSeconds(5)))
                    .hasSize((int) rejected);
            List<QueueItem> items = ReferralAnswers.read(
                    stack.connection(),
                    org.rjhub.common.topics.TopicCatalogue.load().queues().stream()
                            .map(q -> naming.apply(org.rjhub.common.topics.TopicCatalogue.queueTopic(q)))
                            .toList(),
                    QueueItem.class,
                    Duration.ofMillis(500));
            List<String> opened = items.stream()
                    .filter(i -> i.getItemType() == QueueItemType.NEW_CASE
                            || i.getItemType() == QueueItemType.POSSIBLE_DUPLICATE)
                    .map(QueueItem::getCaseId)
                    .toList();
            assertThat(opened)
                    .as("each case queued once")
                    .doesNotHaveDuplicates()
                    .isNotEmpty();
        } finally {
            router.destroy();
            router.waitFor();
        }
    }

    private static Process startRouter(TestStack stack, UnaryOperator<String> naming, String appId, Path state, int n)
            throws Exception {
        return startRouter(stack, naming, appId, state, n, Map.of());
    }

    /** The router in its own process, as its principal, with {@code env} (e.g. {@code RJ_ROUTER_<SETTING>}) added. */
    static Process startRouter(
            TestStack stack, UnaryOperator<String> naming, String appId, Path state, int n, Map<String, String> env)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                RouterMain.class.getName());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.connection().bootstrapServers());
        pb.environment().put("RJ_REGISTRY_URL", stack.connection().registryUrl().toString());
        stack.clientConfigFile("router").ifPresent(f -> pb.environment().put("KAFKA_CLIENT_CONFIG", f.toString()));
        pb.environment().put("RJ_ROUTER_APPLICATION_ID", appId);
        pb.environment().put("RJ_ROUTER_STATE_DIR", state.toString());
        pb.environment().put("RJ_ROUTER_RJ_TOPIC_PREFIX", naming.apply(""));
        pb.environment().put("RJ_ROUTER_RJ_HTTP_PORT", "0");
        // a SIGKILLed member leaves the group when its session times out: the broker's minimum (6 s), not the default
        // 45 s, so the restarted service takes its partitions back sooner; what is checked does not change
        pb.environment().put("RJ_ROUTER_STREAMS_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        pb.environment().put("RJ_ROUTER_STREAMS_CONSUMER_HEARTBEAT_INTERVAL_MS", "1500");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true)
                .redirectOutput(state.resolve("router-" + n + ".log").toFile());
        return pb.start();
    }

    /** Each agency publishes its own referrals as its own principal, in transactions of its own. */
    private static void publish(TestStack stack, UnaryOperator<String> naming, List<AgencyRecord> records) {
        Map<Agency, KafkaProducer<String, SpecificRecord>> producers = new java.util.EnumMap<>(Agency.class);
        try {
            for (Agency agency : Agency.values()) {
                KafkaConnection as = stack.connection(agency.cliName());
                var serializer = new AvroKafkaSerializer<SpecificRecord>();
                serializer.configure(new AvroSerdes(as).clientConfig(), false);
                KafkaProducer<String, SpecificRecord> producer = KafkaClients.of(as)
                        .transactionalProducer(
                                naming.apply(agency.cliName() + ".crash-publisher-" + UUID.randomUUID()),
                                Map.of(),
                                new StringSerializer(),
                                serializer);
                producers.put(agency, producer);
                producer.initTransactions();
            }
            for (int from = 0; from < records.size(); from += 50) {
                producers.values().forEach(KafkaProducer::beginTransaction);
                for (AgencyRecord r : records.subList(from, Math.min(records.size(), from + 50))) {
                    producers.get(r.agency()).send(new ProducerRecord<>(naming.apply(r.topic()), r.key(), r.value()));
                }
                producers.values().forEach(KafkaProducer::commitTransaction);
                // pace the agencies so referrals keep flowing across the kills (pacing, not synchronisation)
                java.util.concurrent.locks.LockSupport.parkNanos(
                        Duration.ofMillis(100).toNanos());
            }
        } finally {
            producers.values().forEach(KafkaProducer::close);
        }
    }

    /** Waits until at least {@code answers} outcomes are committed, so each kill lands mid-stream. */
}
