package org.rjhub.console.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.rjhub.console.session.Session;

/** The security headers of every answer, and the CSRF check of every form. */
public final class Security {

    /** Scripts, styles, fonts and images from the console only; no inline script; never framed. */
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    /** The name of the form field holding the session's CSRF token. */
    public static final String CSRF_FIELD = "csrf";

    private Security() {}

    public static void headers(Context ctx, boolean https) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        if (https) {
            ctx.header("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        String path = ctx.path();
        if (!path.startsWith("/assets/") && !path.startsWith("/govuk/") && !path.startsWith("/static/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    /** Whether a form's CSRF token is the session's (compared in constant time). */
    public static boolean csrfMatches(Context ctx, Session s) {
        String sent = ctx.formParam(CSRF_FIELD);
        return sent != null
                && MessageDigest.isEqual(
                        sent.getBytes(StandardCharsets.UTF_8), s.csrf().getBytes(StandardCharsets.UTF_8));
    }
}
