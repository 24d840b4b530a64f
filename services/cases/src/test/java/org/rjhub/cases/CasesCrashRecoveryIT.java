package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.ConsentScope;
import org.rjhub.contracts.hub.ContactMethod;
import org.rjhub.contracts.hub.MeetingFormat;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * Kill the case service process (SIGKILL: no shutdown hook, no commit, mid-transaction) several times while it works
 * through hundreds of case events; after recovery every event has been applied exactly once: one ACCEPTED answer
 * each, no DUPLICATE, each in its case's history once and in order, no outcome written twice.
 */
@ExtendWith(KafkaStackExtension.class)
class CasesCrashRecoveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 50;

    private final HttpClient http = HttpClient.newHttpClient();
    /** The API authenticates every request: a development issuer, and a manager's token (reads every case). */
    private static final DevIdentityProvider IDP = DevIdentityProvider.start();

    private static final String MANAGER = "MGR-01";

    @Test
    void shouldApplyEveryCaseEventExactlyOnceAfterRepeatedSigkills(TestStack stack) throws Exception {
        // Given a case service holding fifty cases the router queued
        UnaryOperator<String> naming = stack.newNamespace("caseskill");
        Path state = Files.createTempDirectory("cases-crash");
        // the case service runs as its principal: the access file's application id in the namespace, its internal
        // topics created ahead by provisioning (it may not create topics)
        String appId = naming.apply("rj-cases");
        stack.createInternalTopics(CasesService.internalTopics(CasesConfig.of(
                stack.connection(),
                java.util.Map.of(CasesConfig.APPLICATION_ID, appId, CasesConfig.TOPIC_PREFIX, naming.apply("")))));
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> caseIds = new ArrayList<>();
        List<ProducerRecord<String, SpecificRecord>> items = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            String caseId = "RJ-KILL-" + c;
            caseIds.add(caseId);
            items.add(new ProducerRecord<>(
                    naming.apply("rj.queue.harlow.v1"),
                    caseId,
                    CaseFixtures.item(
                            caseId,
                            QueueItemType.NEW_CASE,
                            start,
                            List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-KILL-" + c)))));
        }
        int port = freePort();
        Process service = startService(stack, naming, appId, state, port, 0);
        publish(stack, items);
        Awaitility.await("fifty cases open")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> openCases(port) == CASES);

        // When each case's facilitators record eleven events, and the service is killed and restarted three times
        Map<String, List<String>> eventsByCase = new LinkedHashMap<>();
        List<ProducerRecord<String, SpecificRecord>> events = new ArrayList<>();
        for (int step = 0; step < 11; step++) {
            for (String caseId : caseIds) {
                CaseEvent e = step(CaseEvents.on(caseId, "FAC-017"), step, start.plus(Duration.ofMinutes(step + 1)));
                eventsByCase.computeIfAbsent(caseId, k -> new ArrayList<>()).add(e.getEventId());
                events.add(new ProducerRecord<>(
                        naming.apply("rj.case-events.v1"),
                        null,
                        e.getOccurredAt().toEpochMilli(),
                        caseId,
                        e));
            }
        }
        publish(stack, events);
        int[] killAfterResults = {100, 250, 400};
        for (int kill = 0; kill < killAfterResults.length; kill++) {
            awaitResults(stack, naming, killAfterResults[kill], Duration.ofMinutes(2));
            service.destroyForcibly().waitFor();
            service = startService(stack, naming, appId, state, port, kill + 1);
        }
        try {
            // Then every event has exactly one answer, ACCEPTED, and sits once in its case's history, in order
            Map<String, List<CaseEventResult>> results =
                    readResults(stack, naming, events.size(), Duration.ofMinutes(3));
            assertThat(results).as("one answer per event").hasSize(events.size());
            assertThat(results.values())
                    .allSatisfy(r -> assertThat(r)
                            .singleElement()
                            .satisfies(one -> assertThat(one.getStatus())
                                    .as("%s %s", one.getEventId(), one.getRule())
                                    .isEqualTo(CaseEventStatus.ACCEPTED)));
            int finalPort = port;
            Awaitility.await("the restarted service answers")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> openCases(finalPort) == CASES);
            for (String caseId : caseIds) {
                List<String> history = new ArrayList<>();
                caseDetail(port, caseId)
                        .path("history")
                        .forEach(h -> history.add(h.path("eventId").asText()));
                assertThat(history)
                        .as(caseId)
                        .containsSubsequence(eventsByCase.get(caseId))
                        .doesNotHaveDuplicates()
                        .containsAll(eventsByCase.get(caseId));
            }
            List<String> outcomeIds = new ArrayList<>();
            try (var consumer = consumer(stack, Outcome.class)) {
                consumer.subscribe(List.of(naming.apply("police.outcomes.v1")));
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (System.nanoTime() < until) {
                    consumer.poll(Duration.ofMillis(250))
                            .forEach(r -> outcomeIds.add(r.value().getEventId()));
                }
            }
            assertThat(outcomeIds)
                    .as("outcomes to the police, none twice")
                    .isNotEmpty()
                    .doesNotHaveDuplicates();
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /** The {@code step}-th event of a case's work: contact, information and consent for both, then assessment on. */
    private static CaseEvent step(CaseEvents on, int step, Instant at) {
        return switch (step) {
            case 0 -> on.contactMade(at, PartyRole.VICTIM, ContactMethod.PHONE);
            case 1 -> on.informationGiven(at, PartyRole.VICTIM);
            case 2 -> on.consentGiven(at, PartyRole.VICTIM, ConsentScope.RESTORATIVE_PROCESS);
            case 3 -> on.contactMade(at, PartyRole.OFFENDER, ContactMethod.PHONE);
            case 4 -> on.informationGiven(at, PartyRole.OFFENDER);
            case 5 -> on.consentGiven(at, PartyRole.OFFENDER, ConsentScope.RESTORATIVE_PROCESS);
            case 6 -> on.suitable(at, RiskAssessmentStage.INITIAL);
            case 7 -> on.assigned(at, "FAC-017");
            case 8 -> on.suitable(at, RiskAssessmentStage.FACILITATION);
            case 9 -> on.meetingHeld(at, MeetingFormat.FACE_TO_FACE_CONFERENCE, 4);
            default -> on.stakeholderLiaison(at);
        };
    }

    private static Process startService(
            TestStack stack, UnaryOperator<String> naming, String appId, Path state, int port, int n) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx320m",
                "-cp",
                System.getProperty("java.class.path"),
                CasesMain.class.getName());
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", stack.connection().bootstrapServers());
        pb.environment().put("RJ_REGISTRY_URL", stack.connection().registryUrl().toString());
        stack.clientConfigFile("cases").ifPresent(f -> pb.environment().put("KAFKA_CLIENT_CONFIG", f.toString()));
        pb.environment().put("RJ_CASES_APPLICATION_ID", appId);
        pb.environment().put("RJ_CASES_STATE_DIR", state.toString());
        pb.environment().put("RJ_CASES_RJ_TOPIC_PREFIX", naming.apply(""));
        pb.environment().put("RJ_CASES_AUTH_ISSUER", IDP.issuer().toString());
        pb.environment().put("RJ_CASES_AUTH_JWKS_URL", IDP.jwksUri().toString());
        pb.environment().put("RJ_CASES_RJ_HTTP_PORT", Integer.toString(port));
        pb.environment().put("RJ_CASES_SWEEP_WALL_CLOCK_INTERVAL_MS", "0");
        // a SIGKILLed member leaves the group when its session times out: the broker's minimum (6 s), not the default
        // 45 s, so the restarted service takes its partitions back sooner; what is checked does not change
        pb.environment().put("RJ_CASES_STREAMS_CONSUMER_SESSION_TIMEOUT_MS", "6000");
        pb.environment().put("RJ_CASES_STREAMS_CONSUMER_HEARTBEAT_INTERVAL_MS", "1500");
        pb.redirectErrorStream(true)
                .redirectOutput(state.resolve("cases-" + n + ".log").toFile());
        return pb.start();
    }

    private static void publish(TestStack stack, List<ProducerRecord<String, SpecificRecord>> records) {
        Properties p = stack.connection().clientProperties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        var serializer = new AvroKafkaSerializer<SpecificRecord>();
        serializer.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        try (var producer = new KafkaProducer<>(p, new StringSerializer(), serializer)) {
            records.forEach(producer::send);
        }
    }

    /** Waits until at least {@code wanted} answers are committed, so that each kill lands mid-work. */
    private static void awaitResults(TestStack stack, UnaryOperator<String> naming, int wanted, Duration timeout) {
        try (var consumer = consumer(stack, CaseEventResult.class)) {
            consumer.subscribe(List.of(naming.apply("rj.case-event-results.v1")));
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (seen < wanted) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the case service answered only " + seen + " events in " + timeout);
                }
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
    }

    /** Every answer by event id, read until {@code wanted} have come and three quiet seconds more. */
    private static Map<String, List<CaseEventResult>> readResults(
            TestStack stack, UnaryOperator<String> naming, int wanted, Duration timeout) {
        Map<String, List<CaseEventResult>> byEvent = new HashMap<>();
        try (var consumer = consumer(stack, CaseEventResult.class)) {
            consumer.subscribe(List.of(naming.apply("rj.case-event-results.v1")));
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (var r : consumer.poll(Duration.ofMillis(250))) {
                    byEvent.computeIfAbsent(r.value().getEventId(), k -> new ArrayList<>())
                            .add(r.value());
                    seen++;
                }
                if (seen >= wanted && quietUntil == Long.MAX_VALUE) {
                    quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return byEvent;
    }

    private static <T extends SpecificRecord> KafkaConsumer<String, T> consumer(TestStack stack, Class<T> type) {
        Properties c = stack.connection().clientProperties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "cases-crash-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Deserializer<T> values = new AvroSerdes(stack.connection()).value(type).deserializer();
        return new KafkaConsumer<>(c, new StringDeserializer(), values);
    }

    private int openCases(int port) {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cases"))
                            .header("Authorization", "Bearer " + IDP.token(MANAGER))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()).size() : -1;
        } catch (Exception notYet) {
            return -1;
        }
    }

    private JsonNode caseDetail(int port, String caseId) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cases/" + caseId))
                        .header("Authorization", "Bearer " + IDP.token(MANAGER))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
