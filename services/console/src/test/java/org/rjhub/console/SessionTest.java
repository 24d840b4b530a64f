package org.rjhub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rjhub.console.session.SealedCookies;
import org.rjhub.console.session.Session;

/** The sealed session cookie and the session's idle timeout. */
class SessionTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Session SESSION = new Session(
            "FAC-017",
            List.of("facilitator"),
            List.of(),
            "token",
            "csrf",
            Instant.parse("2026-11-03T18:00:00Z"),
            Instant.parse("2026-11-03T10:00:00Z"));

    @Test
    void shouldOpenOnlyWhatItSealedUnderTheSameNameAndKey() {
        SealedCookies cookies = new SealedCookies(SealedCookies.randomKey(), JSON);
        String sealed = cookies.seal("rj_console_session", SESSION);
        char last = sealed.charAt(sealed.length() - 2);
        String tampered = sealed.substring(0, sealed.length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + sealed.charAt(sealed.length() - 1);

        assertThat(cookies.open("rj_console_session", sealed, Session.class)).contains(SESSION);
        assertThat(sealed).doesNotContain("FAC-017").doesNotContain("token");
        assertThat(cookies.open("rj_console_login", sealed, Session.class))
                .as("another cookie's name")
                .isEmpty();
        assertThat(cookies.open("rj_console_session", tampered, Session.class)).isEmpty();
        assertThat(new SealedCookies(SealedCookies.randomKey(), JSON).open("rj_console_session", sealed, Session.class))
                .as("another key")
                .isEmpty();
        assertThat(cookies.open("rj_console_session", "not-base64!", Session.class))
                .isEmpty();
    }

    /** A clock the test moves. */
    private static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void shouldEndASessionUnusedForTheIdleTimeoutButKeepOneInUse() throws Exception {
        MovingClock clock = new MovingClock();
        try (ConsoleFixture fixture = new ConsoleFixture(Map.of(ConsoleConfig.SESSION_IDLE_MINUTES, 30), clock)) {
            WebUser u = WebUser.signedIn(fixture, "FAC-017");

            clock.now = clock.now.plus(Duration.ofMinutes(25));
            WebUser.Page inUse = u.get("/my-cases");
            clock.now = clock.now.plus(Duration.ofMinutes(25));
            WebUser.Page stillInUse = u.get("/my-cases");
            clock.now = clock.now.plus(Duration.ofMinutes(31));
            WebUser.Page idle = u.get("/my-cases");

            assertThat(inUse.heading()).isEqualTo("My cases");
            assertThat(stillInUse.heading())
                    .as("each request renews the session")
                    .isEqualTo("My cases");
            assertThat(idle.uri().toString()).as("timed out: sign in again").contains("/rj-dev/authorize");
        }
    }

    @Test
    void shouldReadItsSettingsFromTheEnvironmentAndRefuseUnknownOnes() {
        ConsoleConfig c = ConsoleConfig.fromEnvironment(Map.of(
                "RJ_CONSOLE_ISSUER", "http://127.0.0.1:9/rj-dev/",
                "RJ_CONSOLE_CASE_API_URL", "http://127.0.0.1:7080",
                "RJ_CONSOLE_RJ_HTTP_PORT", "7091",
                "RJ_CONSOLE_FACILITATORS", "FAC-040, FAC-041"));

        assertThat(c.issuer()).hasToString("http://127.0.0.1:9/rj-dev");
        assertThat(c.httpPort()).isEqualTo(7091);
        assertThat(c.httpHost()).isEqualTo("127.0.0.1");
        assertThat(c.clientId()).isEqualTo("rj-console");
        assertThat(c.facilitators()).containsExactly("FAC-040", "FAC-041");
        assertThat(c.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleConfig.fromEnvironment(
                        Map.of("RJ_CONSOLE_ISSUER", "http://x", "RJ_CONSOLE_ISUER", "typo")))
                .hasMessageContaining("RJ_CONSOLE_ISUER");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsoleConfig.fromEnvironment(
                        Map.of("RJ_CONSOLE_ISSUER", "http://x", "RJ_CONSOLE_SESSION_KEY", "c2hvcnQ=")))
                .hasMessageContaining("32 bytes");
    }
}
