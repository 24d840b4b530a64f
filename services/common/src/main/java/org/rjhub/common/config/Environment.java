package org.rjhub.common.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A service's settings from environment variables: {@value KafkaConnection#ENV_BOOTSTRAP} and
 * {@value KafkaConnection#ENV_REGISTRY} for the connection, {@code <PREFIX><NAME>} for each setting the service
 * defines (its name upper-cased, dots as underscores: {@code state.dir} is {@code RJ_ROUTER_STATE_DIR}), and
 * {@code <PREFIX>STREAMS_<NAME>} for any Kafka Streams, consumer or producer setting passed through as-is
 * ({@code RJ_ROUTER_STREAMS_PRODUCER_LINGER_MS} is {@code streams.producer.linger.ms}). A variable that is set
 * is a setting, even when empty; the config's validation decides whether the value will do.
 */
public final class Environment {

    /** The name prefix of the settings a service passes to Kafka Streams as-is (without the prefix). */
    public static final String STREAMS_PREFIX = "streams.";

    private Environment() {
    }

    /**
     * @param env          the environment, e.g. {@code System.getenv()}
     * @param prefix       the service's variable prefix, e.g. {@code RJ_ROUTER_}
     * @param definition   the service's settings
     * @param droppedNamePrefixes name prefixes left out of the variable names, the first that matches: the case
     *                     service's {@code rj.cases.http.port} is {@code RJ_CASES_HTTP_PORT} with {@code "rj.cases."}
     * @return the settings found, by setting name
     */
    public static Map<String, Object> settings(Map<String, String> env, String prefix, ConfigDef definition,
                                               String... droppedNamePrefixes) {
        Map<String, Object> values = new HashMap<>();
        putIfSet(values, "bootstrap.servers", env.get(KafkaConnection.ENV_BOOTSTRAP));
        putIfSet(values, "rj.registry.url", env.get(KafkaConnection.ENV_REGISTRY));
        String streams = prefix + variablePart(STREAMS_PREFIX);
        env.forEach((key, value) -> {
            if (key.startsWith(streams) && key.length() > streams.length()) {
                values.put(STREAMS_PREFIX + key.substring(streams.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        value);
            }
        });
        for (String name : definition.names()) {
            putIfSet(values, name, env.get(variable(prefix, name, droppedNamePrefixes)));
        }
        return values;
    }

    /** The variable of setting {@code name}: {@code variable("RJ_FACTS_", "state.dir")} is {@code RJ_FACTS_STATE_DIR}. */
    public static String variable(String prefix, String name, String... droppedNamePrefixes) {
        for (String dropped : droppedNamePrefixes) {
            if (name.startsWith(dropped)) {
                return prefix + variablePart(name.substring(dropped.length()));
            }
        }
        return prefix + variablePart(name);
    }

    private static String variablePart(String name) {
        return name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void putIfSet(Map<String, Object> values, String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
    }
}
