package org.rjhub.common.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.rjhub.common.privacy.MasterKey;

/**
 * A service's settings from environment variables: {@value KafkaConnection#ENV_BOOTSTRAP},
 * {@value KafkaConnection#ENV_REGISTRY} and {@value KafkaConnection#ENV_CLIENT_CONFIG} for the connection, {@code <PREFIX><NAME>} for each setting the service
 * defines (its name upper-cased, dots as underscores: {@code state.dir} is {@code RJ_ROUTER_STATE_DIR}), and
 * {@code <PREFIX>STREAMS_<NAME>} for any Kafka Streams, consumer or producer setting passed through as-is
 * ({@code RJ_ROUTER_STREAMS_PRODUCER_LINGER_MS} is {@code streams.producer.linger.ms}). A variable that is set
 * is a setting, even when empty; the config's validation decides whether the value will do.
 */
public final class Environment {

    /** The name prefix of the settings a service passes to Kafka Streams as-is (without the prefix). */
    public static final String STREAMS_PREFIX = "streams.";

    private Environment() {}

    /**
     * @param env          the environment, e.g. {@code System.getenv()}
     * @param prefix       the service's variable prefix, e.g. {@code RJ_ROUTER_}
     * @param definition   the service's settings
     * @param droppedNamePrefixes name prefixes left out of the variable names, the first that matches: the case
     *                     service's {@code rj.cases.http.port} is {@code RJ_CASES_HTTP_PORT} with {@code "rj.cases."}
     * @return the settings found, by setting name
     */
    public static Map<String, Object> settings(
            Map<String, String> env, String prefix, ConfigDef definition, String... droppedNamePrefixes) {
        Map<String, Object> values = new HashMap<>();
        putIfSet(values, "bootstrap.servers", env.get(KafkaConnection.ENV_BOOTSTRAP));
        putIfSet(values, "rj.registry.url", env.get(KafkaConnection.ENV_REGISTRY));
        putIfSet(values, ConnectionSettings.CLIENT_CONFIG, env.get(KafkaConnection.ENV_CLIENT_CONFIG));
        if (definition.names().contains(MasterKey.SETTING)) {
            putIfSet(values, MasterKey.SETTING, env.get(MasterKey.ENV));
        }
        if (definition.names().contains(MasterKey.KMS_SETTING)) {
            putIfSet(values, MasterKey.KMS_SETTING, env.get(MasterKey.KMS_ENV));
        }
        String streams = prefix + variablePart(STREAMS_PREFIX);
        env.forEach((key, value) -> {
            if (key.startsWith(streams) && key.length() > streams.length()) {
                values.put(
                        STREAMS_PREFIX
                                + key.substring(streams.length())
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', '.'),
                        value);
            }
        });
        for (String name : definition.names()) {
            putIfSet(values, name, env.get(variable(prefix, name, droppedNamePrefixes)));
        }
        return values;
    }

    /**
     * The variables with the service's prefix that name none of its settings (nor a {@code <PREFIX>STREAMS_} one),
     * sorted: typos, for a service that refuses them.
     */
    public static List<String> unknownVariables(
            Map<String, String> env, String prefix, ConfigDef definition, String... droppedNamePrefixes) {
        Set<String> known = definition.names().stream()
                .map(name -> variable(prefix, name, droppedNamePrefixes))
                .collect(Collectors.toSet());
        String streams = prefix + variablePart(STREAMS_PREFIX);
        return env.keySet().stream()
                .filter(key -> key.startsWith(prefix) && !key.startsWith(streams))
                .filter(key -> !known.contains(key))
                .sorted()
                .toList();
    }

    /** The settings as lines of variable, default and meaning (for {@code --help}), connection variables first. */
    public static String describe(String prefix, ConfigDef definition, String... droppedNamePrefixes) {
        Map<String, String> variables = new java.util.TreeMap<>();
        Map<String, ConfigDef.ConfigKey> keys = definition.configKeys();
        for (String name : definition.names()) {
            String variable = switch (name) {
                case ConnectionSettings.BOOTSTRAP_SERVERS -> KafkaConnection.ENV_BOOTSTRAP;
                case ConnectionSettings.REGISTRY_URL -> KafkaConnection.ENV_REGISTRY;
                case ConnectionSettings.CLIENT_CONFIG -> KafkaConnection.ENV_CLIENT_CONFIG;
                case MasterKey.SETTING -> MasterKey.ENV;
                case MasterKey.KMS_SETTING -> MasterKey.KMS_ENV;
                default -> variable(prefix, name, droppedNamePrefixes);
            };
            variables.put(variable, name);
        }
        int width = variables.keySet().stream().mapToInt(String::length).max().orElse(0);
        int defaultWidth = keys.values().stream()
                .mapToInt(k -> defaultText(k).length())
                .max()
                .orElse(0);
        return variables.entrySet().stream()
                .map(e -> String.format(
                        "  %-" + width + "s  %-" + defaultWidth + "s  %s",
                        e.getKey(),
                        defaultText(keys.get(e.getValue())),
                        keys.get(e.getValue()).documentation))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static String defaultText(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return "(hidden)";
        }
        Object value = key.defaultValue;
        if (value instanceof List<?> list) {
            return list.isEmpty()
                    ? "(none)"
                    : list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
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
