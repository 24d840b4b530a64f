package org.rjhub.router.intake;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Writer schemas from the registry's core API ({@code GET <serde url>/ids/contentIds/<id>}: the id in the Confluent
 * framing that Apicurio's serializers write is the content id). Found schemas are cached for good (an id's content
 * never changes); an id the registry does not know is remembered for {@link #UNKNOWN_TTL}, so a flood of records
 * with made-up ids costs one request per id and half minute. Any failure to ask is
 * {@link RegistryUnavailableException} (retried); an HTTP 404 is the record's fault (empty). Thread-safe.
 */
public final class RegistryWriterSchemas implements WriterSchemas {

    static final Duration UNKNOWN_TTL = Duration.ofSeconds(30);
    private static final int MAX_UNKNOWN = 10_000;

    private final String baseUrl;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Schema> known = new ConcurrentHashMap<>();
    private final Map<Integer, Long> unknownUntil = new ConcurrentHashMap<>();

    /** @param serdeRegistryUrl the registry URL Apicurio's serdes take ({@code .../apis/registry/v3}) */
    public RegistryWriterSchemas(String serdeRegistryUrl) {
        this.baseUrl = serdeRegistryUrl.endsWith("/")
                ? serdeRegistryUrl.substring(0, serdeRegistryUrl.length() - 1)
                : serdeRegistryUrl;
    }

    @Override
    public Optional<Schema> byId(int id) {
        if (id <= 0) {
            return Optional.empty(); // registries number schemas from 1
        }
        Schema schema = known.get(id);
        if (schema != null) {
            return Optional.of(schema);
        }
        Long until = unknownUntil.get(id);
        if (until != null && until - System.nanoTime() > 0) {
            return Optional.empty();
        }
        HttpResponse<String> response = fetch(id);
        // 404: no such id; 400: not an id it accepts. Either way the record's id, not the registry, is wrong
        if (response.statusCode() == 404 || response.statusCode() == 400) {
            if (unknownUntil.size() >= MAX_UNKNOWN) {
                unknownUntil.clear();
            }
            unknownUntil.put(id, System.nanoTime() + UNKNOWN_TTL.toNanos());
            return Optional.empty();
        }
        if (response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException(
                    "schema registry answered HTTP " + response.statusCode() + " for schema id " + id, null);
        }
        schema = new Schema.Parser().parse(response.body());
        known.put(id, schema);
        unknownUntil.remove(id);
        return Optional.of(schema);
    }

    private HttpResponse<String> fetch(int id) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/ids/contentIds/" + id))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // whatever its type (a socket's EOFException included), failing to talk to the registry is not the record's
            throw new RegistryUnavailableException("schema registry unavailable looking up schema id " + id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted looking up schema id " + id, e);
        }
    }
}
