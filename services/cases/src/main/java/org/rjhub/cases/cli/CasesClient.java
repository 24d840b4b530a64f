package org.rjhub.cases.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.rjhub.cases.api.EventRequest;

/** A small client of the facilitators' HTTP API, for the {@code hub case} commands. */
public final class CasesClient {

    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** How the message of an unreachable case service starts. */
    static final String UNREACHABLE = "the case service at ";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private final String token;

    /** A client sending {@code token} (an OAuth2 access token) as its bearer token with every request. */
    public CasesClient(String baseUrl, String token) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /**
     * A token for a development user from the local stack's development identity provider ({@code hub up}).
     *
     * @param tokenEndpoint its token endpoint
     * @throws IllegalArgumentException when it knows no such user
     * @throws UncheckedIOException     when it does not answer
     */
    public static String devToken(URI tokenEndpoint, String user) {
        String form = "grant_type=password&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(tokenEndpoint)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new IllegalArgumentException("the development identity provider gave no token for " + user + ": "
                        + body.path("error_description")
                                .asText(body.path("error").asText("HTTP " + r.statusCode())));
            }
            return body.path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "the development identity provider at " + tokenEndpoint + " did not answer: " + describe(e)
                            + "; is `hub up` running?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An answer: the HTTP status and the JSON body. */
    public record Answer(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    public Answer list(Map<String, String> query) {
        String q = query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(base + "/cases" + (q.isEmpty() ? "" : "?" + q)))
                .GET());
    }

    public Answer show(String caseId) {
        return send(HttpRequest.newBuilder(URI.create(base + "/cases/" + encode(caseId)))
                .GET());
    }

    /** Records an event; who records it is the token's subject. */
    public Answer record(String caseId, EventRequest request) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + "/cases/" + encode(caseId) + "/events"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What went wrong, even for an exception without a message (a refused connection has none). */
    static String describe(IOException e) {
        String what = e instanceof java.net.ConnectException
                ? "connection refused"
                : e.getClass().getSimpleName();
        return e.getMessage() == null || e.getMessage().isBlank() ? what : what + ", " + e.getMessage();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(
                    request.timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(UNREACHABLE + base + " did not answer: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
