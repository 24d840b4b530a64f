package org.rjhub.common.config;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The settings every hub program that talks to Kafka has, defined once: bootstrap servers, schema
 * registry URL and topic prefix, and what a config makes of them (its {@link KafkaConnection} and
 * topic naming).
 */
public final class ConnectionSettings {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String REGISTRY_URL = "rj.registry.url";
    /** Every topic name is this prefix plus the catalogue's name. */
    public static final String TOPIC_PREFIX = "rj.topic.prefix";
    /**
     * A Kafka client properties file of the program's own principal (security protocol, SASL login, trusted CA), as
     * the stock Kafka tools take with {@code --command-config}; environment {@value KafkaConnection#ENV_CLIENT_CONFIG}.
     */
    public static final String CLIENT_CONFIG = "kafka.client.config";
    /**
     * In-process only: the client settings of a {@link KafkaConnection} handed to a config ({@link #with}), a map
     * kept among the config's originals (never a defined setting, so never logged).
     */
    static final String CLIENT_SETTINGS = "rj.kafka.client.settings";

    private ConnectionSettings() {}

    /** Adds the three settings to {@code def}. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(
                        BOOTSTRAP_SERVERS,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        "Kafka bootstrap servers.")
                .define(
                        REGISTRY_URL,
                        Type.STRING,
                        ConfigDef.NO_DEFAULT_VALUE,
                        new ConfigDef.NonEmptyString(),
                        Importance.HIGH,
                        "Schema registry base URL (Apicurio or Confluent-compatible).")
                .define(
                        TOPIC_PREFIX,
                        Type.STRING,
                        "",
                        Importance.LOW,
                        "Prefix for every topic name; empty in production, a namespace in tests.")
                .define(
                        CLIENT_CONFIG,
                        Type.STRING,
                        "",
                        Importance.HIGH,
                        "Kafka client properties file of this program's principal (security.protocol, sasl.*, "
                                + "ssl.*), as the Kafka tools' --command-config; empty for a plaintext cluster.");
    }

    /**
     * {@code overrides} with the connection's bootstrap servers, registry URL and client settings (its principal's:
     * a config made from them connects as that principal).
     */
    public static Map<String, Object> with(KafkaConnection connection, Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put(BOOTSTRAP_SERVERS, connection.bootstrapServers());
        values.put(REGISTRY_URL, connection.registryUrl().toString());
        if (!connection.clientSettings().isEmpty()) {
            values.put(CLIENT_SETTINGS, connection.clientSettings());
        }
        return values;
    }

    /**
     * The connection a config defined with {@link #define} names: its cluster and registry, with the client settings
     * of its {@value #CLIENT_CONFIG} file, or those of the connection it was made from ({@link #with}).
     */
    public static KafkaConnection connection(AbstractConfig config) {
        KafkaConnection plain = KafkaConnection.of(config.getString(BOOTSTRAP_SERVERS), config.getString(REGISTRY_URL));
        String file = config.getString(CLIENT_CONFIG);
        if (file != null && !file.isBlank()) {
            return plain.withClientConfigFile(java.nio.file.Path.of(file));
        }
        if (config.originals().get(CLIENT_SETTINGS) instanceof Map<?, ?> settings) {
            Map<String, String> s = new HashMap<>();
            settings.forEach((k, v) -> s.put(String.valueOf(k), String.valueOf(v)));
            return plain.withClientSettings(s);
        }
        return plain;
    }

    /** Topic names with the config's {@value #TOPIC_PREFIX}. */
    public static UnaryOperator<String> naming(AbstractConfig config) {
        String prefix = config.getString(TOPIC_PREFIX);
        return name -> prefix + name;
    }
}
