package org.rjhub.console.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console as an OpenID Connect relying party (a public client): the authorisation request with PKCE (S256), state
 * and nonce; the code's exchange at the token endpoint; the ID token verified (signature by the issuer's JWKS, RSA or
 * EC only, issuer, audience = the client id, expiry, nonce). The endpoints come from the issuer's discovery document.
 */
public final class OidcClient {

    /** RSA and EC signatures only: no {@code none}, no HMAC. */
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384);

    private final URI issuer;
    private final String clientId;
    private final URI authorizationEndpoint;
    private final URI tokenEndpoint;
    private final DefaultJWTProcessor<SecurityContext> idTokens = new DefaultJWTProcessor<>();
    private final HttpClient http;
    private final ObjectMapper json;

    /** What the authorisation request carries and the callback must match; kept in a sealed cookie meanwhile. */
    public record Pending(String state, String nonce, String verifier, String returnTo) {}

    /** A signed-in user: the ID token's claims and the access token for the case API. */
    public record SignedIn(JWTClaimsSet idToken, String accessToken, Instant accessTokenExpires) {}

    /** A sign-in that failed: a message for the user, no detail of tokens. */
    public static final class SignInFailed extends Exception {
        private static final long serialVersionUID = 1L;

        public SignInFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private OidcClient(URI issuer, String clientId, JsonNode discovery, HttpClient http, ObjectMapper json)
            throws IOException {
        this.issuer = issuer;
        this.clientId = clientId;
        this.http = http;
        this.json = json;
        if (!issuer.toString().equals(discovery.path("issuer").asText())) {
            throw new IOException("the discovery document names issuer "
                    + discovery.path("issuer").asText() + ", not " + issuer);
        }
        this.authorizationEndpoint =
                URI.create(discovery.path("authorization_endpoint").asText());
        this.tokenEndpoint = URI.create(discovery.path("token_endpoint").asText());
        idTokens.setJWSKeySelector(new JWSVerificationKeySelector<>(
                ALGORITHMS,
                JWKSourceBuilder.create(
                                URI.create(discovery.path("jwks_uri").asText()).toURL())
                        .retrying(true)
                        .build()));
        idTokens.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                clientId, new JWTClaimsSet.Builder().issuer(issuer.toString()).build(), Set.of("sub", "exp", "iat")));
    }

    /** Reads the issuer's discovery document. */
    public static OidcClient discover(URI issuer, String clientId, HttpClient http, ObjectMapper json)
            throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("the issuer's discovery document answered " + r.statusCode());
        }
        return new OidcClient(issuer, clientId, json.readTree(r.body()), http, json);
    }

    public URI issuer() {
        return issuer;
    }

    /** A new authorisation request's secrets, to seal in a cookie until the callback. */
    public static Pending pending(String returnTo) {
        return new Pending(
                org.rjhub.console.session.SealedCookies.randomToken(),
                org.rjhub.console.session.SealedCookies.randomToken(),
                org.rjhub.console.session.SealedCookies.randomToken(),
                returnTo);
    }

    /** Where to send the browser to sign in. */
    public URI authorizationRequest(Pending p, String redirectUri) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", clientId);
        q.put("redirect_uri", redirectUri);
        q.put("scope", "openid");
        q.put("state", p.state());
        q.put("nonce", p.nonce());
        q.put("code_challenge", s256(p.verifier()));
        q.put("code_challenge_method", "S256");
        return URI.create(authorizationEndpoint + (authorizationEndpoint.getQuery() == null ? "?" : "&") + form(q));
    }

    /** Exchanges the callback's code for tokens and verifies the ID token. */
    public SignedIn exchange(String code, Pending p, String redirectUri) throws SignInFailed {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", redirectUri);
        f.put("client_id", clientId);
        f.put("code_verifier", p.verifier());
        JsonNode tokens;
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(tokenEndpoint)
                            .timeout(Duration.ofSeconds(10))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form(f)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new SignInFailed("the identity provider refused the sign-in (" + r.statusCode() + ")", null);
            }
            tokens = json.readTree(r.body());
        } catch (IOException e) {
            throw new SignInFailed("the identity provider could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailed("interrupted", e);
        }
        String idToken = tokens.path("id_token").asText("");
        String accessToken = tokens.path("access_token").asText("");
        if (idToken.isEmpty() || accessToken.isEmpty()) {
            throw new SignInFailed("the identity provider answered without an ID token or access token", null);
        }
        JWTClaimsSet claims;
        try {
            claims = idTokens.process(idToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new SignInFailed("the ID token is not valid for this console", e);
        }
        if (!p.nonce().equals(claims.getClaim("nonce"))) {
            throw new SignInFailed("the ID token's nonce does not match the sign-in", null);
        }
        long lifetime = tokens.path("expires_in").asLong(3600);
        return new SignedIn(claims, accessToken, Instant.now().plusSeconds(lifetime));
    }

    /** The string values of a claim that is a list (or a single string). */
    public static List<String> strings(JWTClaimsSet claims, String name) {
        Object v = claims.getClaim(name);
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return v == null ? List.of() : List.of(String.valueOf(v));
    }

    static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
