package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rjhub.cases.api.BearerTokens;
import org.rjhub.cases.api.CasesHttpApi;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.cases.lifecycle.CaseStateMachine;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.RiskAssessmentStage;
import org.rjhub.contracts.hub.RiskLevel;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.stack.DevIdentityProvider;

/**
 * Who may do what on the case API, at HTTP level with real tokens from the development identity provider: every role
 * against every endpoint, on a case of their own, of a colleague's, of their queue and of another queue. The expected
 * answers are written out by hand below, not derived from the API's rules, so that a change of the rules fails here.
 *
 * <p>The cases (synthetic): RJ-H1 on the harlow queue, assigned to FAC-017; RJ-H2 on harlow, not assigned yet (its
 * initial risk assessment done); RJ-B1 on basildon, assigned to FAC-021. The users: facilitators FAC-017 and FAC-021,
 * COORD-WEST (coordinator of harlow, epping-forest, uttlesford), COORD-01 (coordinator of every queue), MGR-01
 * (manager), NOROLE (a valid token with no role of the API) and NONE (no token at all).
 */
class CaseApiAccessMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = CasesDriver.START.plus(Duration.ofDays(2));

    /** The bodies the rows post, by short name. */
    private static final Map<String, String> BODIES = Map.of(
            "LIAISON", "{\"type\": \"STAKEHOLDER_LIAISON\"}",
            "ASSIGN_FAC021", "{\"facilitator\": \"FAC-021\"}",
            "REASSIGN_FAC033", "{\"type\": \"ASSIGNED\", \"facilitator\": \"FAC-033\"}",
            "LINK_H2", "{\"type\": \"LINK_CONFIRMED\", \"otherCaseId\": \"RJ-H2\"}",
            "APART_B1", "{\"type\": \"KEEP_APART\", \"otherCaseId\": \"RJ-B1\"}",
            "CLOSE", "{\"type\": \"CASE_CLOSED\", \"reason\": \"NO_CONTACT\"}",
            "NOTE", "{\"text\": \"Victim prefers calls after 6pm\"}");

    /**
     * The matrix: user, request (method, path, body name or -), the status expected and, for a list, the cases in it.
     */
    private static final String MATRIX = """
            NONE       GET  /cases/RJ-H1                 -                401
            NONE       GET  /cases/RJ-B1                 -                401
            NONE       GET  /cases/RJ-H2                 -                401
            NONE       POST /cases/RJ-H1/events          LIAISON          401
            NONE       POST /cases/RJ-H2/assign          ASSIGN_FAC021    401
            NONE       POST /cases/RJ-H1/events          LINK_H2          401
            NONE       POST /cases/RJ-B1/events          CLOSE            401
            NONE       POST /cases/RJ-H1/notes           NOTE             401
            NONE       GET  /cases                       -                401
            NONE       GET  /health/live                 -                200
            NONE       GET  /health/ready                -                200
            NONE       GET  /metrics                     -                200
            NONE       GET  /business-lag                -                200

            NOROLE     GET  /cases/RJ-H1                 -                403
            NOROLE     GET  /cases/RJ-H2                 -                403
            NOROLE     POST /cases/RJ-H1/events          LIAISON          403
            NOROLE     POST /cases/RJ-H2/assign          ASSIGN_FAC021    403
            NOROLE     POST /cases/RJ-H1/notes           NOTE             403
            NOROLE     GET  /cases                       -                403

            FAC-017    GET  /cases/RJ-H1                 -                200
            FAC-017    GET  /cases/RJ-B1                 -                403
            FAC-017    GET  /cases/RJ-H2                 -                403
            FAC-017    POST /cases/RJ-H1/events          LIAISON          202
            FAC-017    POST /cases/RJ-B1/events          LIAISON          403
            FAC-017    POST /cases/RJ-H2/events          LIAISON          403
            FAC-017    POST /cases/RJ-H2/assign          ASSIGN_FAC021    403
            FAC-017    POST /cases/RJ-H1/events          REASSIGN_FAC033  403
            FAC-017    POST /cases/RJ-H1/events          LINK_H2          403
            FAC-017    POST /cases/RJ-H1/events          APART_B1         403
            FAC-017    POST /cases/RJ-B1/events          CLOSE            403
            FAC-017    POST /cases/RJ-H1/events          CLOSE            202
            FAC-017    POST /cases/RJ-H1/notes           NOTE             202
            FAC-017    POST /cases/RJ-B1/notes           NOTE             403
            FAC-017    POST /cases/RJ-H2/notes           NOTE             403
            FAC-017    POST /cases/RJ-NOPE/notes         NOTE             404
            FAC-017    GET  /cases                       -                200  RJ-H1
            FAC-017    GET  /cases?facilitator=FAC-017   -                200  RJ-H1
            FAC-017    GET  /cases?facilitator=FAC-021   -                403
            FAC-017    GET  /cases?queue=basildon        -                200
            FAC-017    GET  /cases?queue=harlow          -                200  RJ-H1

            FAC-021    GET  /cases/RJ-H1                 -                403
            FAC-021    GET  /cases/RJ-B1                 -                200
            FAC-021    GET  /cases/RJ-H2                 -                403
            FAC-021    POST /cases/RJ-H1/events          LIAISON          403
            FAC-021    POST /cases/RJ-B1/events          LIAISON          202
            FAC-021    POST /cases/RJ-H2/assign          ASSIGN_FAC021    403
            FAC-021    POST /cases/RJ-B1/events          CLOSE            202
            FAC-021    POST /cases/RJ-H1/events          CLOSE            403
            FAC-021    POST /cases/RJ-H1/notes           NOTE             403
            FAC-021    POST /cases/RJ-B1/notes           NOTE             202
            FAC-021    GET  /cases                       -                200  RJ-B1
            FAC-021    GET  /cases?facilitator=FAC-021   -                200  RJ-B1

            COORD-WEST GET  /cases/RJ-H1                 -                200
            COORD-WEST GET  /cases/RJ-B1                 -                403
            COORD-WEST GET  /cases/RJ-H2                 -                200
            COORD-WEST POST /cases/RJ-H1/events          LIAISON          202
            COORD-WEST POST /cases/RJ-B1/events          LIAISON          403
            COORD-WEST POST /cases/RJ-H2/events          LIAISON          202
            COORD-WEST POST /cases/RJ-H2/assign          ASSIGN_FAC021    202
            COORD-WEST POST /cases/RJ-H1/events          REASSIGN_FAC033  202
            COORD-WEST POST /cases/RJ-H1/events          LINK_H2          202
            COORD-WEST POST /cases/RJ-H1/events          APART_B1         403
            COORD-WEST POST /cases/RJ-B1/events          CLOSE            403
            COORD-WEST POST /cases/RJ-H1/events          CLOSE            202
            COORD-WEST POST /cases/RJ-H1/notes           NOTE             202
            COORD-WEST POST /cases/RJ-H2/notes           NOTE             202
            COORD-WEST POST /cases/RJ-B1/notes           NOTE             403
            COORD-WEST GET  /cases                       -                200  RJ-H1 RJ-H2
            COORD-WEST GET  /cases?facilitator=FAC-021   -                200
            COORD-WEST GET  /cases?queue=harlow          -                200  RJ-H1 RJ-H2
            COORD-WEST GET  /cases?queue=basildon        -                403

            COORD-01   GET  /cases/RJ-H1                 -                200
            COORD-01   GET  /cases/RJ-B1                 -                200
            COORD-01   GET  /cases/RJ-H2                 -                200
            COORD-01   POST /cases/RJ-H1/events          LIAISON          202
            COORD-01   POST /cases/RJ-B1/events          LIAISON          202
            COORD-01   POST /cases/RJ-H2/events          LIAISON          202
            COORD-01   POST /cases/RJ-H2/assign          ASSIGN_FAC021    202
            COORD-01   POST /cases/RJ-H1/events          REASSIGN_FAC033  202
            COORD-01   POST /cases/RJ-H1/events          LINK_H2          202
            COORD-01   POST /cases/RJ-H1/events          APART_B1         202
            COORD-01   POST /cases/RJ-B1/events          CLOSE            202
            COORD-01   POST /cases/RJ-B1/notes           NOTE             202
            COORD-01   GET  /cases                       -                200  RJ-B1 RJ-H1 RJ-H2
            COORD-01   GET  /cases?facilitator=FAC-021   -                200  RJ-B1
            COORD-01   GET  /cases?queue=basildon        -                200  RJ-B1

            MGR-01     GET  /cases/RJ-H1                 -                200
            MGR-01     GET  /cases/RJ-B1                 -                200
            MGR-01     GET  /cases/RJ-H2                 -                200
            MGR-01     GET  /cases/RJ-NOPE               -                404
            MGR-01     POST /cases/RJ-H1/events          LIAISON          403
            MGR-01     POST /cases/RJ-B1/events          LIAISON          403
            MGR-01     POST /cases/RJ-H2/assign          ASSIGN_FAC021    403
            MGR-01     POST /cases/RJ-H1/events          LINK_H2          403
            MGR-01     POST /cases/RJ-B1/events          CLOSE            403
            MGR-01     POST /cases/RJ-H1/notes           NOTE             403
            MGR-01     POST /cases/RJ-B1/notes           NOTE             403
            MGR-01     GET  /cases                       -                200  RJ-B1 RJ-H1 RJ-H2
            MGR-01     GET  /cases?facilitator=FAC-021   -                200  RJ-B1
            MGR-01     GET  /cases?queue=basildon        -                200  RJ-B1
            """;

    private static DevIdentityProvider idp;
    private static CasesHttpApi api;
    private static final InMemoryCases STATE = new InMemoryCases();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        idp = DevIdentityProvider.start();
        api = CasesHttpApi.start(
                "127.0.0.1",
                0,
                new BearerTokens(
                        idp.issuer().toString(),
                        DevIdentityProvider.AUDIENCE,
                        BearerTokens.remoteKeys(idp.jwksUri().toURL())),
                STATE,
                STATE,
                CasesConfig.of(KafkaConnection.of("localhost:9092", "http://localhost:8080"), Map.of())
                        .serviceLevels(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterAll
    static void stop() {
        api.close();
        idp.close();
    }

    /** The three cases as the class comment says, afresh for each row. */
    @BeforeEach
    void cases() {
        STATE.cases.clear();
        STATE.sent.clear();
        STATE.notes.clear();
        Instant at = CasesDriver.START;
        for (String id : List.of("RJ-H1", "RJ-H2", "RJ-B1")) {
            STATE.item(CaseFixtures.item(
                    id, QueueItemType.NEW_CASE, at, List.of(CaseFixtures.ref(SourceAgency.POLICE, "PR-" + id))));
            apply(CaseEvents.on(id, "COORD-01")
                    .riskAssessed(at.plusSeconds(60), RiskAssessmentStage.INITIAL, RiskLevel.LOW, true, null));
        }
        STATE.cases.get("RJ-B1").queue = "basildon";
        apply(CaseEvents.on("RJ-H1", "COORD-01").assigned(at.plusSeconds(120), "FAC-017"));
        apply(CaseEvents.on("RJ-B1", "COORD-01").assigned(at.plusSeconds(120), "FAC-021"));
    }

    private static void apply(CaseEvent event) {
        STATE.cases.put(
                event.getCaseId(),
                CaseStateMachine.apply(STATE.cases.get(event.getCaseId()), event)
                        .state());
    }

    static Stream<Arguments> matrix() {
        return MATRIX.lines().map(String::trim).filter(l -> !l.isEmpty()).map(l -> {
            String[] f = l.split("\\s+");
            List<String> listed = Arrays.asList(f).subList(5, f.length);
            return Arguments.of(f[0], f[1], f[2], f[3], Integer.parseInt(f[4]), listed);
        });
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} -> {4} {5}")
    @MethodSource("matrix")
    void shouldAnswerEachRoleAsTheMatrixSays(
            String user, String method, String path, String body, int expected, List<String> listed) throws Exception {
        HttpResponse<String> r = send(user, method, path, body);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        if (expected == 401) {
            assertThat(r.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
        }
        if (expected / 100 != 2 || !method.equals("POST")) {
            assertThat(STATE.sent).as("nothing sent").isEmpty();
            assertThat(STATE.notes).as("no note sent").isEmpty();
        } else if (path.endsWith("/notes")) {
            assertThat(STATE.sent).as("a note is no case event").isEmpty();
            assertThat(STATE.notes).singleElement().satisfies(n -> {
                assertThat(n.getAuthor()).isEqualTo(user);
                assertThat(n.getText()).isEqualTo("Victim prefers calls after 6pm");
            });
        } else {
            assertThat(STATE.sent)
                    .singleElement()
                    .satisfies(e -> assertThat(e.getActor()).isEqualTo(user));
        }
        if (expected == 200 && path.startsWith("/cases") && !path.startsWith("/cases/")) {
            List<String> ids = new ArrayList<>();
            JSON.readTree(r.body()).forEach(c -> ids.add(c.path("caseId").asText()));
            assertThat(ids).containsExactlyInAnyOrderElementsOf(listed);
        }
    }

    @ParameterizedTest(name = "{0} sees the contact details of RJ-H1: {1}")
    @org.junit.jupiter.params.provider.CsvSource({
        "FAC-017, 200, true", // the case's facilitator
        "COORD-WEST, 200, true", // its queue's coordinator
        "COORD-01, 200, true",
        "MGR-01, 200, false", // a manager reads the case, never its contact details
        "FAC-021, 403, false" // another facilitator: not the case at all
    })
    void shouldShowContactDetailsOnlyToTheCasesFacilitatorAndItsCoordinators(String user, int status, boolean shown)
            throws Exception {
        STATE.cases
                .get("RJ-H1")
                .contacts
                .put(
                        "POLICE:PR-RJ-H1",
                        org.rjhub.cases.contacts.StoredContacts.inClear(new org.rjhub.cases.contacts.ReferralContacts(
                                new org.rjhub.cases.lifecycle.CaseState.Ref(SourceAgency.POLICE, "PR-RJ-H1"),
                                List.of(new org.rjhub.cases.contacts.ReferralContacts.PartyContact(
                                        org.rjhub.contracts.hub.PartyRole.VICTIM,
                                        "Imelda",
                                        "Quarrington",
                                        "PHONE",
                                        "07700 900002",
                                        null,
                                        "1 Test Road, Harlow, CM20 1AB")),
                                new org.rjhub.cases.contacts.ReferralContacts.Practitioner(
                                        "Om Example", "Harlow PDU", "om@probation.example"))));

        HttpResponse<String> r = send(user, "GET", "/cases/RJ-H1", "-");

        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.body().contains("07700 900002")).isEqualTo(shown);
        assertThat(r.body().contains("om@probation.example")).isEqualTo(shown);
        if (status == 200) {
            assertThat(JSON.readTree(r.body()).has("contacts")).isEqualTo(shown);
        }
        assertThat(send(user, "GET", "/cases", "-").body())
                .as("lists never carry contact details")
                .doesNotContain("07700 900002");
    }

    @Test
    void shouldTakeTheActorFromTheTokenAndIgnoreAnXActorHeader() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(uri("/cases/RJ-H1/events"))
                        .header("Authorization", "Bearer " + idp.token("FAC-017"))
                        .header("X-Actor", "COORD-01")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(BODIES.get("LIAISON")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(STATE.sent)
                .singleElement()
                .satisfies(e -> assertThat(e.getActor()).isEqualTo("FAC-017"));
        assertThat(send("FAC-017", "POST", "/cases/RJ-B1/events", "LIAISON").statusCode())
                .as("an X-Actor header opens no other case")
                .isEqualTo(403);
    }

    /** Tokens that must not open a case a manager's valid token opens. */
    static Stream<Arguments> badTokens() throws Exception {
        DevIdentityProvider.DevUser manager = DevIdentityProvider.seededUsers().stream()
                .filter(u -> u.subject().equals("MGR-01"))
                .findFirst()
                .orElseThrow();
        Instant now = Instant.now();
        JWTClaimsSet valid = idp.claims(manager, now).build();
        RSAKey foreign =
                new RSAKeyGenerator(2048).keyID(idp.publicKey().getKeyID()).generate();
        SignedJWT byForeignKey = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(foreign.getKeyID())
                        .build(),
                valid);
        byForeignKey.sign(new RSASSASigner(foreign));
        SignedJWT hmacWithPublicKey = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(idp.publicKey().getKeyID())
                        .build(),
                valid);
        hmacWithPublicKey.sign(new MACSigner(idp.publicKey().toRSAPublicKey().getEncoded()));
        return Stream.of(
                Arguments.of("no Authorization header", null),
                Arguments.of("another scheme", "Basic TUdSLTAxOmRldg=="),
                Arguments.of("an empty bearer token", "Bearer "),
                Arguments.of("not a JWT", "Bearer not-a-token"),
                Arguments.of("alg none", "Bearer " + new PlainJWT(valid).serialize()),
                Arguments.of("HMAC signed with the issuer's public key", "Bearer " + hmacWithPublicKey.serialize()),
                Arguments.of("signed by a foreign key with the issuer's key id", "Bearer " + byForeignKey.serialize()),
                Arguments.of(
                        "expired",
                        "Bearer "
                                + idp.sign(idp.claims(manager, now.minus(Duration.ofHours(9)))
                                        .build())),
                Arguments.of(
                        "another issuer",
                        "Bearer "
                                + idp.sign(new JWTClaimsSet.Builder(valid)
                                        .issuer("http://127.0.0.1:1/elsewhere")
                                        .build())),
                Arguments.of(
                        "another audience",
                        "Bearer "
                                + idp.sign(new JWTClaimsSet.Builder(valid)
                                        .audience("rj-other-api")
                                        .build())),
                Arguments.of(
                        "no subject",
                        "Bearer "
                                + idp.sign(new JWTClaimsSet.Builder(valid)
                                        .subject(null)
                                        .build())),
                Arguments.of(
                        "no expiry",
                        "Bearer "
                                + idp.sign(new JWTClaimsSet.Builder(valid)
                                        .expirationTime(null)
                                        .build())),
                Arguments.of(
                        "a valid token's signature on changed claims", "Bearer " + tampered(idp.token("FAC-017"))));
    }

    /** {@code token} with its claims swapped for a manager's, the signature kept. */
    private static String tampered(String token) throws Exception {
        String[] parts = token.split("\\.");
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
        ((com.fasterxml.jackson.databind.node.ObjectNode) claims)
                .putArray("roles")
                .add("manager");
        return parts[0] + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(claims)) + "."
                + parts[2];
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void shouldRefuseATokenNotValidForThisApi(String what, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/cases/RJ-H1"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("Quarrington");
        assertThat(send("MGR-01", "GET", "/cases/RJ-H1", "-").statusCode())
                .as("the valid token opens it")
                .isEqualTo(200);
    }

    private HttpResponse<String> send(String user, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (user.equals("NOROLE")) {
            request.header(
                    "Authorization",
                    "Bearer "
                            + idp.sign(idp.claims(
                                            new DevIdentityProvider.DevUser("NOROLE-01", List.of(), List.of()),
                                            Instant.now())
                                    .build()));
        } else if (!user.equals("NONE")) {
            request.header("Authorization", "Bearer " + idp.token(user));
        }
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(BODIES.get(body)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}
