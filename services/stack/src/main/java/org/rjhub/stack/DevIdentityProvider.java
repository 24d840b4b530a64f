package org.rjhub.stack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rjhub.common.topics.TopicCatalogue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FOR DEVELOPMENT ONLY: an OpenID Connect issuer on loopback with seeded, synthetic users and service clients, so that
 * the case API and the schema registry can be used and tested with real signed bearer tokens on the local stack. It
 * hands a token to anyone who names a seeded user (no password is checked); service clients do authenticate, with a
 * secret made at start. Production points the case API and the registry at the county's identity provider instead.
 *
 * <p>Serves, under its issuer URL {@code http://127.0.0.1:<port>/rj-dev}: {@code /.well-known/openid-configuration},
 * {@code /jwks} (its public key), {@code /authorize} (the authorisation code flow with PKCE, S256 only, redirecting
 * to loopback only: a page to pick a development user, for a web console's login) and {@code /token}
 * ({@code grant_type=authorization_code} with the code and its verifier, or {@code grant_type=password&username=FAC-017}
 * for command lines and tests; answered with an {@code access_token}, and an {@code id_token} for a code; or
 * {@code grant_type=client_credentials} for a service client, its id and secret in HTTP Basic or the form). Tokens are
 * RS256, signed by an RSA key made in memory at the first start in this JVM (so they do not outlive the process), valid {@link #TOKEN_LIFETIME}, roles in the
 * {@value #ROLES_CLAIM} claim: a user's for the audience {@value #AUDIENCE} (a coordinator's facilitator queues in
 * {@value #QUEUES_CLAIM}), a service client's for the schema registry, audience {@value #REGISTRY_AUDIENCE}.
 */
public final class DevIdentityProvider implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DevIdentityProvider.class);

    /** The audience of its tokens: the case API's default audience. */
    public static final String AUDIENCE = "rj-case-api";
    /** The claim holding the user's roles ({@code facilitator}, {@code coordinator}, {@code manager}). */
    public static final String ROLES_CLAIM = "roles";
    /** The claim holding the facilitator queues a coordinator coordinates. */
    public static final String QUEUES_CLAIM = "queues";

    /** The audience of service clients' tokens: the schema registry ({@code deploy/registry-auth.properties}). */
    public static final String REGISTRY_AUDIENCE = "rj-registry";
    /** The hub's provisioning: the only client that may register, change or delete schemas. */
    public static final String PROVISIONER = "rj-provisioner";
    /** The registry's administrator role ({@code apicurio.auth.roles.admin}). */
    public static final String REGISTRY_ADMIN_ROLE = "sr-admin";
    /** The registry's read-only role ({@code apicurio.auth.roles.readonly}). */
    public static final String REGISTRY_READONLY_ROLE = "sr-readonly";

    public static final Duration TOKEN_LIFETIME = Duration.ofHours(8);
    private static final String PATH = "/rj-dev";

    /**
     * A seeded, synthetic user.
     *
     * @param subject the token's subject: a facilitator's id is the one cases are assigned to
     * @param roles   {@code facilitator}, {@code coordinator} or {@code manager}
     * @param queues  the facilitator queues a coordinator coordinates; empty for the others
     */
    public record DevUser(String subject, List<String> roles, List<String> queues) {
        public DevUser {
            roles = List.copyOf(roles);
            queues = List.copyOf(queues);
        }
    }

    /**
     * A seeded service client, which authenticates with its id and a secret ({@code client_credentials}).
     *
     * @param clientId the token's subject
     * @param roles    its roles at the schema registry
     */
    public record DevClient(String clientId, List<String> roles) {
        public DevClient {
            roles = List.copyOf(roles);
        }
    }

    private final HttpServer server;
    private final RSAKey key;
    private final URI issuer;
    private final Map<String, DevUser> users = new LinkedHashMap<>();
    private final Map<String, DevClient> clients = new LinkedHashMap<>();
    private final Map<String, String> clientSecrets = new HashMap<>();
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();

    /** An authorisation code not yet exchanged: for whom, for which client and redirect, the PKCE challenge. */
    private record Grant(
            DevUser user, String clientId, String redirectUri, String challenge, String nonce, Instant expires) {}

    private DevIdentityProvider(HttpServer server, RSAKey key, List<DevUser> users, List<DevClient> clients) {
        this.server = server;
        this.key = key;
        this.issuer = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
        users.forEach(u -> this.users.put(u.subject(), u));
        SecureRandom random = new SecureRandom();
        for (DevClient client : clients) {
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            this.clients.put(client.clientId(), client);
            clientSecrets.put(
                    client.clientId(), Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        }
    }

    /**
     * The seeded users: three volunteer facilitators, a county-wide coordinator (every queue of the catalogue), a
     * coordinator of the west Essex queues only, and a manager.
     */
    public static List<DevUser> seededUsers() {
        return List.of(
                new DevUser("FAC-017", List.of("facilitator"), List.of()),
                new DevUser("FAC-021", List.of("facilitator"), List.of()),
                new DevUser("FAC-033", List.of("facilitator"), List.of()),
                new DevUser(
                        "COORD-01",
                        List.of("coordinator"),
                        TopicCatalogue.load().queues()),
                new DevUser("COORD-WEST", List.of("coordinator"), List.of("harlow", "epping-forest", "uttlesford")),
                new DevUser("MGR-01", List.of("manager"), List.of()));
    }

    /**
     * The seeded service clients: the hub's provisioning ({@value #PROVISIONER}, the registry's administrator) and one
     * read-only client per agency (they may read schemas, as anyone may, and nothing more).
     */
    public static List<DevClient> seededClients() {
        return List.of(
                new DevClient(PROVISIONER, List.of(REGISTRY_ADMIN_ROLE)),
                new DevClient("police", List.of(REGISTRY_READONLY_ROLE)),
                new DevClient("probation", List.of(REGISTRY_READONLY_ROLE)),
                new DevClient("victimsupport", List.of(REGISTRY_READONLY_ROLE)));
    }

    /** Starts on a free loopback port with the seeded users and clients. */
    public static DevIdentityProvider start() {
        return start(0, seededUsers());
    }

    /** Starts on loopback {@code port} (0 picks a free one) with {@code users} and the seeded clients. */
    public static DevIdentityProvider start(int port, List<DevUser> users) {
        return start(port, users, seededClients());
    }

    /** Starts on loopback {@code port} (0 picks a free one) with {@code users} and service {@code clients}. */
    public static DevIdentityProvider start(int port, List<DevUser> users, List<DevClient> clients) {
        try {
            RSAKey key = SigningKey.KEY;
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            DevIdentityProvider idp = new DevIdentityProvider(server, key, users, clients);
            server.createContext(PATH + "/.well-known/openid-configuration", idp::discovery);
            server.createContext(PATH + "/jwks", idp::jwks);
            server.createContext(PATH + "/token", idp::token);
            server.createContext(PATH + "/authorize", idp::authorize);
            server.start();
            LOG.warn(
                    "DEVELOPMENT identity provider (not for production: tokens for anyone who asks) at {}", idp.issuer);
            return idp;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the development identity provider", e);
        }
    }

    /**
     * The signing key, made once per JVM on the first start and shared by every provider this JVM starts: a
     * 2048-bit RSA key cost about 2 CPU-seconds with the quick JIT, and the demo and each test JVM start several
     * stacks or providers. It lives in memory only, so a token still never outlives the process that made it.
     */
    private static final class SigningKey {
        static final RSAKey KEY = generate();

        private static RSAKey generate() {
            try {
                return new RSAKeyGenerator(2048)
                        .keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.RS256)
                        .keyID(UUID.randomUUID().toString())
                        .generate();
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot make the development identity provider's key", e);
            }
        }
    }

    /** The issuer ({@code iss} of its tokens). */
    public URI issuer() {
        return issuer;
    }

    public URI jwksUri() {
        return URI.create(issuer + "/jwks");
    }

    public URI tokenEndpoint() {
        return URI.create(issuer + "/token");
    }

    public URI authorizationEndpoint() {
        return URI.create(issuer + "/authorize");
    }

    public List<DevUser> users() {
        return List.copyOf(users.values());
    }

    public List<DevClient> clients() {
        return List.copyOf(clients.values());
    }

    /** A service client's secret, made at start; for the stack's owner-only files and tests, never logged. */
    String clientSecret(String clientId) {
        return Optional.ofNullable(clientSecrets.get(clientId))
                .orElseThrow(() -> new IllegalArgumentException("no development client " + clientId));
    }

    /** The public key its tokens are signed with (a JWK, as {@code /jwks} serves it). */
    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    /** A token for a seeded user, as {@code /token} answers it. */
    public String token(String subject) {
        DevUser user = Optional.ofNullable(users.get(subject))
                .orElseThrow(() -> new IllegalArgumentException("no development user " + subject));
        return sign(claims(user, Instant.now()).build());
    }

    /** The claims of a user's token issued at {@code at}; change them and {@link #sign} them for a test's own token. */
    public JWTClaimsSet.Builder claims(DevUser user, Instant at) {
        JWTClaimsSet.Builder claims = claims(user.subject(), AUDIENCE, user.roles(), at);
        if (!user.queues().isEmpty()) {
            claims.claim(QUEUES_CLAIM, user.queues());
        }
        return claims;
    }

    private JWTClaimsSet.Builder claims(String subject, String audience, List<String> roles, Instant at) {
        return new JWTClaimsSet.Builder()
                .issuer(issuer.toString())
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(at))
                .expirationTime(Date.from(at.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim(ROLES_CLAIM, roles);
    }

    /** {@code claims} signed with this provider's key (RS256, its key id in the header). */
    public String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a development token", e);
        }
        return jwt.serialize();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer.toString());
        doc.put("jwks_uri", jwksUri().toString());
        doc.put("token_endpoint", tokenEndpoint().toString());
        doc.put("authorization_endpoint", authorizationEndpoint().toString());
        doc.put("response_types_supported", List.of("code"));
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("grant_types_supported", List.of("authorization_code", "password", "client_credentials"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("subject_types_supported", List.of("public"));
        answer(exchange, 200, doc);
    }

    private void jwks(HttpExchange exchange) throws IOException {
        answer(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject());
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, Map.of("error", "invalid_request", "error_description", "POST a form"));
            return;
        }
        Map<String, String> form;
        try (InputStream in = exchange.getRequestBody()) {
            form = form(new String(in.readNBytes(8192), StandardCharsets.UTF_8));
        }
        if ("authorization_code".equals(form.get("grant_type"))) {
            exchangeCode(exchange, form);
            return;
        }
        if ("client_credentials".equals(form.get("grant_type"))) {
            clientCredentials(exchange, form);
            return;
        }
        if (!"password".equals(form.get("grant_type"))) {
            answer(
                    exchange,
                    400,
                    Map.of(
                            "error",
                            "unsupported_grant_type",
                            "error_description",
                            "grant_type=authorization_code, client_credentials, or password with a development user's"
                                    + " username"));
            return;
        }
        DevUser user = users.get(form.getOrDefault("username", ""));
        if (user == null) {
            answer(
                    exchange,
                    400,
                    Map.of(
                            "error",
                            "invalid_grant",
                            "error_description",
                            "not a development user; they are " + users.keySet()));
            return;
        }
        answer(exchange, 200, tokens(user, null));
    }

    private Map<String, Object> tokens(DevUser user, Grant grant) {
        Instant now = Instant.now();
        Map<String, Object> body = accessToken(claims(user, now).build());
        if (grant != null) {
            JWTClaimsSet.Builder id = claims(user, now).audience(grant.clientId());
            if (grant.nonce() != null) {
                id.claim("nonce", grant.nonce());
            }
            body.put("id_token", sign(id.build()));
        }
        return body;
    }

    /**
     * A service client's token, for the registry: the client authenticated by its id and secret, in HTTP Basic
     * ({@code client_secret_basic}) or in the form ({@code client_secret_post}).
     */
    private void clientCredentials(HttpExchange exchange, Map<String, String> form) throws IOException {
        String[] credentials = basicCredentials(exchange)
                .orElse(new String[] {form.getOrDefault("client_id", ""), form.getOrDefault("client_secret", "")});
        DevClient client = clients.get(credentials[0]);
        if (client == null || !sameSecret(clientSecrets.get(client.clientId()), credentials[1])) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"rj-dev\"");
            answer(
                    exchange,
                    401,
                    Map.of(
                            "error",
                            "invalid_client",
                            "error_description",
                            "unknown client or wrong secret; the clients are " + clients.keySet()));
            return;
        }
        answer(
                exchange,
                200,
                accessToken(claims(client.clientId(), REGISTRY_AUDIENCE, client.roles(), Instant.now())
                        .claim("azp", client.clientId())
                        .claim("client_id", client.clientId())
                        .build()));
    }

    /** The id and secret of an {@code Authorization: Basic} header (each form-encoded, as RFC 6749 2.3.1 says). */
    private static Optional<String[]> basicCredentials(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.of(new String[] {"", ""});
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.of(new String[] {"", ""});
        }
        return Optional.of(new String[] {
            URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
            URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
        });
    }

    private static boolean sameSecret(String expected, String given) {
        return expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** A token response: {@code claims} signed as the access token. */
    private Map<String, Object> accessToken(JWTClaimsSet claims) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", sign(claims));
        body.put("token_type", "Bearer");
        body.put("expires_in", TOKEN_LIFETIME.toSeconds());
        return body;
    }

    /** The code's exchange: once, by the same redirect URI, with the verifier of its S256 challenge. */
    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        Grant grant = codes.remove(form.getOrDefault("code", ""));
        String verifier = form.getOrDefault("code_verifier", "");
        if (grant == null
                || grant.expires().isBefore(Instant.now())
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(s256(verifier))) {
            answer(
                    exchange,
                    400,
                    Map.of(
                            "error",
                            "invalid_grant",
                            "error_description",
                            "unknown, used or expired code, another redirect_uri, or a code_verifier that does not match"));
            return;
        }
        answer(exchange, 200, tokens(grant.user(), grant));
    }

    /**
     * {@code GET}: the development sign-in page (a button per user) for an authorisation request; {@code POST}: the
     * user picked, answered by a redirect to the client with a code (valid a minute, once).
     */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> request;
        if ("POST".equals(exchange.getRequestMethod())) {
            try (InputStream in = exchange.getRequestBody()) {
                request = form(new String(in.readNBytes(8192), StandardCharsets.UTF_8));
            }
        } else {
            request = form(
                    Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        }
        String redirect = request.getOrDefault("redirect_uri", "");
        String problem = !"code".equals(request.get("response_type"))
                ? "response_type must be code"
                : request.getOrDefault("client_id", "").isBlank()
                        ? "client_id is required"
                        : !loopback(redirect)
                                ? "redirect_uri must be an http URL on loopback (a development provider)"
                                : request.getOrDefault("code_challenge", "").isBlank()
                                                || !"S256".equals(request.get("code_challenge_method"))
                                        ? "PKCE with S256 is required"
                                        : null;
        if (problem != null) {
            html(exchange, 400, "<p>" + escape(problem) + "</p>");
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            StringBuilder page = new StringBuilder("<p><strong>Development identity provider: not for production."
                    + "</strong> Sign in to " + escape(request.get("client_id")) + " as:</p><form method=\"post\">");
            for (String field : List.of(
                    "response_type",
                    "client_id",
                    "redirect_uri",
                    "state",
                    "nonce",
                    "code_challenge",
                    "code_challenge_method")) {
                if (request.containsKey(field)) {
                    page.append("<input type=\"hidden\" name=\"")
                            .append(field)
                            .append("\" value=\"")
                            .append(escape(request.get(field)))
                            .append("\">");
                }
            }
            for (DevUser user : users.values()) {
                page.append("<p><button name=\"username\" value=\"")
                        .append(escape(user.subject()))
                        .append("\">")
                        .append(escape(user.subject()))
                        .append(" (")
                        .append(escape(String.join(", ", user.roles())))
                        .append(")</button></p>");
            }
            html(exchange, 200, page.append("</form>").toString());
            return;
        }
        DevUser user = users.get(request.getOrDefault("username", ""));
        if (user == null) {
            html(exchange, 400, "<p>not a development user</p>");
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(
                code,
                new Grant(
                        user,
                        request.get("client_id"),
                        redirect,
                        request.get("code_challenge"),
                        request.get("nonce"),
                        Instant.now().plus(Duration.ofMinutes(1))));
        String state = request.get("state");
        exchange.getResponseHeaders()
                .set(
                        "Location",
                        redirect + (redirect.contains("?") ? "&" : "?") + "code=" + code
                                + (state == null ? "" : "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8)));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static boolean loopback(String uri) {
        try {
            URI u = new URI(uri);
            return "http".equals(u.getScheme())
                    && List.of("127.0.0.1", "localhost", "[::1]").contains(u.getHost())
                    && u.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void html(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Development sign-in"
                        + "</title></head><body>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; " + "frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
