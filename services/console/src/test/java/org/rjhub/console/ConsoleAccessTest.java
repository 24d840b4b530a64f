package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every page for every role, at HTTP level without JavaScript: signed in through the development identity provider
 * (authorisation code with PKCE), the console reading the real case API. The expected answers are written out by
 * hand. Cases (synthetic): RJ-H1 harlow, FAC-017's; RJ-H2 harlow, unassigned; RJ-H3 harlow, unassigned, a possible
 * duplicate of RJ-H2, sensitive; RJ-B1 basildon, FAC-021's.
 */
class ConsoleAccessTest {

    private static ConsoleFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ConsoleFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @BeforeEach
    void cases() {
        fixture.seed();
    }

    /** user, page, status expected, a text the page must show. */
    static Stream<Arguments> matrix() {
        return Stream.of(
                Arguments.of("FAC-017", "/my-cases", 200, "RJ-H1"),
                Arguments.of("FAC-017", "/cases/RJ-H1", 200, "Imelda Quarrington"),
                Arguments.of("FAC-017", "/cases/RJ-B1", 403, "You cannot open this page"),
                Arguments.of("FAC-017", "/cases/RJ-H2", 403, "You cannot open this page"),
                Arguments.of(
                        "FAC-017", "/cases/RJ-H1/steps/contact?party=VICTIM", 200, "Record contact with the victim"),
                Arguments.of("FAC-017", "/cases/RJ-B1/steps/contact?party=VICTIM", 403, "You cannot open this page"),
                Arguments.of("FAC-017", "/cases/RJ-H2/steps/allocate", 403, "You cannot open this page"),
                Arguments.of("FAC-017", "/queues", 403, "only coordinators"),
                Arguments.of("FAC-017", "/attention", 403, "only coordinators"),
                Arguments.of("FAC-017", "/figures", 403, "for managers"),
                Arguments.of("FAC-017", "/cases/RJ-NOPE", 404, "Page not found"),
                Arguments.of("FAC-017", "/no-such-page", 404, "Page not found"),
                Arguments.of("FAC-021", "/my-cases", 200, "RJ-B1"),
                Arguments.of("FAC-021", "/cases/RJ-H1", 403, "You cannot open this page"),
                Arguments.of("FAC-033", "/my-cases", 200, "No case is allocated to you"),
                Arguments.of("COORD-WEST", "/queues", 200, "RJ-H2"),
                Arguments.of("COORD-WEST", "/attention", 200, "Needs attention"),
                Arguments.of("COORD-WEST", "/cases/RJ-H1", 200, "Facilitator FAC-017"),
                Arguments.of("COORD-WEST", "/cases/RJ-B1", 403, "You cannot open this page"),
                Arguments.of("COORD-WEST", "/cases/RJ-H2/steps/allocate", 200, "FAC-017 (1 open case)"),
                Arguments.of("COORD-WEST", "/cases/RJ-H3/duplicate", 200, "Is RJ-H3 the same case as RJ-H2?"),
                Arguments.of("COORD-WEST", "/my-cases", 403, "a facilitator's list"),
                Arguments.of("COORD-WEST", "/figures", 403, "for managers"),
                Arguments.of("COORD-01", "/queues", 200, "Basildon"),
                Arguments.of("COORD-01", "/cases/RJ-B1", 200, "FAC-021"),
                Arguments.of("MGR-01", "/figures", 200, "Open cases 4"),
                Arguments.of("MGR-01", "/cases/RJ-B1", 200, "Imelda Quarrington"),
                Arguments.of("MGR-01", "/cases/RJ-H1/steps/contact?party=VICTIM", 403, "records nothing"),
                Arguments.of("MGR-01", "/queues", 403, "only coordinators"),
                Arguments.of("MGR-01", "/my-cases", 403, "a facilitator's list"));
    }

    @ParameterizedTest(name = "{0} GET {1} -> {2}")
    @MethodSource("matrix")
    void shouldShowEachRoleItsPagesAndAProperPageForTheRest(String user, String path, int status, String shows)
            throws Exception {
        WebUser u = WebUser.signedIn(fixture, user);

        WebUser.Page p = u.get(path);

        assertThat(p.status()).as(p.text()).isEqualTo(status);
        assertThat(p.text()).contains(shows);
        assertThat(p.doc().title()).endsWith("RJ Hub console");
        assertThat(p.doc().select("form[action=/sign-out] input[name=csrf]").val())
                .as("the sign-out form carries the CSRF token")
                .isNotEmpty();
    }

    @Test
    void shouldListOnlyAFacilitatorsOwnCases() throws Exception {
        WebUser.Page p = WebUser.signedIn(fixture, "FAC-017").get("/my-cases");

        assertThat(p.doc().select("tbody tr a").eachText()).containsExactly("RJ-H1");
    }

    @Test
    void shouldListUnassignedCasesOfACoordinatorsQueuesOnlyWithFlags() throws Exception {
        WebUser.Page west = WebUser.signedIn(fixture, "COORD-WEST").get("/queues");
        WebUser.Page county = WebUser.signedIn(fixture, "COORD-01").get("/queues");

        assertThat(west.doc().select("tbody tr td:first-child a").eachText()).containsExactly("RJ-H2", "RJ-H3");
        assertThat(west.text())
                .contains("3 days", "Possible duplicate", "Sensitive")
                .doesNotContain("RJ-B1");
        assertThat(county.doc().select("tbody tr td:first-child a").eachText())
                .containsExactlyInAnyOrder("RJ-H2", "RJ-H3");
    }

    @Test
    void shouldSendSomeoneNotSignedInToTheIdentityProviderAndBackToThePageAsked() throws Exception {
        WebUser anonymous = new WebUser(fixture);

        WebUser.Page p = anonymous.get("/cases/RJ-H1");

        assertThat(p.uri().toString()).startsWith(fixture.idp.issuer() + "/authorize?");
        assertThat(p.uri().getQuery())
                .contains("code_challenge_method=S256", "client_id=rj-console", "state=", "nonce=");
        assertThat(anonymous.get("/").text()).contains("Sign in to the case console");
    }

    @Test
    void shouldSetTheSessionCookieHttpOnlyAndSameSiteLaxAndTheSecurityHeaders() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        WebUser.Page p = u.get("/my-cases");

        assertThat(p.response().headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("rj_console_session=").contains("HttpOnly", "SameSite=Lax"))
                .allSatisfy(c -> assertThat(c).doesNotContain("Secure"));
        assertThat(p.response().headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("frame-ancestors 'none'", "script-src 'self'", "form-action 'self'")
                        .doesNotContain("unsafe-inline"));
        assertThat(p.response().headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(p.response().headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(p.response().headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(p.response().headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(p.doc().select("script:not([src])")).as("no inline script").isEmpty();
    }

    @Test
    void shouldRefuseAFormWithoutTheSessionsCsrfTokenAndRecordNothing() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        WebUser.Page form = u.get("/cases/RJ-H1/steps/information?party=VICTIM");
        Map<String, String> values = new java.util.HashMap<>();
        form.doc()
                .select("form[action$=/steps/information] input[type=hidden]")
                .forEach(i -> values.put(i.attr("name"), i.val()));

        values.put("csrf", "not-the-token");
        WebUser.Page forged = u.post("/cases/RJ-H1/steps/information/confirm", values);
        values.remove("csrf");
        WebUser.Page without = u.post("/cases/RJ-H1/steps/information/confirm", values);

        assertThat(forged.status()).isEqualTo(403);
        assertThat(without.status()).isEqualTo(403);
        assertThat(forged.text()).contains("the form has expired");
        assertThat(fixture.cases.sent).isEmpty();
    }

    @Test
    void shouldEndTheSessionOnSignOut() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        String csrf = u.get("/my-cases")
                .doc()
                .select("form[action=/sign-out] input[name=csrf]")
                .val();

        WebUser.Page out = u.post("/sign-out", Map.of("csrf", csrf));
        WebUser.Page after = u.get("/my-cases");

        assertThat(out.heading()).isEqualTo("You have signed out");
        assertThat(after.uri().toString())
                .as("signed out: back to the identity provider")
                .contains("/rj-dev/authorize");
    }

    @Test
    void shouldNotAcceptATamperedSessionCookie() throws Exception {
        WebUser u = WebUser.signedIn(fixture, "FAC-017");
        java.net.HttpCookie c = u.sessionCookie();
        String v = c.getValue();
        c.setValue(v.substring(0, v.length() - 4) + (v.endsWith("AAAA") ? "BBBB" : "AAAA"));

        WebUser.Page p = u.get("/my-cases");

        assertThat(p.uri().toString()).contains("/rj-dev/authorize");
    }
}
