package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.api.EventRequest;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.stack.DevIdentityProvider;

/** The facilitators' API over the state machine: reads cases, refuses at once what does not fit, sends the rest. */
class CasesHttpApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-03T10:00:00Z");
    private static final String EVENTS = "/cases/" + CaseFixtures.CASE + "/events";

    private static DevIdentityProvider idp;
    private final InMemoryCases state = new InMemoryCases();
    private final HttpClient http = HttpClient.newHttpClient();
    private CasesHttpApi api;

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
        state.item(CaseFixtures.threeAgencyCase(CasesDriver.START));
        state.item(CaseFixtures.item(
                "RJ-B",
                QueueItemType.NEW_CASE,
                CasesDriver.START.plusSeconds(60),
                List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-B"))));
        state.cases.get("RJ-B").queue = "basildon";
        api = CasesHttpApi.start(
                "127.0.0.1",
                0,
                new BearerTokens(
                        idp.issuer().toString(),
                        DevIdentityProvider.AUDIENCE,
                        BearerTokens.remoteKeys(idp.jwksUri().toURL())),
                state,
                state,
                CasesConfig.of(KafkaConnection.of("localhost:9092", "http://localhost:8080"), Map.of())
                        .serviceLevels(),
                Clock.fixed(NOW, ZoneOffset.UTC));
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
    void shouldSayWhatNeedsAttentionInTheListAndWhichStepsTheCaseAllows() throws Exception {
        JsonNode harlow = get("/cases?queue=harlow").get(0);
        JsonNode steps = get("/cases/" + CaseFixtures.CASE).path("steps");

        assertThat(harlow.path("status").asText()).isEqualTo("OPEN");
        assertThat(harlow.path("flags").isArray()).isTrue();
        assertThat(harlow.path("overdueActions").asInt()).isZero();
        assertThat(harlow.path("nextDueAt").asText()).as("first contact due").isNotEmpty();
        assertThat(steps.toString())
                .contains("{\"type\":\"CONTACT_MADE\",\"party\":\"VICTIM\",\"option\":null,\"allowed\":true")
                .contains("{\"type\":\"ASSIGNED\",\"party\":null,\"option\":null,\"allowed\":false,"
                        + "\"rule\":\"NO_INITIAL_RISK_ASSESSMENT\"");
        assertThat(state.sent).as("showing the steps records nothing").isEmpty();
    }

    @Test
    void shouldRecordAnEventThatFitsAndSendIt() throws Exception {
        HttpResponse<String> r = post(
                "/cases/" + CaseFixtures.CASE + "/events",
                "COORD-01",
                "{\"type\": \"CONTACT_MADE\", \"party\": \"VICTIM\", \"method\": \"PHONE\"}");

        assertThat(r.statusCode()).isEqualTo(202);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).isEqualTo("SENT");
        assertThat(body.path("outcomes").toString()).contains("CONTACT_MADE");
        assertThat(state.sent).singleElement().satisfies(e -> {
            assertThat(e.getEventType()).isEqualTo(CaseEventType.CONTACT_MADE);
            assertThat(e.getPartyRole()).isEqualTo(PartyRole.VICTIM);
            assertThat(e.getActor()).isEqualTo("COORD-01");
            assertThat(e.getOccurredAt()).isEqualTo(NOW);
            assertThat(e.getEventId()).isEqualTo(body.path("eventId").asText());
        });
        assertThat(get("/cases/" + CaseFixtures.CASE).path("stage").asText()).isEqualTo("CONTACT");
    }

    @Test
    void shouldWriteANoteApartFromTheCaseEventsAndShowItWithTheCase() throws Exception {
        String notes = "/cases/" + CaseFixtures.CASE + "/notes";
        HttpResponse<String> r = post(
                notes, "COORD-01", "{\"noteId\": \"n-1\", \"text\": \"  Victim <b>prefers</b> calls after 6pm \"}");
        HttpResponse<String> again =
                post(notes, "COORD-01", "{\"noteId\": \"n-1\", \"text\": \"Victim <b>prefers</b> calls after 6pm\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(JSON.readTree(r.body()).path("status").asText()).isEqualTo("SENT");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(state.sent).as("a note is not a case event").isEmpty();
        assertThat(state.notes).singleElement().satisfies(n -> {
            assertThat(n.getNoteId()).isEqualTo("n-1");
            assertThat(n.getAuthor()).isEqualTo("COORD-01");
            assertThat(n.getText()).isEqualTo("Victim <b>prefers</b> calls after 6pm");
            assertThat(n.getWrittenAt()).isEqualTo(NOW);
        });
        JsonNode shown = get("/cases/" + CaseFixtures.CASE).path("notes");
        assertThat(shown).singleElement().satisfies(n -> {
            assertThat(n.path("author").asText()).isEqualTo("COORD-01");
            assertThat(n.path("text").asText()).isEqualTo("Victim <b>prefers</b> calls after 6pm");
        });
    }

    @Test
    void shouldRefuseAMissingBlankOrOverlongNoteNamingTheText() throws Exception {
        String notes = "/cases/" + CaseFixtures.CASE + "/notes";
        for (String body : List.of(
                "{}",
                "{\"text\": \"   \"}",
                "{\"text\": \"" + "x".repeat(2001) + "\"}",
                "{\"text\": \"ok\", \"noteId\": \"no spaces allowed\"}",
                "{\"text\": \"ok\", \"caseId\": \"RJ-B\"}")) {
            HttpResponse<String> r = post(notes, "COORD-01", body);

            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(r.body()).path("field").asText()).isIn("text", "noteId", "caseId");
        }
        assertThat(state.notes).isEmpty();
    }

    @Test
    void shouldRefuseAtOnceWithTheRuleAndReasonAndSendNothing() throws Exception {
        HttpResponse<String> r =
                post("/cases/" + CaseFixtures.CASE + "/events", "COORD-01", "{\"type\": \"MEETING_HELD\"}");

        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("rule").asText()).isEqualTo("MEETING_BEFORE_CONSENT");
        assertThat(body.path("reason").asText())
                .startsWith("the victim has not consented, the offender has not consented");
        assertThat(state.sent).isEmpty();
        assertThat(post("/cases/RJ-NOPE/events", "COORD-01", "{\"type\": \"STAKEHOLDER_LIAISON\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAnswerARetryWithTheSameEventIdAsADuplicate() throws Exception {
        String body = "{\"eventId\": \"e-1\", \"type\": \"CONTACT_ATTEMPTED\", \"party\": \"OFFENDER\"}";
        post("/cases/" + CaseFixtures.CASE + "/events", "COORD-01", body);

        HttpResponse<String> retry = post("/cases/" + CaseFixtures.CASE + "/events", "COORD-01", body);

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retry.body()).path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(state.sent).hasSize(1);
    }

    @Test
    void shouldRejectARequestWithoutATokenOrWithAnUnknownValue() throws Exception {
        HttpResponse<String> noActor =
                post("/cases/" + CaseFixtures.CASE + "/events", null, "{\"type\": \"CONTACT_MADE\"}");
        HttpResponse<String> badParty = post(
                "/cases/" + CaseFixtures.CASE + "/events",
                "COORD-01",
                "{\"type\": \"CONTACT_MADE\", \"party\": \"WITNESS\"}");
        HttpResponse<String> notJson = post("/cases/" + CaseFixtures.CASE + "/events", "COORD-01", "{type");

        assertThat(noActor.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(noActor.body()).path("error").asText()).contains("bearer token");
        assertThat(badParty.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badParty.body()).path("error").asText())
                .startsWith("party must be one of [VICTIM, OFFENDER, OTHER_PARTY]");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(state.sent).isEmpty();
    }

    @Test
    void shouldShowACaseWithItsHistoryAndTimersAndAssignIt() throws Exception {
        post(
                "/cases/" + CaseFixtures.CASE + "/events",
                "COORD-01",
                "{\"type\": \"RISK_ASSESSED\", \"stage\": \"INITIAL\", \"suitable\": true}");
        HttpResponse<String> assigned =
                post("/cases/" + CaseFixtures.CASE + "/assign", "COORD-01", "{\"facilitator\": \"FAC-017\"}");

        assertThat(assigned.statusCode()).isEqualTo(202);
        JsonNode c = get("/cases/" + CaseFixtures.CASE);
        assertThat(c.path("facilitator").asText()).isEqualTo("FAC-017");
        assertThat(c.path("stage").asText()).isEqualTo("ALLOCATED");
        assertThat(c.path("history")).hasSize(2);
        assertThat(c.path("timers").toString()).contains("NO_FIRST_CONTACT", "NO_PROGRESS");
        assertThat(get("/cases?facilitator=FAC-017")).hasSize(1);
        assertThat(http.send(
                                HttpRequest.newBuilder(uri("/cases/RJ-NOPE"))
                                        .header("Authorization", "Bearer " + idp.token("MGR-01"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldRefuseABodyOverTheLimitWithAProblemBody() throws Exception {
        String huge =
                "{\"type\": \"STAKEHOLDER_LIAISON\", \"eventId\": \"" + "x".repeat(CasesHttpApi.MAX_BODY_BYTES) + "\"}";

        HttpResponse<String> r = post(EVENTS, "COORD-01", huge);

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(JSON.readTree(r.body()).path("status").asInt()).isEqualTo(413);
        assertThat(JSON.readTree(r.body()).path("detail").asText())
                .contains(Integer.toString(CasesHttpApi.MAX_BODY_BYTES));
        assertThat(state.sent).isEmpty();
    }

    @Test
    void shouldRefuseUnknownFieldsNamingThem() throws Exception {
        JsonNode top = refused(post(
                EVENTS, "COORD-01", "{\"type\": \"CONTACT_MADE\", \"party\": \"VICTIM\", \"partyName\": \"Imelda\"}"));
        JsonNode nested = refused(post(
                EVENTS,
                "COORD-01",
                "{\"type\": \"AGREEMENT_RECORDED\", \"actions\": [{\"actionId\": "
                        + "\"A1\", \"owedBy\": \"OFFENDER\", \"dueDate\": \"2026-12-01\", \"amount\": 50}]}"));
        JsonNode assign = refused(post(
                "/cases/" + CaseFixtures.CASE + "/assign",
                "COORD-01",
                "{\"facilitator\": \"FAC-017\", \"priority\": \"HIGH\"}"));

        assertThat(top.path("field").asText()).isEqualTo("partyName");
        assertThat(top.path("detail").asText()).contains("partyName");
        assertThat(nested.path("field").asText()).isEqualTo("actions[0].amount");
        assertThat(assign.path("field").asText()).isEqualTo("priority");
        assertThat(state.sent).isEmpty();
    }

    @Test
    void shouldRefuseImpossibleAndOutOfRangeDatesNamingTheField() throws Exception {
        String agreement = "{\"type\": \"AGREEMENT_RECORDED\", \"actions\": [{\"actionId\": \"A1\", \"owedBy\": "
                + "\"OFFENDER\", \"dueDate\": \"%s\"}]}";

        JsonNode notADay = refused(post(EVENTS, "COORD-01", agreement.formatted("2026-02-30")));
        JsonNode tooLate = refused(post(EVENTS, "COORD-01", agreement.formatted("2031-01-01")));
        JsonNode notAnInstant = refused(post(
                EVENTS, "COORD-01", "{\"type\": \"STAKEHOLDER_LIAISON\", \"occurredAt\": \"2026-13-01T10:00:00Z\"}"));
        JsonNode farYear = refused(post(
                EVENTS,
                "COORD-01",
                "{\"type\": \"STAKEHOLDER_LIAISON\", \"occurredAt\": \"+999999-01-01T00:00:00Z\"}"));

        assertThat(notADay.path("field").asText()).isEqualTo("actions[0].dueDate");
        assertThat(tooLate.path("field").asText()).isEqualTo("actions[0].dueDate");
        assertThat(tooLate.path("detail").asText()).contains("2029-11-03");
        assertThat(notAnInstant.path("field").asText()).isEqualTo("occurredAt");
        assertThat(farYear.path("field").asText()).isEqualTo("occurredAt");
        assertThat(state.sent).isEmpty();
    }

    @Test
    void shouldRefuseAnOccurredAtFarInTheFutureOrPastButTakeASmallClockDifference() throws Exception {
        String event = "{\"type\": \"STAKEHOLDER_LIAISON\", \"occurredAt\": \"%s\"}";

        JsonNode future = refused(post(EVENTS, "COORD-01", event.formatted(NOW.plus(Duration.ofDays(1)))));
        JsonNode past = refused(post(EVENTS, "COORD-01", event.formatted(NOW.minus(Duration.ofDays(400)))));
        HttpResponse<String> skewed = post(EVENTS, "COORD-01", event.formatted(NOW.plus(Duration.ofMinutes(2))));
        HttpResponse<String> lastMonth = post(EVENTS, "COORD-01", event.formatted(NOW.minus(Duration.ofDays(30))));

        assertThat(future.path("field").asText()).isEqualTo("occurredAt");
        assertThat(future.path("detail").asText()).contains("ahead of the hub's clock");
        assertThat(past.path("field").asText()).isEqualTo("occurredAt");
        assertThat(skewed.statusCode()).isEqualTo(202);
        assertThat(lastMonth.statusCode()).isEqualTo(202);
        assertThat(state.sent)
                .extracting(e -> e.getOccurredAt())
                .containsExactly(NOW.plus(Duration.ofMinutes(2)), NOW.minus(Duration.ofDays(30)));
    }

    @Test
    void shouldRefuseOverlongValuesAndTooManyItemsWithoutEchoingThem() throws Exception {
        String longType = "Q".repeat(20_000);
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i <= EventRequest.MAX_ACTIONS; i++) {
            actions.append(i == 0 ? "" : ", ")
                    .append("{\"actionId\": \"A")
                    .append(i)
                    .append("\", \"owedBy\": \"OFFENDER\", \"dueDate\": \"2026-12-01\"}");
        }

        HttpResponse<String> typeResponse = post(EVENTS, "COORD-01", "{\"type\": \"" + longType + "\"}");
        JsonNode type = refused(typeResponse);
        JsonNode eventId = refused(post(
                EVENTS,
                "COORD-01",
                "{\"eventId\": \"" + "e".repeat(EventRequest.MAX_TEXT + 1) + "\", \"type\": \"STAKEHOLDER_LIAISON\"}"));
        JsonNode tooMany =
                refused(post(EVENTS, "COORD-01", "{\"type\": \"AGREEMENT_RECORDED\", \"actions\": [" + actions + "]}"));
        JsonNode attendees = refused(post(EVENTS, "COORD-01", "{\"type\": \"MEETING_HELD\", \"attendees\": -3}"));
        JsonNode control =
                refused(post(EVENTS, "COORD-01", "{\"type\": \"ACTION_COMPLETED\", \"actionId\": \"A\\u0000\"}"));

        assertThat(type.path("field").asText()).isEqualTo("type");
        assertThat(typeResponse.body()).hasSizeLessThan(1_000);
        assertThat(eventId.path("field").asText()).isEqualTo("eventId");
        assertThat(tooMany.path("field").asText()).isEqualTo("actions");
        assertThat(attendees.path("field").asText()).isEqualTo("attendees");
        assertThat(control.path("field").asText()).isEqualTo("actionId");
        assertThat(state.sent).isEmpty();
    }

    @Test
    void shouldRefuseRepeatedFieldsTrailingContentAndNullItems() throws Exception {
        JsonNode repeated = refused(post(
                EVENTS,
                "COORD-01",
                "{\"type\": \"STAKEHOLDER_LIAISON\", \"type\": \"CASE_CLOSED\", \"reason\": \"DECLINED\"}"));
        JsonNode trailing =
                refused(post(EVENTS, "COORD-01", "{\"type\": \"STAKEHOLDER_LIAISON\"} {\"type\": \"CASE_CLOSED\"}"));
        JsonNode nullAction =
                refused(post(EVENTS, "COORD-01", "{\"type\": \"AGREEMENT_RECORDED\", \"actions\": [null]}"));
        JsonNode empty = refused(post(EVENTS, "COORD-01", ""));

        assertThat(repeated.path("field").asText()).isEqualTo("type");
        assertThat(trailing.path("detail").asText()).startsWith("the body is not the JSON expected");
        assertThat(nullAction.path("field").asText()).isEqualTo("actions[0]");
        assertThat(empty.path("status").asInt()).isEqualTo(400);
        assertThat(state.sent).isEmpty();
    }

    /** The problem body of a 400, checked to be one. */
    private static JsonNode refused(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asInt()).isEqualTo(400);
        assertThat(body.path("title").asText()).isEqualTo("Bad Request");
        assertThat(body.path("error").asText())
                .isEqualTo(body.path("detail").asText())
                .isNotBlank();
        return body;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", "Bearer " + idp.token("MGR-01"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** POSTs as the development user {@code user} (with their token), or without a token when null. */
    private HttpResponse<String> post(String path, String user, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Bearer " + idp.token(user));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
