package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;

/** The facilitators' API over the state machine: reads cases, refuses at once what does not fit, sends the rest. */
class CasesHttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-03T10:00:00Z");

    private final InMemoryCases state = new InMemoryCases();
    private final HttpClient http = HttpClient.newHttpClient();
    private CasesHttpApi api;

    @BeforeEach
    void start() {
        state.item(CaseFixtures.threeAgencyCase(CasesDriver.START));
        state.item(CaseFixtures.item("RJ-B", QueueItemType.NEW_CASE, CasesDriver.START.plusSeconds(60),
                List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-B"))));
        state.cases.get("RJ-B").queue = "basildon";
        api = CasesHttpApi.start(0, state, state, CasesConfig.of(KafkaConnection.of("localhost:9092",
                "http://localhost:8080"), Map.of()).serviceLevels(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldListTheOpenCasesOfAQueue() throws Exception {
        JsonNode all = get("/cases");
        JsonNode harlow = get("/cases?queue=harlow");

        assertThat(all).hasSize(2);
        assertThat(harlow).singleElement().satisfies(c -> {
            assertThat(c.path("caseId").asText()).isEqualTo(CaseFixtures.CASE);
            assertThat(c.path("stage").asText()).isEqualTo("REFERRED");
            assertThat(c.path("referrals").asInt()).isEqualTo(3);
            assertThat(c.path("parties").toString()).contains("VICTIM Imelda Quarrington");
        });
    }

    @Test
    void shouldRecordAnEventThatFitsAndSendIt() throws Exception {
        HttpResponse<String> r = post("/cases/" + CaseFixtures.CASE + "/events", "FAC-017",
                "{\"type\": \"CONTACT_MADE\", \"party\": \"VICTIM\", \"method\": \"PHONE\"}");

        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("SENT");
        assertThat(body.path("outcomes").toString()).contains("CONTACT_MADE");
        assertThat(state.sent).singleElement().satisfies(e -> {
            assertThat(e.getEventType()).isEqualTo(CaseEventType.CONTACT_MADE);
            assertThat(e.getPartyRole()).isEqualTo(PartyRole.VICTIM);
            assertThat(e.getActor()).isEqualTo("FAC-017");
            assertThat(e.getOccurredAt()).isEqualTo(NOW);
            assertThat(e.getEventId()).isEqualTo(body.path("eventId").asText());
        });
        assertThat(get("/cases/" + CaseFixtures.CASE).path("stage").asText()).isEqualTo("CONTACT");
    }

    @Test
    void shouldRefuseAtOnceWithTheRuleAndReasonAndSendNothing() throws Exception {
        HttpResponse<String> r = post("/cases/" + CaseFixtures.CASE + "/events", "FAC-017", "{\"type\": \"MEETING_HELD\"}");

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("rule").asText()).isEqualTo("MEETING_BEFORE_CONSENT");
        assertThat(body.path("reason").asText()).startsWith("the victim has not consented, the offender has not consented");
        assertThat(state.sent).isEmpty();
        assertThat(post("/cases/RJ-NOPE/events", "FAC-017", "{\"type\": \"STAKEHOLDER_LIAISON\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerARetryWithTheSameEventIdAsADuplicate() throws Exception {
        String body = "{\"eventId\": \"e-1\", \"type\": \"CONTACT_ATTEMPTED\", \"party\": \"OFFENDER\"}";
        post("/cases/" + CaseFixtures.CASE + "/events", "FAC-017", body);

        HttpResponse<String> retry = post("/cases/" + CaseFixtures.CASE + "/events", "FAC-017", body);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(state.sent).hasSize(1);
    }

    @Test
    void shouldRejectARequestWithoutActorOrWithAnUnknownValue() throws Exception {
        HttpResponse<String> noActor = post("/cases/" + CaseFixtures.CASE + "/events", null, "{\"type\": \"CONTACT_MADE\"}");
        HttpResponse<String> badParty = post("/cases/" + CaseFixtures.CASE + "/events", "FAC-017",
                "{\"type\": \"CONTACT_MADE\", \"party\": \"WITNESS\"}");
        HttpResponse<String> notJson = post("/cases/" + CaseFixtures.CASE + "/events", "FAC-017", "{type");

        assertThat(noActor.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(noActor.body()).path("error").asText()).contains("X-Actor");
        assertThat(badParty.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badParty.body()).path("error").asText()).startsWith("party must be one of [VICTIM, OFFENDER, OTHER_PARTY]");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(state.sent).isEmpty();
    }

    @Test
    void shouldShowACaseWithItsHistoryAndTimersAndAssignIt() throws Exception {
        post("/cases/" + CaseFixtures.CASE + "/events", "COORD-01",
                "{\"type\": \"RISK_ASSESSED\", \"stage\": \"INITIAL\", \"suitable\": true}");
        HttpResponse<String> assigned = post("/cases/" + CaseFixtures.CASE + "/assign", "COORD-01",
                "{\"facilitator\": \"FAC-017\"}");

        assertThat(assigned.statusCode()).isEqualTo(202);
        JsonNode c = get("/cases/" + CaseFixtures.CASE);
        assertThat(c.path("facilitator").asText()).isEqualTo("FAC-017");
        assertThat(c.path("stage").asText()).isEqualTo("ALLOCATED");
        assertThat(c.path("history")).hasSize(2);
        assertThat(c.path("timers").toString()).contains("NO_FIRST_CONTACT", "NO_PROGRESS");
        assertThat(get("/cases?facilitator=FAC-017")).hasSize(1);
        assertThat(http.send(HttpRequest.newBuilder(uri("/cases/RJ-NOPE")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String path, String actor, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (actor != null) {
            b.header(CasesHttpApi.ACTOR_HEADER, actor);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + api.port() + path);
    }
}
