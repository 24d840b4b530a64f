package org.rjhub.lagmonitor.business;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Business lag read from a service that owns the data, e.g. the case service's
 * {@code GET /business-lag}: a JSON array of {@code {"measure", "queue", "ageSeconds"}}.
 */
public final class HttpBusinessLagSource implements BusinessLagSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI uri;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public HttpBusinessLagSource(URI uri) {
        this.uri = uri;
    }

    /** Sources from a comma-separated list of URLs (environment {@code RJ_BUSINESS_LAG_URLS}); none when blank. */
    public static List<BusinessLagSource> fromList(String urls) {
        List<BusinessLagSource> sources = new ArrayList<>();
        if (urls != null) {
            for (String url : urls.split(",")) {
                if (!url.isBlank()) {
                    sources.add(new HttpBusinessLagSource(URI.create(url.trim())));
                }
            }
        }
        return sources;
    }

    @Override
    public List<BusinessLag> read(Instant now) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(3))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "business lag source " + uri + " answered HTTP " + response.statusCode());
            }
            return parse(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("business lag source " + uri + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static List<BusinessLag> parse(JsonNode array) {
        List<BusinessLag> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(new BusinessLag(
                    n.path("measure").asText(),
                    n.path("queue").asText(),
                    Duration.ofSeconds(n.path("ageSeconds").asLong())));
        }
        return out;
    }
}
