package org.rjhub.cli.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.CasesInNamespace;
import org.rjhub.cases.CasesService;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.contracts.hub.CanonicalParty;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.dlq.DlqConfig;
import org.rjhub.dlq.inspect.DeadLetterReader;
import org.rjhub.dlq.inspect.TopicSnapshot;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsService;
import org.rjhub.reporting.store.ReportingConfig;
import org.rjhub.reporting.store.ReportingConsumer;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterInNamespace;
import org.rjhub.router.RouterService;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * The erasure issue 16 asks for, on the real broker and registry: a person with a unique name is referred by all
 * three agencies (one incident: police and Victim Support by its crime reference, probation by the offender) and once
 * more in a police referral the hub refuses (a dead letter about them); the demo's services run on it with one master
 * key (the router, the case service with its API, the facts service, the reporting consumer into its database), a
 * facilitator records a contact and writes a note naming them. Then {@code hub erase} ({@link Erasure}) of each of
 * their referrals: every topic of the namespace read as bytes (internal ones and uncommitted records included), every
 * service's state folder and the reporting database hold their name nowhere in clear but on the agencies' own topics
 * (the agencies' records, which the hub cannot erase); the case API shows them no more; each referring agency is told
 * {@code ERASED}; another person, referred by police about another incident, is intact.
 */
@ExtendWith(KafkaStackExtension.class)
class ErasureFlowIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A surname no sample, fixture or simulator makes. */
    private static final String SENTINEL = "Vespertine-Qualmsley";

    /** The offence's wording in her police referrals, found nowhere else (personal: it tells what happened to her). */
    private static final String WORDING = "Pushed over by the Quennelbrook bus shelter";

    private static final String OTHER = "Brackenridge-Moult";
    /** The person, the victim of an incident all three agencies refer. */
    private static final Person VICTIM =
            new Person("Ottoline", SENTINEL, "1968-02-19", "7 Example Close", "CM20 1AB", "07700 900417");

    private static final Person OFFENDER =
            new Person("Lysander", "Okonkwo-Pell", "1994-07-30", "9 Example Close", "CM20 2EX", null);
    /** Another person, harmed in another incident by someone else, whom nothing links to the first. */
    private static final Person OTHER_VICTIM =
            new Person("Peregrine", OTHER, "1955-11-23", "31 Sample Lane", "CM19 4QT", "07700 900731");

    private static final Person OTHERS =
            new Person("Caspian", "Tremayne-Aduba", "1981-12-03", "4 Sample Lane", "CM19 5RX", null);

    private static final String CRIME = "42/20417/26";
    private static final String POLICE_ID = "PR-ERASE-1";
    private static final String VS_ID = "VS-ERASE-1";
    private static final String PROBATION_ID = "PROB-ERASE-1";
    private static final String REFUSED_ID = "PR-ERASE-2";
    private static final String OTHER_ID = "PR-ERASE-3";
    private static final String COORDINATOR = "COORD-01";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldLeaveTheErasedPersonInClearOnlyOnTheAgenciesOwnTopicsAndEveryOtherPersonIntact(TestStack stack)
            throws Exception {
        // Given the demo's services with one master key, on a namespace of their own
        UnaryOperator<String> naming = stack.newNamespace("erase-flow");
        Path work = Files.createTempDirectory("erase-flow-it");
        Path masterKey = MasterKey.createIfMissing(work.resolve("master-key.json"));
        Map<String, Object> sealing = Map.of(RouterConfig.MASTER_KEY, masterKey.toString());
        String jdbcUrl = "jdbc:h2:" + work.resolve("reporting").resolve("rj").toAbsolutePath();
        String sentinelCase;
        String otherCase;
        try (DevIdentityProvider identity = DevIdentityProvider.start()) {
            RouterConfig routerConfig = RouterInNamespace.provision(stack, naming, work.resolve("router"), sealing);
            CasesConfig casesConfig =
                    CasesInNamespace.provision(stack, naming, work.resolve("cases"), identity, sealing);
            Map<String, Object> factsSettings = new HashMap<>(sealing);
            factsSettings.put(FactsConfig.STATE_DIR, work.resolve("facts").toString());
            factsSettings.put(FactsConfig.APPLICATION_ID, naming.apply("rj-reporting-facts"));
            factsSettings.put(FactsConfig.TOPIC_PREFIX, naming.apply(""));
            factsSettings.put(FactsConfig.HTTP_PORT, -1);
            factsSettings.put(FactsConfig.HMAC_KEY, "erase-flow-it-pseudonym-key-of-at-least-32-bytes");
            FactsConfig factsConfig = FactsConfig.of(stack.connection("facts"), factsSettings);
            stack.createInternalTopics(FactsService.internalTopics(factsConfig));
            ReportingConfig reportingConfig = ReportingConfig.of(
                    stack.connection("reporting"),
                    Map.of(
                            ReportingConfig.JDBC_URL,
                            jdbcUrl,
                            ReportingConfig.TOPIC_PREFIX,
                            naming.apply(""),
                            ReportingConfig.GROUP_ID,
                            naming.apply("rj-reporting-sql"),
                            ReportingConfig.HTTP_PORT,
                            -1));
            ReportingConsumer reporting = ReportingConsumer.create(reportingConfig);
            Thread consuming = new Thread(reporting, "erase-flow-reporting");
            consuming.start();
            try (RouterService router = RouterService.start(routerConfig);
                    CasesService cases = CasesService.start(casesConfig);
                    FactsService facts = FactsService.start(factsConfig)) {
                router.awaitRunning(WAIT);
                cases.awaitRunning(WAIT);
                facts.awaitRunning(WAIT);
                Api api = new Api(cases.httpPort(), identity);

                // When the three agencies refer the person, police once more refused, and police another person
                publish(stack, naming, Agency.POLICE, POLICE_ID, police(POLICE_ID, CRIME, VICTIM, OFFENDER, WORDING));
                publish(stack, naming, Agency.VICTIM_SUPPORT, VS_ID, victimSupport(VS_ID));
                publish(stack, naming, Agency.PROBATION, PROBATION_ID, probation(PROBATION_ID));
                publish(
                        stack,
                        naming,
                        Agency.POLICE,
                        REFUSED_ID,
                        police(REFUSED_ID, CRIME, VICTIM.at("CM13"), OFFENDER, WORDING));
                publish(
                        stack,
                        naming,
                        Agency.POLICE,
                        OTHER_ID,
                        police(OTHER_ID, "42/20418/26", OTHER_VICTIM, OTHERS, "Common assault"));
                sentinelCase = api.awaitCaseNaming(SENTINEL, 3);
                otherCase = api.awaitCaseNaming(OTHER, 1);
                // and a facilitator records a contact and writes a note naming them
                api.post(
                        sentinelCase,
                        "events",
                        "{\"type\": \"CONTACT_MADE\", \"party\": \"VICTIM\", \"method\": \"PHONE\"}");
                api.post(sentinelCase, "notes", "{\"text\": \"Called Ottoline " + SENTINEL + ", she will write\"}");
                Awaitility.await("the note on the case")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> api.caseDetail(sentinelCase)
                                .path("notes")
                                .toString()
                                .contains(SENTINEL));
                DlqConfig dlq =
                        DlqConfig.of(stack.connection(), naming.apply("")).withMasterKey(masterKey.toString());
                Awaitility.await("the refused referral dead-lettered")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> !new DeadLetterReader(dlq).all().isEmpty());
                Awaitility.await("the facts applied to the reporting database")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> reporting.applied() > 0
                                && System.nanoTime() - reporting.lastAppliedNanos()
                                        > Duration.ofSeconds(5).toNanos());
                assertThat(reporting.failure()).isNull();

                // When the hub erases each of their referrals
                Erasure erasure = new Erasure(stack.connection(), naming);
                Instant now = Instant.now();
                List<Erasure.Result> erased = List.of(
                        erasure.eraseReferral(Agency.POLICE, POLICE_ID, now),
                        erasure.eraseReferral(Agency.VICTIM_SUPPORT, VS_ID, now),
                        erasure.eraseReferral(Agency.PROBATION, PROBATION_ID, now),
                        erasure.eraseReferral(Agency.POLICE, REFUSED_ID, now));

                // Then the case's keys went with its referrals', and the case API shows the person no more
                assertThat(erased.get(0).cases()).containsExactly(sentinelCase);
                assertThat(erased).allSatisfy(r -> assertThat(r.keys()).isNotEmpty());
                Awaitility.await("the case shown without the person")
                        .atMost(WAIT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> !api.caseDetail(sentinelCase).toString().contains(SENTINEL));
                JsonNode after = api.caseDetail(sentinelCase);
                assertThat(after.path("notes").get(0).path("unavailable").asText())
                        .isNotEmpty();
                assertThat(after.path("parties"))
                        .isNotEmpty()
                        .allSatisfy(
                                p -> assertThat(p.path("unavailable").asText()).isNotEmpty());
                // and the other person is intact: named by the API with their contact details, and readable
                assertThat(api.caseDetail(otherCase).path("parties").toString()).contains(OTHER);
                assertThat(api.caseDetail(otherCase).path("contacts").toString())
                        .contains("07700 900731");
                assertThat(SarCommand.Holdings.load(
                                        stack.connection(), naming.apply(""), Optional.of(masterKey.toString()))
                                .referrals()
                                .stream()
                                .flatMap(r -> r.getParties().stream())
                                .map(CanonicalParty::getSurname))
                        .contains(OTHER)
                        .doesNotContain(SENTINEL);
            } finally {
                reporting.close(); // the database closed, so that its files hold all it was given
                consuming.join(Duration.ofSeconds(30).toMillis());
            }
        }

        // Then each referring agency was told ERASED, the other referral was not
        assertThat(outcomes(stack, naming, Agency.POLICE, POLICE_ID)).contains(OutcomeType.ERASED);
        assertThat(outcomes(stack, naming, Agency.POLICE, REFUSED_ID)).contains(OutcomeType.ERASED);
        assertThat(outcomes(stack, naming, Agency.VICTIM_SUPPORT, VS_ID)).contains(OutcomeType.ERASED);
        assertThat(outcomes(stack, naming, Agency.PROBATION, PROBATION_ID)).contains(OutcomeType.ERASED);
        assertThat(outcomes(stack, naming, Agency.POLICE, OTHER_ID)).doesNotContain(OutcomeType.ERASED);
        // and the person's name is in clear only on the agencies' own topics, every topic read as bytes
        List<String> holding = ClearText.topicsHolding(stack, naming.apply(""), SENTINEL);
        String routerInternal = naming.apply("rj-router-");
        assertThat(holding)
                .as("topics holding the erased person's name in clear, the router's internal topics aside")
                .filteredOn(topic -> !topic.startsWith(routerInternal))
                .containsExactlyInAnyOrder(
                        naming.apply(Agency.POLICE.topic()),
                        naming.apply(Agency.VICTIM_SUPPORT.topic()),
                        naming.apply(Agency.PROBATION.topic()));
        // and in no state folder of the case service and the facts service, nor the reporting database
        assertThat(ClearText.filesHolding(work.resolve("cases"), SENTINEL)).isEmpty();
        assertThat(ClearText.filesHolding(work.resolve("facts"), SENTINEL)).isEmpty();
        assertThat(ClearText.filesHolding(work.resolve("reporting"), SENTINEL)).isEmpty();
        try (var files = Files.walk(work.resolve("reporting"))) {
            assertThat(files.map(Path::toString))
                    .as("the reporting database was written")
                    .anyMatch(f -> f.endsWith(".mv.db"));
        }
        // nor in the router's internal topics and state folder
        assertThat(holding).as("the router's internal topics").noneMatch(topic -> topic.startsWith(routerInternal));
        assertThat(ClearText.filesHolding(work.resolve("router"), SENTINEL))
                .as("the router's state folder")
                .isEmpty();
        // and the offence's wording of her police referrals likewise: on the police topic only, in no state folder
        assertThat(ClearText.topicsHolding(stack, naming.apply(""), WORDING))
                .as("topics holding her offence's wording in clear")
                .containsExactly(naming.apply(Agency.POLICE.topic()));
        for (String service : List.of("router", "cases", "facts", "reporting")) {
            assertThat(ClearText.filesHolding(work.resolve(service), WORDING))
                    .as("the " + service + " state folder")
                    .isEmpty();
        }
    }

    /** The case API as the county coordinator, with a token of the development identity provider. */
    private final class Api {
        private final int port;
        private final DevIdentityProvider identity;

        Api(int port, DevIdentityProvider identity) {
            this.port = port;
            this.identity = identity;
        }

        /** The first open case listing a party named {@code surname}, once it has {@code referrals} referrals. */
        String awaitCaseNaming(String surname, int referrals) {
            return Awaitility.await("a case naming " + surname + " with " + referrals + " referrals")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> {
                                for (JsonNode c : get("/cases?status=OPEN")) {
                                    if (c.path("referrals").asInt() == referrals
                                            && c.path("parties").toString().contains(surname)) {
                                        return c.path("caseId").asText();
                                    }
                                }
                                return null;
                            },
                            java.util.Objects::nonNull);
        }

        JsonNode caseDetail(String caseId) throws Exception {
            return get("/cases/" + caseId);
        }

        void post(String caseId, String what, String body) throws Exception {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cases/" + caseId + "/" + what))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + identity.token(COORDINATOR))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("POST %s: %s", what, r.body()).isEqualTo(202);
        }

        private JsonNode get(String path) throws Exception {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", "Bearer " + identity.token(COORDINATOR))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }
    }

    /** A person as an agency gives them: name, date of birth, address, phone (null: none). */
    private record Person(String forename, String surname, String born, String line1, String postcode, String phone) {

        /** The person at another postcode. */
        Person at(String otherPostcode) {
            return new Person(forename, surname, born, line1, otherPostcode, phone);
        }

        String json(String contactMethod) {
            return """
                    {"forename": "%s", "surname": "%s", "dateOfBirth": "%s",
                     "address": {"line1": "%s", "line2": null, "town": "Harlow", "postcode": "%s"},
                     "contact": {"preferredMethod": "%s", "phone": %s, "email": null}, "vulnerabilities": []}""".formatted(
                            forename,
                            surname,
                            born,
                            line1,
                            postcode,
                            contactMethod,
                            phone == null ? "null" : "\"" + phone + "\"");
        }
    }

    /** A police referral of one incident: {@code victim} harmed by {@code offender}, the offence in {@code wording}. */
    private static SpecificRecord police(String id, String crime, Person victim, Person offender, String wording) {
        return AgencyJson.police()
                .read("[" + """
                {"referralId": "%s", "crimeReference": "%s",
                 "offence": {"homeOfficeCode": "105A/00", "category": "VIOLENCE_WITHOUT_INJURY", "description": "%s"},
                 "incidentDate": "2026-08-14", "district": "Harlow", "asbFlag": false, "neighbourDispute": false,
                 "justiceStage": "SENTENCED", "victims": [%s], "offenders": [%s],
                 "officerInCase": {"collarNumber": "4321", "name": "PC Example", "station": "Harlow"},
                 "victimConsentToReferral": true, "domesticAbuse": false, "hateCrime": false,
                 "submittedAt": "2026-09-01T09:00:00Z"}
                """.formatted(id, crime, wording, victim.json("PHONE"), offender.json("LETTER")) + "]")
                .get(0);
    }

    /** Victim Support's referral of the same victim, by the incident's crime reference. */
    private static SpecificRecord victimSupport(String id) {
        return AgencyJson.victimSupport()
                .read("[" + """
                {"vsCaseId": "%s",
                 "victim": {"forename": "Ottoline", "surname": "%s", "dateOfBirth": "1968-02-19", "postcode": "CM20 1AB",
                            "phone": "07700 900417", "email": null},
                 "needsAssessment": {"needs": ["EMOTIONAL_SUPPORT"], "summary": "Wants an explanation.", "assessedOn": "2026-09-02"},
                 "consentToContact": true, "preferredContact": "PHONE", "crimeType": "ASSAULT",
                 "crimeReference": "%s", "incidentDate": "2026-08-14", "offenderName": null, "district": "Harlow",
                 "submittedAt": "2026-09-03T09:00:00Z"}
                """.formatted(id, SENTINEL, CRIME) + "]")
                .get(0);
    }

    /** Probation's referral of the same offender, naming the victim (its victim liaison unit knows her). */
    private static SpecificRecord probation(String id) {
        return AgencyJson.probation()
                .read("[" + """
                {"referralId": "%s", "crn": "X765432", "pncId": "2018/0765432B",
                 "offender": {"forename": "Lysander", "surname": "%s", "dateOfBirth": "1994-07-30",
                   "address": {"line1": "9 Example Close", "line2": null, "town": "Harlow", "postcode": "CM20 2EX"}},
                 "offence": {"homeOfficeCode": "105A/00", "mainCategory": "Violence against the person",
                             "description": "Common assault"},
                 "crimeReference": null, "district": "Harlow",
                 "sentence": {"type": "COMMUNITY_ORDER", "sentenceDate": "2026-09-10",
                              "court": "Chelmsford Magistrates' Court", "expectedReleaseDate": null},
                 "offenderManager": {"name": "Om Example", "team": "Harlow PDU", "email": "om@probation.example"},
                 "riskOfSeriousHarm": "LOW",
                 "victim": {"forename": "Ottoline", "surname": "%s", "dateOfBirth": "1968-02-19", "postcode": "CM20 1AB"},
                 "offenderWillingToParticipate": true,
                 "submittedAt": "2026-09-20T09:00:00Z"}
                """.formatted(id, OFFENDER.surname(), SENTINEL) + "]")
                .get(0);
    }

    /** Publishes one agency record as the agency does, in a transaction of its own. */
    private static void publish(
            TestStack stack, UnaryOperator<String> naming, Agency agency, String id, SpecificRecord referral) {
        Properties p = stack.connection().clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "erase-flow-it-" + UUID.randomUUID());
        AvroKafkaSerializer<SpecificRecord> avro = new AvroKafkaSerializer<>();
        avro.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        String topic = naming.apply(agency.topic());
        try (var producer =
                KafkaClients.of(stack.connection()).producer(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, id, avro.serialize(topic, referral)));
            producer.commitTransaction();
        } finally {
            avro.close();
        }
    }

    /** The outcome types the agency received about referral {@code id}, in order. */
    private static List<OutcomeType> outcomes(TestStack stack, UnaryOperator<String> naming, Agency agency, String id) {
        AvroKafkaDeserializer<Outcome> values = new AvroKafkaDeserializer<>();
        values.configure(new AvroSerdes(stack.connection()).clientConfig(), false);
        Properties p = new Properties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<OutcomeType> types = new ArrayList<>();
        for (ConsumerRecord<byte[], Outcome> r : TopicSnapshot.readAll(
                KafkaClients.of(stack.connection()), p, naming.apply(agency.outcomesTopic()), values, WAIT)) {
            if (r.value() != null && id.equals(r.value().getAgencyReferralId())) {
                types.add(r.value().getEventType());
            }
        }
        return types;
    }
}
