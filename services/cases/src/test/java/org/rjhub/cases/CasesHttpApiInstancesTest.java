package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CaseEventSender;
import org.rjhub.cases.api.CaseReader;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.stack.DevIdentityProvider;

/**
 * The API of two instances, each holding the cases of one partition: any instance answers for all, the same; the
 * instance holding a case decides on it, with the caller's own token; 503 with Retry-After while the holder is out
 * of reach.
 */
class CasesHttpApiInstancesTest {

    private static final Instant NOW = Instant.parse("2026-11-03T10:00:00Z");
    /** Held by the first instance (partition 0, queue harlow) and the second (partition 1, queue basildon). */
    private static final String HARLOW = CaseFixtures.CASE;

    private static final String BASILDON = "RJ-B";
    private static final Map<String, Integer> PARTITION = Map.of(HARLOW, 0, BASILDON, 1, "RJ-NONE", 1);

    private static DevIdentityProvider idp;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Half first = new Half(0);
    private final Half second = new Half(1);
    private CasesHttpApi firstApi;
    private CasesHttpApi secondApi;

    @BeforeAll
    static void startIdentityProvider() {
        idp = DevIdentityProvider.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        idp.close();
    }

    @BeforeEach
    void start() throws Exception {
        first.own.item(CaseFixtures.threeAgencyCase(CasesDriver.START));
        second.own.item(CaseFixtures.item(
                BASILDON,
                QueueItemType.NEW_CASE,
                CasesDriver.START.plusSeconds(60),
                List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-B"))));
        second.own.cases.get(BASILDON).queue = "basildon";
        firstApi = start(first);
        secondApi = start(second);
        first.other = new CaseReader.Instance("127.0.0.1", secondApi.port());
        second.other = new CaseReader.Instance("127.0.0.1", firstApi.port());
    }

    @AfterEach
    void stop() {
        firstApi.close();
        secondApi.close();
    }

    @Test
    void shouldAnswerEveryQuestionTheSameFromEitherInstance() throws Exception {
        List<String> paths = List.of(
                "/cases",
                "/cases?status=ALL",
                "/cases?queue=harlow",
                "/cases/" + HARLOW,
                "/cases/" + BASILDON,
                "/cases/RJ-NONE",
                "/business-lag");
        for (String user : List.of("MGR-01", "COORD-01", "COORD-WEST", "FAC-017")) {
            for (String path : paths) {
                HttpResponse<String> fromFirst = get(firstApi, path, user);
                HttpResponse<String> fromSecond = get(secondApi, path, user);

                assertThat(List.of(fromSecond.statusCode(), fromSecond.body()))
                        .as("%s as %s", path, user)
                        .isEqualTo(List.of(fromFirst.statusCode(), fromFirst.body()));
            }
        }
        assertThat(get(firstApi, "/cases", "MGR-01").body())
                .as("both instances' cases, oldest first")
                .containsSubsequence(HARLOW, BASILDON);
        assertThat(get(secondApi, "/cases", "COORD-WEST").body())
                .as("a coordinator's list holds only their queues'")
                .contains(HARLOW)
                .doesNotContain(BASILDON);
        assertThat(get(secondApi, "/cases/RJ-NONE", "MGR-01").statusCode()).isEqualTo(404);
        assertThat(get(secondApi, "/business-lag", "MGR-01").body())
                .contains("harlow")
                .contains("basildon");
    }

    @Test
    void shouldLetTheInstanceHoldingACaseAuthoriseTheCallerWithTheirOwnToken() throws Exception {
        assertThat(get(firstApi, "/cases/" + BASILDON, "FAC-017").statusCode())
                .as("a facilitator asking for a case not theirs, held by the other instance")
                .isEqualTo(403);
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(base(secondApi) + "/cases/" + BASILDON))
                                        .header("RJ-Partitions", "1")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("a request marked as forwarded, without a token")
                .isEqualTo(401);
        assertThat(post(firstApi, "/cases/" + HARLOW + "/events", "COORD-WEST", link(BASILDON))
                        .statusCode())
                .as("a link to a case on a queue the coordinator does not coordinate, held by the other instance")
                .isEqualTo(403);
        assertThat(first.own.sent).isEmpty();
    }

    @Test
    void shouldRecordAnEventThroughTheInstanceHoldingTheCase() throws Exception {
        HttpResponse<String> liaison =
                post(firstApi, "/cases/" + BASILDON + "/events", "COORD-01", "{\"type\": \"STAKEHOLDER_LIAISON\"}");
        HttpResponse<String> linked = post(secondApi, "/cases/" + HARLOW + "/events", "COORD-01", link(BASILDON));

        assertThat(liaison.statusCode()).as(liaison.body()).isEqualTo(202);
        assertThat(linked.statusCode()).as(linked.body()).isEqualTo(202);
        assertThat(second.own.sent)
                .singleElement()
                .satisfies(e -> assertThat(e.getEventType()).isEqualTo(CaseEventType.STAKEHOLDER_LIAISON));
        assertThat(first.own.sent)
                .singleElement()
                .satisfies(e -> assertThat(e.getEventType()).isEqualTo(CaseEventType.LINK_CONFIRMED));
        assertThat(get(firstApi, "/cases/" + BASILDON, "MGR-01").body())
                .as("recorded where the case is held, seen from the other instance")
                .contains("STAKEHOLDER_LIAISON");
    }

    @Test
    void shouldAnswer503WithRetryAfterRatherThanPartOfTheCasesWhenTheirHolderDoesNotAnswer() throws Exception {
        secondApi.close();

        HttpResponse<String> list = get(firstApi, "/cases", "MGR-01");
        HttpResponse<String> held = get(firstApi, "/cases/" + BASILDON, "MGR-01");

        assertThat(list.statusCode()).as(list.body()).isEqualTo(503);
        assertThat(list.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(held.statusCode()).isEqualTo(503);
        assertThat(held.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(get(firstApi, "/cases/" + HARLOW, "MGR-01").statusCode())
                .as("its own cases")
                .isEqualTo(200);
        assertThat(get(firstApi, "/cases/" + BASILDON, null).statusCode())
                .as("authenticated before anything is forwarded")
                .isEqualTo(401);
    }

    private static String link(String other) {
        return "{\"type\": \"LINK_CONFIRMED\", \"otherCaseId\": \"" + other + "\"}";
    }

    private static CasesHttpApi start(Half half) throws Exception {
        return CasesHttpApi.start(
                "127.0.0.1",
                0,
                new BearerTokens(
                        idp.issuer().toString(),
                        DevIdentityProvider.AUDIENCE,
                        BearerTokens.remoteKeys(idp.jwksUri().toURL())),
                half,
                half,
                CasesConfig.of(KafkaConnection.of("localhost:9092", "http://localhost:8080"), Map.of())
                        .serviceLevels(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String base(CasesHttpApi api) {
        return "http://127.0.0.1:" + api.port();
    }

    private HttpResponse<String> get(CasesHttpApi api, String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(api) + path));
        if (user != null) {
            request.header("Authorization", "Bearer " + idp.token(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(CasesHttpApi api, String path, String user, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base(api) + path))
                        .header("Authorization", "Bearer " + idp.token(user))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One of two instances: the cases of its partition, and where the other's are. */
    private static final class Half implements CaseReader, CaseEventSender {

        final InMemoryCases own = new InMemoryCases();
        final int partition;
        volatile Instance other;

        Half(int partition) {
            this.partition = partition;
        }

        private void requireHeld(int p) {
            if (p != partition) {
                throw new InvalidStateStoreException("partition " + p + " is not held here");
            }
        }

        @Override
        public Optional<CaseState> get(String caseId) {
            requireHeld(PARTITION.get(caseId));
            return own.get(caseId);
        }

        @Override
        public List<CaseState> all() {
            return own.all();
        }

        @Override
        public List<CaseState> all(Set<Integer> partitions) {
            partitions.forEach(this::requireHeld);
            return own.all();
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public Holder holderOf(String caseId) {
            int p = PARTITION.get(caseId);
            return new Holder(p == partition ? null : other, p);
        }

        @Override
        public List<Share> shares() {
            return List.of(new Share(null, Set.of(partition)), new Share(other, Set.of(1 - partition)));
        }

        @Override
        public void send(CaseEvent event) {
            own.send(event);
        }

        @Override
        public void note(org.rjhub.contracts.hub.CaseNote note) {
            own.note(note);
        }
    }
}
