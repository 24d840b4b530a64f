package org.rjhub.common.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.rjhub.common.config.KafkaConnection;

/**
 * How a client authenticates to the schema registry: OAuth2 client credentials, exchanged at the identity provider's
 * token endpoint for a bearer token. They travel in a {@link KafkaConnection}'s client settings under Apicurio's own
 * names ({@value #TOKEN_ENDPOINT}, {@value #CLIENT_ID}, {@value #CLIENT_SECRET}), so Apicurio's serdes given the same
 * properties authenticate the same way. A connection without them reads the registry anonymously, which is all the
 * hub's services need: only provisioning registers, changes or deletes schemas.
 */
public final class RegistryCredentials {

    public static final String TOKEN_ENDPOINT = "apicurio.registry.auth.service.token.endpoint";
    public static final String CLIENT_ID = "apicurio.registry.auth.client.id";
    /** Masked by {@link KafkaConnection#toString()} like every setting named a secret. */
    public static final String CLIENT_SECRET = "apicurio.registry.auth.client.secret";

    /** A token is fetched again this long before it expires. */
    private static final Duration EARLY = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant refreshAt = Instant.MIN;

    private RegistryCredentials(URI tokenEndpoint, String clientId, String clientSecret) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    /** {@code connection} with a client's credentials for the registry added to its client settings. */
    public static KafkaConnection addTo(
            KafkaConnection connection, URI tokenEndpoint, String clientId, String clientSecret) {
        Map<String, String> settings = new HashMap<>(connection.clientSettings());
        settings.put(TOKEN_ENDPOINT, tokenEndpoint.toString());
        settings.put(CLIENT_ID, clientId);
        settings.put(CLIENT_SECRET, clientSecret);
        return connection.withClientSettings(settings);
    }

    /** The credentials {@code connection} carries; empty when it reads the registry anonymously. */
    public static Optional<RegistryCredentials> of(KafkaConnection connection) {
        Map<String, String> s = connection.clientSettings();
        if (!s.containsKey(TOKEN_ENDPOINT) || !s.containsKey(CLIENT_ID) || !s.containsKey(CLIENT_SECRET)) {
            return Optional.empty();
        }
        return Optional.of(
                new RegistryCredentials(URI.create(s.get(TOKEN_ENDPOINT)), s.get(CLIENT_ID), s.get(CLIENT_SECRET)));
    }

    public String clientId() {
        return clientId;
    }

    /** The {@code Authorization} header value: a bearer token, fetched when there is none or it is about to expire. */
    public synchronized String authorization() {
        if (token == null || Instant.now().isAfter(refreshAt)) {
            fetch();
        }
        return "Bearer " + token;
    }

    private void fetch() {
        String basic = Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(clientSecret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SchemaRegistrar.RegistryException(
                    "identity provider at " + tokenEndpoint + " did not answer client " + clientId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistrar.RegistryException("interrupted while asking for a registry token", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || !body.path("access_token").isTextual()) {
            throw new SchemaRegistrar.RegistryException(
                    "identity provider at " + tokenEndpoint + " refused client " + clientId + ": HTTP "
                            + response.statusCode() + " " + body.path("error").asText(""),
                    null);
        }
        Instant now = Instant.now();
        token = body.path("access_token").asText();
        refreshAt = now.plusSeconds(body.path("expires_in").asLong(60)).minus(EARLY);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Names the client, never its secret or token. */
    @Override
    public String toString() {
        return "RegistryCredentials[" + clientId + " at " + tokenEndpoint + "]";
    }
}
