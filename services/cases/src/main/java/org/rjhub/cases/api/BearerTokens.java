package org.rjhub.cases.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.net.URL;
import java.text.ParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the case API's OAuth2 bearer tokens with nimbus' JWT processor: signed (never {@code alg: none}) with one
 * of the issuer's keys from its JWKS, by an asymmetric algorithm only (an HMAC token made with the public key is
 * refused), from the configured issuer, for the configured audience, with a subject, and not expired (one minute of
 * clock skew). The roles are in the {@value #ROLES_CLAIM} claim, a coordinator's queues in {@value #QUEUES_CLAIM}.
 */
public final class BearerTokens {

    public static final String ROLES_CLAIM = "roles";
    public static final String QUEUES_CLAIM = "queues";
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /** Why a token was not taken: for the 401's detail (never the token's own content). */
    public static final class InvalidToken extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Tokens verified with the keys {@code keys} (e.g. {@link #remoteKeys}). */
    public BearerTokens(String issuer, String audience, JWKSource<SecurityContext> keys) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder()
                        .issuer(Objects.requireNonNull(issuer))
                        .build(),
                Set.of("sub", "exp", "iat")));
    }

    /** The issuer's keys at its JWKS URL, cached and refetched when a token names a key not seen yet. */
    public static JWKSource<SecurityContext> remoteKeys(URL jwks) {
        return JWKSourceBuilder.create(jwks).retrying(true).build();
    }

    /**
     * The caller a request's {@code Authorization} header names.
     *
     * @throws InvalidToken when there is no bearer token, or it is not valid for this API
     */
    public Caller verify(String authorization) throws InvalidToken {
        if (authorization == null
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.length() == 7) {
            throw new InvalidToken("a bearer token is required (Authorization: Bearer ...)");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(authorization.substring(7).trim(), null);
        } catch (ExpiredJWTException e) {
            throw new InvalidToken("the bearer token has expired");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidToken("the bearer token is not valid for this API"
                    + (e instanceof BadJWTException ? " (its claims)" : ""));
        }
        EnumSet<Caller.Role> roles = EnumSet.noneOf(Caller.Role.class);
        for (String role : strings(claims, ROLES_CLAIM)) {
            for (Caller.Role r : Caller.Role.values()) {
                if (r.name().equals(role.toUpperCase(Locale.ROOT))) {
                    roles.add(r);
                }
            }
        }
        return new Caller(claims.getSubject(), roles, Set.copyOf(strings(claims, QUEUES_CLAIM)));
    }

    private static List<String> strings(JWTClaimsSet claims, String name) throws InvalidToken {
        try {
            List<String> values = claims.getStringListClaim(name);
            return values == null
                    ? List.of()
                    : values.stream().filter(Objects::nonNull).toList();
        } catch (ParseException e) {
            throw new InvalidToken("the " + name + " claim of the bearer token is not a list of strings");
        }
    }
}
