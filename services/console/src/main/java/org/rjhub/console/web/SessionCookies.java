package org.rjhub.console.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.rjhub.console.login.OidcClient;
import org.rjhub.console.session.SealedCookies;
import org.rjhub.console.session.Session;

/**
 * The console's two cookies, both sealed ({@link SealedCookies}), HttpOnly, SameSite=Lax and Secure when the console
 * is served over https: the session ({@value #SESSION}), ended by the idle timeout or the access token's expiry, and
 * the sign-in in progress ({@value #LOGIN}: state, nonce and PKCE verifier, ten minutes at most).
 */
public final class SessionCookies {

    public static final String SESSION = "rj_console_session";
    public static final String LOGIN = "rj_console_login";
    private static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

    private final SealedCookies sealed;
    private final boolean secure;
    private final Duration idle;
    private final Clock clock;

    public SessionCookies(SealedCookies sealed, boolean secure, Duration idle, Clock clock) {
        this.sealed = sealed;
        this.secure = secure;
        this.idle = idle;
        this.clock = clock;
    }

    /** The request's session, if it has one still valid. */
    public Optional<Session> session(Context ctx) {
        return sealed.open(SESSION, ctx.cookie(SESSION), Session.class).filter(s -> {
            var now = clock.instant();
            return s.expiresAt().isAfter(now) && !s.seenAt().plus(idle).isBefore(now);
        });
    }

    /** Sets (or renews, with the time of this request) the session cookie. */
    public void keep(Context ctx, Session s) {
        set(ctx, SESSION, sealed.seal(SESSION, s.seen(clock.instant())), -1);
    }

    public void end(Context ctx) {
        set(ctx, SESSION, "", 0);
    }

    public void startLogin(Context ctx, OidcClient.Pending pending) {
        set(ctx, LOGIN, sealed.seal(LOGIN, pending), (int) LOGIN_LIFETIME.toSeconds());
    }

    /** The sign-in in progress, read once: the cookie is cleared. */
    public Optional<OidcClient.Pending> takeLogin(Context ctx) {
        Optional<OidcClient.Pending> p = sealed.open(LOGIN, ctx.cookie(LOGIN), OidcClient.Pending.class);
        set(ctx, LOGIN, "", 0);
        return p;
    }

    private void set(Context ctx, String name, String value, int maxAge) {
        Cookie c = new Cookie(name, value, "/", maxAge, secure, 0, true, null, null, SameSite.LAX);
        ctx.cookie(c);
    }
}
