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
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.rjhub.common.config.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the hub's contracts through the registry's Confluent-compatible REST API, so the same
 * code works against Apicurio or a Confluent Schema Registry, and makes each subject BACKWARD
 * compatible: the registry then refuses an incompatible registration. Registering needs the
 * provisioning client's credentials in the connection ({@link RegistryCredentials}); without them
 * the registry answers reads only.
 */
public final class SchemaRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistrar.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final Optional<RegistryCredentials> credentials;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public SchemaRegistrar(KafkaConnection connection) {
        this.baseUrl = connection.ccompatUrl();
        this.credentials = RegistryCredentials.of(connection);
    }

    /** Registers {@code schema} under {@code subject} and sets the subject to BACKWARD; returns the schema id. */
    public int register(String subject, Schema schema) {
        int id = registerVersion(subject, schema);
        setCompatibility(subject, "BACKWARD");
        return id;
    }

    /** Registers every subject of {@code subjects}; returns subject to schema id. */
    public Map<String, Integer> registerAll(Map<String, Schema> subjects) {
        Map<String, Integer> ids = new java.util.TreeMap<>();
        subjects.forEach((subject, schema) -> ids.put(subject, register(subject, schema)));
        LOG.info("Registered {} subjects (BACKWARD compatible)", ids.size());
        return ids;
    }

    /**
     * Registers a new version of a subject.
     *
     * @throws IncompatibleSchemaException when the registry refuses it as incompatible (HTTP 409)
     */
    public int registerVersion(String subject, Schema schema) {
        String body = JSON.createObjectNode()
                .put("schema", schema.toString())
                .put("schemaType", "AVRO")
                .toString();
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/subjects/" + encode(subject) + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() == 409) {
            throw new IncompatibleSchemaException(subject, response.body());
        }
        return json(expectOk(response, "register " + subject)).path("id").asInt();
    }

    /** Sets a subject's compatibility level (BACKWARD, FULL, NONE ...). */
    public void setCompatibility(String subject, String level) {
        String body = JSON.createObjectNode().put("compatibility", level).toString();
        expectOk(
                send(HttpRequest.newBuilder(uri("/config/" + encode(subject)))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))),
                "set compatibility of " + subject);
    }

    /** Asks the registry whether {@code schema} could be registered as the next version of {@code subject}. */
    public boolean isCompatible(String subject, Schema schema) {
        String body = JSON.createObjectNode()
                .put("schema", schema.toString())
                .put("schemaType", "AVRO")
                .toString();
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(uri("/compatibility/subjects/" + encode(subject) + "/versions/latest"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() == 409) {
            return false;
        }
        return json(expectOk(response, "check " + subject))
                .path("is_compatible")
                .asBoolean(false);
    }

    /** True when the registry answers its subject listing (to anyone: reading needs no credentials). */
    public boolean isReachable() {
        try {
            return http.send(
                                    HttpRequest.newBuilder(uri("/subjects"))
                                            .timeout(Duration.ofSeconds(2))
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        credentials.ifPresent(c -> builder.header("Authorization", c.authorization()));
        HttpRequest request = builder.build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RegistryException(
                    "registry at " + baseUrl + " did not answer " + request.method() + " "
                            + request.uri().getPath(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while calling the registry", e);
        }
    }

    private String expectOk(HttpResponse<String> response, String what) {
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RegistryException(
                    "registry refused to " + what + ": HTTP " + response.statusCode()
                            + " (only the hub's provisioning may register, change or delete schemas; "
                            + credentials
                                    .map(c -> "client " + c.clientId() + " may not)")
                                    .orElse("this connection carries no registry credentials)"),
                    null);
        }
        if (response.statusCode() / 100 != 2) {
            throw new RegistryException(
                    "registry refused to " + what + ": HTTP " + response.statusCode() + " " + response.body(), null);
        }
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException("registry answered something that is not JSON", e);
        }
    }

    /** The registry could not be reached or refused a request. */
    public static class RegistryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RegistryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The registry refused a schema as incompatible with the subject's earlier versions. */
    public static final class IncompatibleSchemaException extends RegistryException {
        private static final long serialVersionUID = 1L;

        public IncompatibleSchemaException(String subject, String detail) {
            super("schema for " + subject + " is incompatible with its earlier versions: " + detail, null);
        }
    }
}
