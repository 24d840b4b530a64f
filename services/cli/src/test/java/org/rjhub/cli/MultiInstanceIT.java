package org.rjhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.cases.CasesConfig;
import org.rjhub.cases.CasesMain;
import org.rjhub.cases.CasesService;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.streams.StreamsServiceConfig;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.reporting.TestSecrets;
import org.rjhub.reporting.facts.FactsConfig;
import org.rjhub.reporting.facts.FactsMain;
import org.rjhub.reporting.facts.FactsService;
import org.rjhub.router.ReferralAnswers;
import org.rjhub.router.RouterConfig;
import org.rjhub.router.RouterDriver;
import org.rjhub.router.RouterMain;
import org.rjhub.router.RouterService;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.SimulatorConfig;
import org.rjhub.stack.DevIdentityProvider;
import org.rjhub.testsupport.KafkaStackExtension;
import org.rjhub.testsupport.TestStack;

/**
 * Two instances each of the router, the case service and the facts service on one broker: one of each in this JVM,
 * one of each a child process. The case API is asked the same questions of both case service instances; then the
 * three child processes are killed (SIGKILL) while referrals flow. Every referral is answered exactly once, the
 * referrals end in the same cases as one router makes of them (the router's {@code TopologyTestDriver} on the same
 * input), the case service holds the same cases as one instance of it holds (the router's and the case service's
 * {@code TopologyTestDriver}s on the same input: {@link OneInstance}), the API answers 503 with {@code Retry-After}
 * while the killed instance's cases are out of reach, and, once the killed case service is back, every API answer is
 * the same from either instance.
 */
@ExtendWith(KafkaStackExtension.class)
class MultiInstanceIT {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Development users: a manager (every case), a coordinator of three queues, a facilitator; the county coordinator. */
    private static final List<String> READERS = List.of("MGR-01", "COORD-WEST", "FAC-017");

    private static final String COORDINATOR = "COORD-01";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerEveryReferralOnceAndEveryQueryAlikeFromAnyInstanceWhenOneOfEachIsKilled(TestStack stack)
            throws Exception {
        // Given two instances each of the router, the case service and the facts service
        UnaryOperator<String> naming = stack.newNamespace("multi");
        KafkaConnection conn = stack.connection();
        Batch batch = batch();
        List<AgencyRecord> records = batch.records();
        Path work = Files.createTempDirectory("multi-it");
        String hmacKey = TestSecrets.hmacKey();
        int childCasesPort = freePort();
        List<Process> children = new ArrayList<>();
        try (DevIdentityProvider idp = DevIdentityProvider.start()) {
            Children start = new Children(stack, naming, work, idp, hmacKey);
            InProcess here = new InProcess(naming, work);
            // each service as its own principal, under the access file's application id in the namespace, its
            // internal topics created ahead by provisioning (its principal may not create topics)
            RouterConfig routerConfig =
                    RouterConfig.of(stack.connection("router"), here.settings("router", RouterConfig.HTTP_PORT, -1));
            CasesConfig casesConfig = CasesConfig.of(
                    stack.connection("cases"),
                    here.settings(
                            "cases",
                            CasesConfig.HTTP_PORT,
                            0,
                            CasesConfig.STANDBY_REPLICAS,
                            1,
                            CasesConfig.COMMIT_INTERVAL_MS,
                            50,
                            CasesConfig.AUTH_ISSUER,
                            idp.issuer().toString(),
                            CasesConfig.AUTH_JWKS_URL,
                            idp.jwksUri().toString()));
            FactsConfig factsConfig = FactsConfig.of(
                    stack.connection("facts"),
                    here.settings("facts", FactsConfig.HMAC_KEY, hmacKey, FactsConfig.HTTP_PORT, -1));
            stack.createInternalTopics(RouterService.internalTopics(routerConfig));
            stack.createInternalTopics(CasesService.internalTopics(casesConfig));
            stack.createInternalTopics(FactsService.internalTopics(factsConfig));
            children.add(start.router());
            children.add(start.cases(childCasesPort));
            children.add(start.facts());
            try (RouterService router = RouterService.start(routerConfig);
                    CasesService cases = CasesService.start(casesConfig);
                    FactsService facts = FactsService.start(factsConfig)) {
                router.awaitRunning(PATIENCE);
                cases.awaitRunning(PATIENCE);
                facts.awaitRunning(PATIENCE);
                int[] ports = {cases.httpPort(), childCasesPort};
                awaitReady(childCasesPort);
                Set<Set<String>> oneRouter = RouterDriver.cases(records);

                // When the agencies publish the first half of their referrals
                int half = records.size() / 2;
                ReferralAnswers.publish(conn, naming, records.subList(0, half));
                ReferralAnswers.awaitAnswers(conn, naming, half, PATIENCE);

                // Then the case service holds the cases one instance holds, and both instances hold some of them
                awaitCasesHeld(idp, ports[0], OneInstance.openCases(records.subList(0, half)));
                assertBothHoldCasesAndAnswerAlike(idp, ports);
                assertRecordedThroughEitherInstance(idp, ports);

                // When the second half comes and one instance of each service is killed while it flows
                ReferralAnswers.publish(conn, naming, records.subList(half, records.size()));
                for (Process child : children) {
                    child.destroyForcibly().waitFor(); // SIGKILL: no commit, no leaving the group
                }
                children.clear();

                // Then until the group moves its cases, the survivor answers a list 503 with Retry-After, not a part
                HttpResponse<String> meanwhile = get(idp, ports[0], "/cases?status=ALL", "MGR-01");
                assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(503);
                assertThat(meanwhile.headers().firstValue("Retry-After")).hasValue("1");

                // ... every referral is answered exactly once (each agency's outcomes read committed)
                Map<String, List<Outcome>> answers =
                        ReferralAnswers.readOutcomes(conn, naming, ReferralAnswers.expectedAnswers(batch), PATIENCE);
                ReferralAnswers.assertEachReferralAnsweredExactlyOnce(batch, answers);

                // ... in the same cases as one router makes of the same referrals
                List<Outcome> all = new ArrayList<>();
                answers.values().forEach(all::addAll);
                assertThat(RouterDriver.casesOf(all))
                        .as("cases from the outcomes")
                        .isEqualTo(oneRouter);

                // ... the case service holds those cases, and once its killed instance is back, both answer alike
                children.add(start.cases(childCasesPort));
                awaitReady(childCasesPort);
                Set<Set<String>> oneCaseService = OneInstance.openCases(records);
                awaitCasesHeld(idp, ports[1], oneCaseService);
                assertBothHoldCasesAndAnswerAlike(idp, ports);
                assertThat(casesHeld(idp, ports[0])).isEqualTo(oneCaseService);

                // ... and each case's facts were written once, by one facts instance or the other
                List<CaseFact> caseFacts = ReferralAnswers.read(
                        conn, naming.apply("rj.reporting.case-facts.v1"), CaseFact.class, Duration.ofSeconds(2));
                assertThat(caseFacts).isNotEmpty();
                assertThat(caseFacts.stream().map(CaseFact::getFactId).toList())
                        .as("no fact written twice")
                        .doesNotHaveDuplicates();
            }
        } finally {
            for (Process child : children) {
                child.destroy();
                child.waitFor();
            }
        }
    }

    /**
     * Both instances hold cases, and answer alike ({@link #assertSameAnswers}); retried while a rebalance that the
     * test does not control (e.g. Kafka Streams' probing rebalance) answers 503.
     */
    private void assertBothHoldCasesAndAnswerAlike(DevIdentityProvider idp, int[] ports) {
        Awaitility.await("both instances holding cases and answering alike")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(holders(idp, ports))
                            .as("cases held by each instance")
                            .containsOnlyKeys(0, 1);
                    assertSameAnswers(idp, ports);
                });
    }

    /**
     * Every question a reader asks (each list as a manager, a coordinator and a facilitator, each case's detail) gets
     * the same status and body from both instances.
     */
    private void assertSameAnswers(DevIdentityProvider idp, int[] ports) throws Exception {
        List<String> paths = new ArrayList<>(List.of("/cases?status=ALL", "/cases", "/business-lag"));
        for (JsonNode c : JSON.readTree(ok(idp, ports[0], "/cases?status=ALL", "MGR-01"))) {
            paths.add("/cases/" + c.path("caseId").asText());
        }
        for (String user : READERS) {
            for (String path : paths) {
                HttpResponse<String> first = get(idp, ports[0], path, user);
                HttpResponse<String> second = get(idp, ports[1], path, user);
                assertThat(List.of(second.statusCode(), withoutAges(path, second.body())))
                        .as("%s as %s", path, user)
                        .isEqualTo(List.of(first.statusCode(), withoutAges(path, first.body())));
                assertThat(first.statusCode())
                        .as("%s as %s: %s", path, user, first.body())
                        .isIn(200, 403);
            }
        }
    }

    /**
     * The county coordinator records an event on a case through each instance: accepted whichever instance holds
     * the case, and seen in the case from the other instance.
     */
    private void assertRecordedThroughEitherInstance(DevIdentityProvider idp, int[] ports) throws Exception {
        JsonNode list = JSON.readTree(ok(idp, ports[0], "/cases", "MGR-01"));
        for (int i = 0; i < 2; i++) {
            String caseId = list.get(i).path("caseId").asText();
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i] + "/cases/" + caseId + "/events"))
                            .header("Authorization", "Bearer " + idp.token(COORDINATOR))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"STAKEHOLDER_LIAISON\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            String eventId = JSON.readTree(r.body()).path("eventId").asText();
            int other = 1 - i;
            Awaitility.await(caseId + " liaison recorded")
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() ->
                            ok(idp, ports[other], "/cases/" + caseId, "MGR-01").contains(eventId));
        }
    }

    /** The business lag is an age, which grows between two asks: compare the queues it names. */
    private static String withoutAges(String path, String body) throws Exception {
        if (!path.equals("/business-lag")) {
            return body;
        }
        List<String> queues = new ArrayList<>();
        JSON.readTree(body).forEach(r -> queues.add(r.path("queue").asText()));
        return queues.toString();
    }

    /** How many cases each instance holds (by the partitions it answers for), via a forwarded-style local read. */
    private Map<Integer, Integer> holders(DevIdentityProvider idp, int[] ports) throws Exception {
        Map<Integer, Integer> held = new HashMap<>();
        for (int i = 0; i < ports.length; i++) {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[i] + "/cases?status=ALL"))
                            .header("Authorization", "Bearer " + idp.token("MGR-01"))
                            .header("RJ-Partitions", "")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            int n = JSON.readTree(r.body()).size();
            if (n > 0) {
                held.put(i, n);
            }
        }
        return held;
    }

    /** The multi-instance test's referrals: 40 synthetic incidents, every record valid. */
    static Batch batch() {
        return new AgencySimulator(20261205L, SimulatorConfig.defaults().cleanOnly()).generate(40);
    }

    /** Waits until the case service (asked at {@code port}) holds exactly {@code expected} as its open cases. */
    private void awaitCasesHeld(DevIdentityProvider idp, int port, Set<Set<String>> expected) {
        Awaitility.await("the case service holding one instance's cases")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(casesHeld(idp, port)).isEqualTo(expected));
    }

    /** The open cases the API lists to a manager, each as the set of its referrals ({@code AGENCY/referral id}). */
    private Set<Set<String>> casesHeld(DevIdentityProvider idp, int port) throws Exception {
        Set<Set<String>> cases = new HashSet<>();
        for (JsonNode c : JSON.readTree(ok(idp, port, "/cases", "MGR-01"))) {
            Set<String> referrals = new TreeSet<>();
            JSON.readTree(ok(idp, port, "/cases/" + c.path("caseId").asText(), "MGR-01"))
                    .path("referrals")
                    .forEach(r -> referrals.add(r.path("agency").asText() + "/"
                            + r.path("agencyReferralId").asText()));
            cases.add(referrals);
        }
        return cases;
    }

    private String ok(DevIdentityProvider idp, int port, String path, String user) throws Exception {
        HttpResponse<String> r = get(idp, port, path, user);
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
        return r.body();
    }

    private HttpResponse<String> get(DevIdentityProvider idp, int port, String path, String user) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + idp.token(user))
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady(int port) {
        Awaitility.await("instance on port " + port + " ready")
                .atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The first instance of each service, in this JVM: its own state folder, the application id and topics shared. */
    private record InProcess(UnaryOperator<String> naming, Path work) {

        Map<String, Object> settings(String service, Object... more) {
            Map<String, Object> settings = new HashMap<>();
            settings.put(
                    StreamsServiceConfig.STATE_DIR, work.resolve(service + "-a").toString());
            settings.put(StreamsServiceConfig.APPLICATION_ID, naming.apply(APPLICATION_IDS.get(service)));
            settings.put(StreamsServiceConfig.TOPIC_PREFIX, naming.apply(""));
            for (int i = 0; i < more.length; i += 2) {
                settings.put((String) more[i], more[i + 1]);
            }
            return settings;
        }
    }

    /** The second instance of each service, each a child process with its own state folder and port. */
    /** Each service's application id, as the access file grants it (then mapped into the test's namespace). */
    private static final Map<String, String> APPLICATION_IDS =
            Map.of("router", "rj-router", "cases", "rj-cases", "facts", "rj-reporting-facts");

    private record Children(
            TestStack stack, UnaryOperator<String> naming, Path work, DevIdentityProvider idp, String hmacKey) {

        Process router() throws Exception {
            return start(
                    RouterMain.class,
                    "router",
                    "ROUTER",
                    "router-b",
                    Map.of(
                            "RJ_ROUTER_APPLICATION_ID",
                            naming.apply(APPLICATION_IDS.get("router")),
                            "RJ_ROUTER_RJ_HTTP_PORT",
                            "-1"));
        }

        Process cases(int port) throws Exception {
            return start(
                    CasesMain.class,
                    "cases",
                    "CASES",
                    "cases-b",
                    Map.of(
                            "RJ_CASES_APPLICATION_ID",
                            naming.apply(APPLICATION_IDS.get("cases")),
                            "RJ_CASES_RJ_HTTP_PORT",
                            Integer.toString(port),
                            "RJ_CASES_NUM_STANDBY_REPLICAS",
                            "1",
                            "RJ_CASES_COMMIT_INTERVAL_MS",
                            "50",
                            "RJ_CASES_AUTH_ISSUER",
                            idp.issuer().toString(),
                            "RJ_CASES_AUTH_JWKS_URL",
                            idp.jwksUri().toString()));
        }

        Process facts() throws Exception {
            return start(
                    FactsMain.class,
                    "facts",
                    "FACTS",
                    "facts-b",
                    Map.of(
                            "RJ_FACTS_APPLICATION_ID",
                            naming.apply(APPLICATION_IDS.get("facts")),
                            "RJ_FACTS_RJ_HTTP_PORT",
                            "-1",
                            FactsConfig.ENV_HMAC_KEY,
                            hmacKey));
        }

        private Process start(Class<?> main, String principal, String service, String name, Map<String, String> env)
                throws Exception {
            KafkaConnection conn = stack.connection();
            ProcessBuilder pb = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    main.getName());
            String prefix = "RJ_" + service + "_";
            pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", conn.bootstrapServers());
            pb.environment().put("RJ_REGISTRY_URL", conn.registryUrl().toString());
            stack.clientConfigFile(principal)
                    .ifPresent(f -> pb.environment().put(KafkaConnection.ENV_CLIENT_CONFIG, f.toString()));
            pb.environment().put(prefix + "STATE_DIR", work.resolve(name).toString());
            pb.environment().put(prefix + "RJ_TOPIC_PREFIX", naming.apply(""));
            // a SIGKILLed member leaves the group when its session times out: the broker's minimum (6 s), not the
            // default 45 s, so the survivors take its partitions sooner; what is checked does not change
            pb.environment().put(prefix + "STREAMS_CONSUMER_SESSION_TIMEOUT_MS", "6000");
            pb.environment().put(prefix + "STREAMS_CONSUMER_HEARTBEAT_INTERVAL_MS", "1500");
            pb.environment().putAll(env);
            pb.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            work.resolve(name + ".log").toFile()));
            return pb.start();
        }
    }
}
