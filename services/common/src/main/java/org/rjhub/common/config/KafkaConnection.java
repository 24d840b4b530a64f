package org.rjhub.common.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the cluster and the schema registry are. Every service and the CLI derive their client
 * settings from this one value.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param registryUrl      the registry's base URL, e.g. {@code http://127.0.0.1:8080} (no API path)
 */
public record KafkaConnection(String bootstrapServers, URI registryUrl) {

    /** Environment variable naming an existing cluster. */
    public static final String ENV_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    /** Environment variable naming an existing registry (base URL). */
    public static final String ENV_REGISTRY = "RJ_REGISTRY_URL";

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(registryUrl, "registryUrl");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrap servers must not be blank");
        }
        String path = registryUrl.getPath();
        if (path != null && path.length() > 1) {
            throw new IllegalArgumentException("registry URL must be the base URL without a path, got " + registryUrl);
        }
    }

    public static KafkaConnection of(String bootstrapServers, String registryUrl) {
        return new KafkaConnection(bootstrapServers, URI.create(stripSlash(registryUrl)));
    }

    /** The pair named by {@link #ENV_BOOTSTRAP} and {@link #ENV_REGISTRY}, if both are set. */
    public static java.util.Optional<KafkaConnection> fromEnvironment(Map<String, String> env) {
        String bootstrap = env.get(ENV_BOOTSTRAP);
        String registry = env.get(ENV_REGISTRY);
        if (bootstrap == null || bootstrap.isBlank() || registry == null || registry.isBlank()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(of(bootstrap, registry));
    }

    /** The URL Apicurio's serdes take. */
    public String serdeRegistryUrl() {
        return stripSlash(registryUrl.toString()) + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for any client that speaks Confluent's REST protocol. */
    public String ccompatUrl() {
        return stripSlash(registryUrl.toString()) + "/apis/ccompat/v7";
    }

    /** Bootstrap settings shared by every client. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
