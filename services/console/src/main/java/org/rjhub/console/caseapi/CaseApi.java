package org.rjhub.console.caseapi;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.List;
import java.util.Map;
import org.rjhub.console.caseapi.CaseModels.CaseDetail;
import org.rjhub.console.caseapi.CaseModels.CaseSummary;
import org.rjhub.console.caseapi.CaseModels.Recorded;

/**
 * The case service's HTTP API, called with the signed-in user's access token: the API decides who may read and record
 * what, and the console shows its answers (403 and 404 become pages, a refusal becomes an error message).
 */
public final class CaseApi {

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;

    /** A status the API answered that the page cannot go on with: 401, 403, 404, 5xx. */
    public static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        public ApiError(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    public CaseApi(URI base, HttpClient http, ObjectMapper json) {
        this.base = base;
        this.http = http;
        this.json = json;
    }

    /** The cases the user may see, filtered as {@code GET /cases} takes it (e.g. {@code queue}, {@code status}). */
    public List<CaseSummary> list(String token, Map<String, String> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = send(token, "GET", "/cases" + q, null);
        return read(r, new TypeReference<List<CaseSummary>>() {});
    }

    public CaseDetail get(String token, String caseId) {
        HttpResponse<String> r = send(token, "GET", "/cases/" + path(caseId), null);
        return read(r, new TypeReference<CaseDetail>() {});
    }

    /** Records an event ({@code POST /cases/{id}/events}); a refusal (422) is an answer, not an error. */
    public Recorded record(String token, String caseId, Map<String, Object> event) {
        HttpResponse<String> r;
        try {
            r = send(token, "POST", "/cases/" + path(caseId) + "/events", json.writeValueAsString(event));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an event", e);
        }
        if (r.statusCode() == 422 || r.statusCode() == 400) {
            try {
                JsonNode body = json.readTree(r.body());
                String reason = body.hasNonNull("reason")
                        ? body.path("reason").asText()
                        : body.path("detail").asText("the case service refused it");
                return new Recorded(
                        null,
                        "REFUSED",
                        List.of(),
                        body.path("rule").asText(body.path("field").asText(null)),
                        reason);
            } catch (IOException e) {
                throw new ApiError(r.statusCode(), "the case service refused the step");
            }
        }
        return read(r, new TypeReference<Recorded>() {});
    }

    /**
     * Writes a note ({@code POST /cases/{id}/notes}); the API's 400 (the note's text wrong) is an answer: the field's
     * problem. 403 and 404 are errors (pages).
     *
     * @return empty when written (or already written, the same id), else the API's reason for refusing it
     */
    public java.util.Optional<String> addNote(String token, String caseId, String noteId, String text) {
        HttpResponse<String> r;
        try {
            r = send(
                    token,
                    "POST",
                    "/cases/" + path(caseId) + "/notes",
                    json.writeValueAsString(Map.of("noteId", noteId, "text", text)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a note", e);
        }
        if (r.statusCode() == 400) {
            try {
                return java.util.Optional.of(
                        json.readTree(r.body()).path("detail").asText("the note was refused"));
            } catch (IOException e) {
                return java.util.Optional.of("the note was refused");
            }
        }
        read(r, new TypeReference<JsonNode>() {});
        return java.util.Optional.empty();
    }

    private static String path(String caseId) {
        return URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T read(HttpResponse<String> r, TypeReference<T> type) {
        if (r.statusCode() / 100 != 2) {
            throw new ApiError(r.statusCode(), "the case service answered " + r.statusCode());
        }
        try {
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new ApiError(502, "the case service's answer could not be read");
        }
    }

    private HttpResponse<String> send(String token, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiError(503, "the case service could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted");
        }
    }
}
