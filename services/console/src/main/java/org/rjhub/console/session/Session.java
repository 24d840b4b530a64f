package org.rjhub.console.session;

import java.time.Instant;
import java.util.List;

/**
 * Who is signed in, carried in the sealed session cookie (the console keeps no session state of its own).
 *
 * @param subject     the user's id (a facilitator's is the one cases are assigned to)
 * @param roles       facilitator, coordinator and/or manager, from the ID token's roles claim
 * @param queues      a coordinator's facilitator queues
 * @param accessToken the bearer token for the case API
 * @param csrf        the token every form of this session carries
 * @param expiresAt   when the access token expires: the session's hard end
 * @param seenAt      the last request: the session ends after the idle timeout
 */
public record Session(
        String subject,
        List<String> roles,
        List<String> queues,
        String accessToken,
        String csrf,
        Instant expiresAt,
        Instant seenAt) {

    public Session {
        roles = List.copyOf(roles);
        queues = List.copyOf(queues);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    public boolean facilitator() {
        return is("facilitator");
    }

    public boolean coordinator() {
        return is("coordinator");
    }

    public boolean manager() {
        return is("manager");
    }

    /** The same session, used at {@code now}. */
    public Session seen(Instant now) {
        return new Session(subject, roles, queues, accessToken, csrf, expiresAt, now);
    }
}
