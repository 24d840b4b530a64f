package org.rjhub.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where the cluster and the schema registry are, and how a client authenticates to the cluster.
 * Every service and the CLI derive their client settings from this one value.
 *
 * @param bootstrapServers Kafka bootstrap servers, e.g. {@code 127.0.0.1:9092}
 * @param registryUrl      the registry's base URL, e.g. {@code http://127.0.0.1:8080} (no API path)
 * @param clientSettings   further Kafka client settings every client of this connection gets, e.g.
 *                         {@code security.protocol}, {@code sasl.*} and {@code ssl.*} for one principal;
 *                         empty for a plaintext cluster. May hold secrets: {@link #toString()} masks them.
 */
public record KafkaConnection(String bootstrapServers, URI registryUrl, Map<String, String> clientSettings) {

    /** Environment variable naming an existing cluster. */
    public static final String ENV_BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    /** Environment variable naming an existing registry (base URL). */
    public static final String ENV_REGISTRY = "RJ_REGISTRY_URL";
    /**
     * Environment variable naming a Kafka client properties file (security settings of one principal), as the stock
     * Kafka tools take with {@code --command-config}; optional.
     */
    public static final String ENV_CLIENT_CONFIG = "KAFKA_CLIENT_CONFIG_FILE";

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
        clientSettings = Map.copyOf(clientSettings);
        if (clientSettings.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("client settings must not name bootstrap servers; they are a component");
        }
    }

    /** A connection without further client settings (a plaintext cluster). */
    public KafkaConnection(String bootstrapServers, URI registryUrl) {
        this(bootstrapServers, registryUrl, Map.of());
    }

    public static KafkaConnection of(String bootstrapServers, String registryUrl) {
        return new KafkaConnection(bootstrapServers, URI.create(stripSlash(registryUrl)));
    }

    /**
     * The pair named by {@link #ENV_BOOTSTRAP} and {@link #ENV_REGISTRY}, if both are set, with the client settings of
     * the file {@link #ENV_CLIENT_CONFIG} names, if set.
     */
    public static java.util.Optional<KafkaConnection> fromEnvironment(Map<String, String> env) {
        String bootstrap = env.get(ENV_BOOTSTRAP);
        String registry = env.get(ENV_REGISTRY);
        if (bootstrap == null || bootstrap.isBlank() || registry == null || registry.isBlank()) {
            return java.util.Optional.empty();
        }
        String clientConfig = env.get(ENV_CLIENT_CONFIG);
        KafkaConnection connection = of(bootstrap, registry);
        return java.util.Optional.of(
                clientConfig == null || clientConfig.isBlank()
                        ? connection
                        : connection.withClientConfigFile(Path.of(clientConfig)));
    }

    /** The same cluster and registry with {@code settings} as the client settings (replacing any before). */
    public KafkaConnection withClientSettings(Map<String, String> settings) {
        return new KafkaConnection(bootstrapServers, registryUrl, settings);
    }

    /**
     * The same cluster and registry with the client settings of a Kafka client properties file (as
     * the stock Kafka tools take with {@code --command-config}); a {@code bootstrap.servers} in the
     * file is ignored in favour of this connection's.
     */
    public KafkaConnection withClientConfigFile(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read client config " + file, e);
        }
        p.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return withClientSettings(p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty)));
    }

    /** The URL Apicurio's serdes take. */
    public String serdeRegistryUrl() {
        return stripSlash(registryUrl.toString()) + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for any client that speaks Confluent's REST protocol. */
    public String ccompatUrl() {
        return stripSlash(registryUrl.toString()) + "/apis/ccompat/v7";
    }

    /** Bootstrap servers and the client settings, shared by every client of this connection. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** Names the cluster and registry; client settings that may hold a secret are masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientSettings.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
        return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", registryUrl=" + registryUrl
                + ", clientSettings=" + shown + "]";
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.contains("jaas")
                || k.contains("password")
                || k.endsWith(".key")
                || k.contains("secret")
                || k.contains("token");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
