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
                        "Prefix for every topic name; empty in production, a namespace in tests.");
    }

    /** {@code overrides} with the connection's bootstrap servers and registry URL. */
    public static Map<String, Object> with(KafkaConnection connection, Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put(BOOTSTRAP_SERVERS, connection.bootstrapServers());
        values.put(REGISTRY_URL, connection.registryUrl().toString());
        return values;
    }

    /** The connection a config defined with {@link #define} names. */
    public static KafkaConnection connection(AbstractConfig config) {
        return KafkaConnection.of(config.getString(BOOTSTRAP_SERVERS), config.getString(REGISTRY_URL));
    }

    /** Topic names with the config's {@value #TOPIC_PREFIX}. */
    public static UnaryOperator<String> naming(AbstractConfig config) {
        String prefix = config.getString(TOPIC_PREFIX);
        return name -> prefix + name;
    }
}
