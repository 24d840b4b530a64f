package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.DeadLetter;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterInNamespace;
import org.rjhub.router.RouterService;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * On the real broker and registry, with the router running in-process: three agencies refer one
 * incident, the router makes one case, a coordinator and the facilitator it is assigned to take it through the
 * HTTP API (each with a bearer token from the development identity provider) to AGREEMENT_COMPLETED, and each
 * agency's outcome topic holds exactly its own events, in order. With a master key, the router seals the canonical
 * referrals (no contact detail in clear on {@code rj.referrals.v1}) and the case service opens them into the case.
 */
@ExtendWith(KafkaStackExtension.class)
class CaseLifecycleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICE = "PR-IT-1";
    private static final String VS = "VS-IT-1";
    private static final String PROBATION = "PROB-IT-1";
    /** Development users: the county-wide coordinator, a volunteer facilitator, a manager. */
    private static final String COORDINATOR = "COORD-01";

    private static final String FACILITATOR = "FAC-017";
    private static final String MANAGER = "MGR-01";

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;
    private DevIdentityProvider idp;

    @Test
    void shouldTakeThreeAgenciesReferralsToAgreementCompletedAndTellEachAgencyOnlyItsOwn(TestStack stack)
            throws Exception {
        UnaryOperator<String> naming = stack.newNamespace("cases");
        // the router seals the canonical referrals under data keys wrapped by this master key; the case service opens
        // them with it
        Path masterKey = MasterKey.createIfMissing(
                Files.createTempDirectory("cases-it-keys").resolve("master-key.json"));
        try (DevIdentityProvider identity = DevIdentityProvider.start()) {
            RouterConfig routerConfig = RouterInNamespace.provision(
                    stack,
                    naming,
                    Files.createTempDirectory("router-it"),
                    Map.of(RouterConfig.MASTER_KEY, masterKey.toString()));
            CasesConfig casesConfig = CasesInNamespace.provision(
                    stack,
                    naming,
                    Files.createTempDirectory("cases-it"),
                    identity,
                    Map.of(CasesConfig.MASTER_KEY, masterKey.toString()));
            lifecycle(stack, naming, identity, routerConfig, casesConfig);
        }
    }

    private void lifecycle(
            TestStack stack,
            UnaryOperator<String> naming,
            DevIdentityProvider identity,
            RouterConfig routerConfig,
            CasesConfig casesConfig)
            throws Exception {
        try (RouterService router = RouterService.start(routerConfig);
                CasesService cases = CasesService.start(casesConfig)) {
            idp = identity;
            router.awaitRunning(Duration.ofMinutes(2));
            cases.awaitRunning(Duration.ofMinutes(2));
            port = cases.httpPort();
            String metrics = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(
                                            java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(metrics)
                    .as("Kafka Streams metrics on /metrics")
                    .contains("kafka_stream_")
                    .contains("rj_retries_total{service=\"cases\"} 0.0");
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as("ready once RUNNING")
                    .isEqualTo(200);

            // Given three agencies' referrals about one incident
            publish(
                    stack,
                    naming,
                    List.of(
                            new ProducerRecord<>(naming.apply("police.referrals.v1"), POLICE, Referrals.police(POLICE)),
                            new ProducerRecord<>(
                                    naming.apply("victimsupport.referrals.v1"), VS, Referrals.victimSupport(VS)),
                            new ProducerRecord<>(
                                    naming.apply("probation.referrals.v1"),
                                    PROBATION,
                                    Referrals.probation(PROBATION))));
            String caseId = awaitCaseWithReferrals(3, Duration.ofMinutes(4));
            // their contact details reach the case, opened with their data keys (the global store of
            // rj.data-keys.v1), though the canonical topic holds none of them in clear
            org.awaitility.Awaitility.await("contact details opened")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> get("/cases/" + caseId, COORDINATOR)
                            .path("contacts")
                            .toString()
                            .contains("07700 900002"));
            assertThat(get("/cases/" + caseId, COORDINATOR).path("contacts").toString())
                    .contains("om@probation.example");
            assertThat(topicValues(stack, naming.apply("rj.referrals.v1")))
                    .hasSize(3)
                    .allSatisfy(v -> assertThat(new String(v, StandardCharsets.ISO_8859_1))
                            .doesNotContain("07700 900002", "om@probation.example", "Test Road"));
            // and the parties' names likewise: shown by the API, sealed on the case's queue
            JsonNode named = get("/cases/" + caseId, COORDINATOR);
            assertThat(named.path("parties").toString()).contains("Quarrington", "Fairweather");
            assertThat(topicValues(
                            stack,
                            naming.apply("rj.queue." + named.path("queue").asText() + ".v1")))
                    .isNotEmpty()
                    .allSatisfy(v -> assertThat(new String(v, StandardCharsets.ISO_8859_1))
                            .doesNotContain("Quarrington", "Fairweather", "Imelda", "Kwabena"));

            // When the coordinator and then the facilitator record the case through the API, each with their token,
            // one refusal answered at once on the way, and the facilitator kept out until the case is theirs
            assertThat(post(caseId, COORDINATOR, "{\"type\": \"MEETING_HELD\"}")
                            .path("rule")
                            .asText())
                    .isEqualTo("MEETING_BEFORE_CONSENT");
            assertThat(post(caseId, FACILITATOR, "{\"type\": \"STAKEHOLDER_LIAISON\"}")
                            .path("httpStatus")
                            .asInt())
                    .as("not assigned to the facilitator yet")
                    .isEqualTo(403);
            assertThat(post(caseId, null, "{\"type\": \"STAKEHOLDER_LIAISON\"}")
                            .path("httpStatus")
                            .asInt())
                    .as("no token")
                    .isEqualTo(401);
            for (String party : List.of("VICTIM", "OFFENDER")) {
                record(
                        caseId,
                        COORDINATOR,
                        "{\"type\": \"CONTACT_MADE\", \"party\": \"" + party + "\", \"method\": \"PHONE\"}");
                record(caseId, COORDINATOR, "{\"type\": \"INFORMATION_GIVEN\", \"party\": \"" + party + "\"}");
                record(
                        caseId,
                        COORDINATOR,
                        "{\"type\": \"CONSENT_GIVEN\", \"party\": \"" + party
                                + "\", \"scope\": \"RESTORATIVE_PROCESS\"}");
            }
            record(
                    caseId,
                    COORDINATOR,
                    "{\"type\": \"RISK_ASSESSED\", \"stage\": \"INITIAL\", \"level\": \"LOW\", \"suitable\": true}");
            record(caseId, COORDINATOR, "{\"type\": \"ASSIGNED\", \"facilitator\": \"" + FACILITATOR + "\"}");
            record(
                    caseId,
                    FACILITATOR,
                    "{\"type\": \"RISK_ASSESSED\", \"stage\": \"FACILITATION\", \"level\": \"LOW\", \"suitable\": true}");
            record(
                    caseId,
                    FACILITATOR,
                    "{\"type\": \"MEETING_HELD\", \"format\": \"FACE_TO_FACE_CONFERENCE\", \"attendees\": 4}");
            record(
                    caseId,
                    FACILITATOR,
                    "{\"type\": \"AGREEMENT_RECORDED\", \"actions\": [{\"actionId\": \"A1\", \"kind\": \"APOLOGY_LETTER\","
                            + " \"owedBy\": \"OFFENDER\", \"dueDate\": \""
                            + LocalDate.now().plusDays(30) + "\"}]}");
            record(caseId, FACILITATOR, "{\"type\": \"ACTION_COMPLETED\", \"actionId\": \"A1\"}");
            record(caseId, FACILITATOR, "{\"type\": \"CASE_CLOSED\", \"reason\": \"AGREEMENT_COMPLETED\"}");
            List<String> actors = new ArrayList<>();
            get("/cases/" + caseId, MANAGER)
                    .path("history")
                    .forEach(h -> actors.add(h.path("actor").asText()));
            assertThat(actors)
                    .as("each event's actor is its token's subject")
                    .containsOnly(COORDINATOR, FACILITATOR)
                    .endsWith(FACILITATOR);
            // and a late event and an unreadable record sent straight to the topic, past the API
            CaseEvent late = CaseEvents.on(caseId, "FAC-017").stakeholderLiaison(Instant.now());
            publish(stack, naming, List.of(new ProducerRecord<>(naming.apply("rj.case-events.v1"), caseId, late)));
            publishBytes(stack, naming.apply("rj.case-events.v1"), caseId, "not avro".getBytes(StandardCharsets.UTF_8));

            // Then each agency's topic holds the router's acknowledgement, then the case's lifecycle, all its own
            Map<SourceAgency, List<ConsumerRecord<String, byte[]>>> topics =
                    readOutcomes(stack, naming, Duration.ofMinutes(1));
            Deserializer<Outcome> avro =
                    new AvroSerdes(stack.connection()).value(Outcome.class).deserializer();
            List<OutcomeType> lifecycle = List.of(
                    OutcomeType.CONTACT_MADE,
                    OutcomeType.ACCEPTED,
                    OutcomeType.MEETING_HELD,
                    OutcomeType.AGREEMENT_REACHED,
                    OutcomeType.AGREEMENT_COMPLETED,
                    OutcomeType.CLOSED);
            Map<SourceAgency, String> own = Map.of(
                    SourceAgency.POLICE, POLICE, SourceAgency.VICTIM_SUPPORT, VS, SourceAgency.PROBATION, PROBATION);
            for (SourceAgency agency : SourceAgency.values()) {
                List<ConsumerRecord<String, byte[]>> records = topics.get(agency);
                List<Outcome> outcomes = records.stream()
                        .map(r -> avro.deserialize(r.topic(), r.value()))
                        .toList();
                assertThat(outcomes)
                        .as("%s", agency)
                        .extracting(Outcome::getEventType)
                        .filteredOn(t -> !List.of(OutcomeType.RECEIVED, OutcomeType.LINKED)
                                .contains(t))
                        .isEqualTo(lifecycle);
                assertThat(outcomes.get(0).getEventType()).isIn(OutcomeType.RECEIVED, OutcomeType.LINKED);
                assertThat(outcomes.subList(outcomes.size() - lifecycle.size(), outcomes.size()))
                        .extracting(Outcome::getEventType)
                        .isEqualTo(lifecycle);
                assertThat(records).extracting(ConsumerRecord::key).containsOnly(own.get(agency));
                assertThat(outcomes).extracting(Outcome::getAgencyReferralId).containsOnly(own.get(agency));
                assertThat(outcomes.subList(outcomes.size() - lifecycle.size(), outcomes.size()))
                        .extracting(Outcome::getHubCaseId)
                        .containsOnly(caseId);
                for (ConsumerRecord<String, byte[]> r : records) {
                    String bytes = new String(r.value(), StandardCharsets.ISO_8859_1);
                    own.values().stream()
                            .filter(id -> !id.equals(own.get(agency)))
                            .forEach(other -> assertThat(bytes).doesNotContain(other));
                    List.of(
                                    "Quarrington",
                                    "Fairweather",
                                    "07700",
                                    "CM20",
                                    Referrals.VS_NEEDS_SUMMARY,
                                    "EMOTIONAL_SUPPORT",
                                    Referrals.CRIME_REFERENCE)
                            .forEach(p -> assertThat(bytes).doesNotContain(p));
                }
            }
            // and what was sent past the API is answered and dead-lettered, nothing lost
            CaseEventResult refused = readUntil(
                    stack,
                    naming.apply("rj.case-event-results.v1"),
                    CaseEventResult.class,
                    r -> r.getEventId().equals(late.getEventId()));
            assertThat(refused.getStatus()).isEqualTo(CaseEventStatus.REFUSED);
            assertThat(refused.getRule()).isEqualTo("CASE_CLOSED");
            List<DeadLetter> letters = new ArrayList<>();
            readUntil(stack, naming.apply("rj.dead-letters.v1"), DeadLetter.class, d -> {
                letters.add(d);
                return letters.size() == 2;
            });
            assertThat(letters)
                    .extracting(DeadLetter::getRule)
                    .containsExactlyInAnyOrder("CASE_CLOSED", "UNREADABLE_RECORD");
            assertThat(letters)
                    .allSatisfy(d -> assertThat(d.getSourceTopic()).isEqualTo(naming.apply("rj.case-events.v1")));

            // When the police referral's data key is erased (its tombstone on rj.data-keys.v1, as hub erase writes it)
            String keyTopic = naming.apply(org.rjhub.schemas.Contracts.DATA_KEYS_TOPIC);
            for (String keyId : dataKeysOf(stack, keyTopic, "POLICE:" + POLICE)) {
                publishBytes(stack, keyTopic, keyId, null);
            }

            // Then the case is shown without that referral's contact details, saying why; the others' still open
            org.awaitility.Awaitility.await("the police referral's contact details gone")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> contactsOf(get("/cases/" + caseId, COORDINATOR), "POLICE")
                            .has("unavailable"));
            JsonNode shown = get("/cases/" + caseId, COORDINATOR);
            assertThat(contactsOf(shown, "POLICE").path("parties")).isEmpty();
            assertThat(contactsOf(shown, "PROBATION")
                            .path("offenderManager")
                            .path("email")
                            .asText())
                    .isEqualTo("om@probation.example");
            assertThat(shown.path("parties"))
                    .as("each party named, or said not to be, as its name's key is there or not")
                    .allSatisfy(p -> assertThat(p.has("unavailable")
                                    == p.path("surname").asText().isEmpty())
                            .isTrue());

            // When the other referrals' keys are erased too
            for (String agency : List.of("VICTIM_SUPPORT:" + VS, "PROBATION:" + PROBATION)) {
                for (String keyId : dataKeysOf(stack, keyTopic, agency)) {
                    publishBytes(stack, keyTopic, keyId, null);
                }
            }

            // Then the case names no one: each party is its role, its name said to be unavailable, never an error
            org.awaitility.Awaitility.await("every party's name gone")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        JsonNode parties = get("/cases/" + caseId, COORDINATOR).path("parties");
                        return parties.size() > 0
                                && java.util.stream.StreamSupport.stream(parties.spliterator(), false)
                                        .allMatch(p -> p.has("unavailable"));
                    });
            assertThat(get("/cases/" + caseId, COORDINATOR).path("parties").toString())
                    .doesNotContain("Quarrington", "Fairweather");
        }
    }

    /** The contacts of {@code agency}'s referral in a case as the API shows it. */
    private static JsonNode contactsOf(JsonNode detail, String agency) {
        for (JsonNode c : detail.path("contacts")) {
            if (c.path("referral").path("agency").asText().equals(agency)) {
                return c;
            }
        }
        throw new AssertionError("no contacts of " + agency + " in " + detail.path("contacts"));
    }

    /** The ids of subject {@code subject}'s live data keys on {@code keyTopic}, read until one is found. */
    private static List<String> dataKeysOf(TestStack stack, String keyTopic, String subject) {
        Properties c = new Properties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "cases-it-keys-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        try (var consumer = KafkaClients.of(stack.connection())
                .consumer(
                        c,
                        new StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(keyTopic));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (ids.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    if (org.rjhub.common.privacy.DataKeys.subjectOf(r.key()).equals(subject)) {
                        if (r.value() == null) {
                            ids.remove(r.key());
                        } else {
                            ids.add(r.key());
                        }
                    }
                }
            }
        }
        assertThat(ids).as("the data keys of " + subject).isNotEmpty();
        return List.copyOf(ids);
    }

    private static void publish(
            TestStack stack, UnaryOperator<String> naming, List<ProducerRecord<String, SpecificRecord>> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        var serializer = new AvroKafkaSerializer<SpecificRecord>();
        serializer.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        try (var producer = KafkaClients.of(stack.connection()).producer(p, new StringSerializer(), serializer)) {
            for (var r : records) {
                producer.send(r);
                producer.flush(); // one after the other, as the agencies would
            }
        }
    }

    private static void publishBytes(TestStack stack, String topic, String key, byte[] value) {
        Properties p = new Properties();
        try (var producer = KafkaClients.of(stack.connection())
                .producer(p, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    /** Reads {@code topic} from the start until a value matches, or fails after a minute. */
    private static <T extends SpecificRecord> T readUntil(
            TestStack stack, String topic, Class<T> type, java.util.function.Predicate<T> match) {
        Properties c = new Properties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "cases-it-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Deserializer<T> values = new AvroSerdes(stack.connection()).value(type).deserializer();
        try (var consumer = KafkaClients.of(stack.connection()).consumer(c, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, T> r : consumer.poll(Duration.ofMillis(250))) {
                    if (match.test(r.value())) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("nothing matching on " + topic + " within a minute");
    }

    private String awaitCaseWithReferrals(int referrals, Duration timeout) throws Exception {
        return org.awaitility.Awaitility.await("a case with " + referrals + " referrals")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> caseWith(referrals), java.util.Objects::nonNull);
    }

    private String caseWith(int referrals) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/cases?status=OPEN"))
                        .GET()
                        .header("Authorization", "Bearer " + idp.token(MANAGER))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
            for (JsonNode c : JSON.readTree(r.body())) {
                if (c.path("referrals").asInt() == referrals) {
                    return c.path("caseId").asText();
                }
            }
        }
        return null;
    }

    /** POSTs an event as the development user {@code user}, with their token (none when null). */
    private JsonNode post(String caseId, String user, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/cases/" + caseId + "/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", "Bearer " + idp.token(user));
        }
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        return ((com.fasterxml.jackson.databind.node.ObjectNode) json).put("httpStatus", r.statusCode());
    }

    /** Records an event through the API and waits until the case shows it. */
    private void record(String caseId, String user, String body) throws Exception {
        JsonNode answer = post(caseId, user, body);
        assertThat(answer.path("httpStatus").asInt())
                .as("%s -> %s", body, answer)
                .isEqualTo(202);
        String eventId = answer.path("eventId").asText();
        org.awaitility.Awaitility.await("event " + body + " applied")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> applied(caseId, eventId));
    }

    private boolean applied(String caseId, String eventId) throws Exception {
        for (JsonNode h : get("/cases/" + caseId, MANAGER).path("history")) {
            if (h.path("eventId").asText().equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /** The values on {@code topic}, as bytes. */
    private static List<byte[]> topicValues(TestStack stack, String topic) {
        Properties c = new Properties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "cases-it-canonical-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<byte[]> values = new ArrayList<>();
        try (var consumer = KafkaClients.of(stack.connection())
                .consumer(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(r -> values.add(r.value()));
            }
        }
        return values;
    }

    private static Map<SourceAgency, List<ConsumerRecord<String, byte[]>>> readOutcomes(
            TestStack stack, UnaryOperator<String> naming, Duration timeout) {
        Map<String, SourceAgency> byTopic = Map.of(
                naming.apply("police.outcomes.v1"),
                SourceAgency.POLICE,
                naming.apply("probation.outcomes.v1"),
                SourceAgency.PROBATION,
                naming.apply("victimsupport.outcomes.v1"),
                SourceAgency.VICTIM_SUPPORT);
        Map<SourceAgency, List<ConsumerRecord<String, byte[]>>> out = new EnumMap<>(SourceAgency.class);
        byTopic.values().forEach(a -> out.put(a, new ArrayList<>()));
        Properties c = new Properties();
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "cases-it-reader-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = KafkaClients.of(stack.connection())
                .consumer(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(byTopic.keySet());
            long deadline = System.nanoTime() + timeout.toNanos();
            Deserializer<Outcome> avro =
                    new AvroSerdes(stack.connection()).value(Outcome.class).deserializer();
            while (System.nanoTime() < deadline
                    && !out.values().stream()
                            .allMatch(records -> !records.isEmpty()
                                    && avro.deserialize(
                                                            records.get(records.size() - 1)
                                                                    .topic(),
                                                            records.get(records.size() - 1)
                                                                    .value())
                                                    .getEventType()
                                            == OutcomeType.CLOSED)) {
                consumer.poll(Duration.ofMillis(250))
                        .forEach(r -> out.get(byTopic.get(r.topic())).add(r));
            }
            consumer.poll(Duration.ofSeconds(2))
                    .forEach(r -> out.get(byTopic.get(r.topic())).add(r));
        }
        return out;
    }

    private JsonNode get(String path, String user) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri(path))
                        .GET()
                        .header("Authorization", "Bearer " + idp.token(user))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s as %s: %s", path, user, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
