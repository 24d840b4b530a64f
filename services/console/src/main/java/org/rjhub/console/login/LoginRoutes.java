package org.rjhub.console.login;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.rjhub.console.session.SealedCookies;
import org.rjhub.console.session.Session;
import org.rjhub.console.web.Frame;
import org.rjhub.console.web.Pages;
import org.rjhub.console.web.SessionCookies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in and sign-out: {@code GET /login} sends the browser to the issuer with PKCE, state and nonce; {@code GET
 * /auth/callback} checks the state, exchanges the code, verifies the ID token and starts the session (roles and queues
 * from the ID token's claims); {@code POST /sign-out} ends it.
 */
public final class LoginRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);

    private final OidcClient oidc;
    private final SessionCookies cookies;
    private final Pages pages;
    private final Supplier<String> redirectUri;
    private final String rolesClaim;
    private final String queuesClaim;

    public LoginRoutes(
            OidcClient oidc,
            SessionCookies cookies,
            Pages pages,
            Supplier<String> redirectUri,
            String rolesClaim,
            String queuesClaim) {
        this.oidc = oidc;
        this.cookies = cookies;
        this.pages = pages;
        this.redirectUri = redirectUri;
        this.rolesClaim = rolesClaim;
        this.queuesClaim = queuesClaim;
    }

    public void register(Javalin app) {
        app.get("/sign-in", ctx -> pages.render(ctx, "sign-in.jte", "frame", Frame.of("Sign in", null, null)));
        app.get("/login", this::login);
        app.get("/auth/callback", this::callback);
        app.post("/sign-out", ctx -> {
            cookies.end(ctx);
            ctx.redirect("/signed-out", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        app.get(
                "/signed-out",
                ctx -> pages.render(ctx, "signed-out.jte", "frame", Frame.of("You have signed out", null, null)));
    }

    private void login(Context ctx) {
        String returnTo = Optional.ofNullable(ctx.queryParam("returnTo"))
                .filter(LoginRoutes::localPath)
                .orElse("/");
        OidcClient.Pending pending = OidcClient.pending(returnTo);
        cookies.startLogin(ctx, pending);
        ctx.redirect(oidc.authorizationRequest(pending, redirectUri.get()).toString());
    }

    private void callback(Context ctx) {
        Optional<OidcClient.Pending> pending = cookies.takeLogin(ctx);
        String state = ctx.queryParam("state");
        String code = ctx.queryParam("code");
        if (pending.isEmpty() || state == null || !pending.get().state().equals(state) || code == null) {
            failed(ctx, "The sign-in could not be completed: it was not started here or took too long.");
            return;
        }
        OidcClient.SignedIn in;
        try {
            in = oidc.exchange(code, pending.get(), redirectUri.get());
        } catch (OidcClient.SignInFailed e) {
            LOG.warn("sign-in failed: {}", e.getMessage());
            failed(ctx, "The sign-in could not be completed: " + e.getMessage() + ".");
            return;
        }
        List<String> roles = OidcClient.strings(in.idToken(), rolesClaim);
        Session s = new Session(
                in.idToken().getSubject(),
                roles,
                OidcClient.strings(in.idToken(), queuesClaim),
                in.accessToken(),
                SealedCookies.randomToken(),
                in.accessTokenExpires(),
                java.time.Instant.now());
        cookies.keep(ctx, s);
        LOG.info("signed in with roles {}", roles);
        ctx.redirect(pending.get().returnTo(), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void failed(Context ctx, String message) {
        pages.render(ctx, 400, "sign-in.jte", "frame", Frame.of("Sign in", null, null), "problem", message);
    }

    /** Only a path on this console (no scheme, no other host): no open redirect. */
    static boolean localPath(String p) {
        return p.startsWith("/") && !p.startsWith("//") && !p.contains("\\") && p.length() < 512;
    }
}
