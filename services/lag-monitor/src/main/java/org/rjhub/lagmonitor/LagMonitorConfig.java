package org.rjhub.lagmonitor;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.rjhub.common.config.ConnectionSettings;
import org.rjhub.common.config.Environment;
import org.rjhub.common.config.HttpSettings;

/**
 * Everything the lag monitor can be told, checked once at start-up, in the hub's one configuration style: each setting
 * with type, default, validation and doc ({@link ConfigDef}), read from the environment as every service's are
 * ({@link Environment}): {@code KAFKA_BOOTSTRAP_SERVERS}, then {@code RJ_LAG_<NAME>} with the monitor's own
 * {@code rj.lag.} left out ({@code rj.lag.poll.interval.ms} is {@code RJ_LAG_POLL_INTERVAL_MS}) and the shared ones in
 * full ({@code rj.http.port} is {@code RJ_LAG_RJ_HTTP_PORT}). An unknown {@code RJ_LAG_} variable is refused, so that
 * a typo does not pass unnoticed.
 */
public final class LagMonitorConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    /** A Kafka client properties file of the monitor's principal (TLS, SASL): {@code KAFKA_CLIENT_CONFIG}. */
    public static final String CLIENT_CONFIG = ConnectionSettings.CLIENT_CONFIG;

    public static final String GROUP_FILTER = "rj.lag.group.filter";
    public static final String POLL_INTERVAL_MS = "rj.lag.poll.interval.ms";
    public static final String WINDOW_SIZE = "rj.lag.window.size";
    public static final String WINDOW_MIN_DISTANCE_MS = "rj.lag.window.min.distance.ms";
    public static final String LOOKUP_TABLE_SIZE = "rj.lag.lookup.table.size";
    public static final String COMMIT_SOURCE = "rj.lag.commit.source";
    public static final String BUSINESS_LAG_URLS = "rj.lag.business.lag.urls";
    public static final String HTTP_PORT = HttpSettings.PORT;
    public static final String HTTP_HOST = HttpSettings.HOST;

    /** Prefix of the environment variables. */
    public static final String ENV_PREFIX = "RJ_LAG_";
    /** The monitor's own name space, left out of its variables' names. */
    static final String OWN_PREFIX = "rj.lag.";

    /** Where the Burrow window's offset commits are read. */
    public enum CommitSource {
        /**
         * Every commit, with the broker's commit timestamp, read from {@code __consumer_offsets} as Burrow does.
         * Needs Describe and Read on that topic. Sees a consumer that keeps committing the same offset (STALL).
         */
        OFFSETS_TOPIC,
        /**
         * Only the committed offsets the Admin client returns each poll; a change becomes a commit at poll time.
         * Needs no rights on internal topics, but cannot tell STALL from STOP (both show an unchanged offset).
         */
        POLL;

        static CommitSource parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "offsets-topic" -> OFFSETS_TOPIC;
                case "poll" -> POLL;
                default -> throw new IllegalArgumentException("must be offsets-topic or poll");
            };
        }

        /** The value as written in the configuration. */
        public String text() {
            return this == OFFSETS_TOPIC ? "offsets-topic" : "poll";
        }
    }

    private static final ConfigDef DEF = HttpSettings.define(
                    new ConfigDef(), 9308, "/metrics, /lag, /health/live and /health/ready (9308 is kafka_exporter's)")
            .define(
                    BOOTSTRAP_SERVERS,
                    Type.STRING,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Kafka bootstrap servers, host:port[,host:port].")
            .define(
                    CLIENT_CONFIG,
                    Type.STRING,
                    "",
                    Importance.HIGH,
                    "A Kafka client properties file with the monitor's principal's security settings (TLS, SASL), as "
                            + "the stock Kafka tools take with --command-config; empty on a plaintext cluster. "
                            + "Environment: KAFKA_CLIENT_CONFIG.")
            .define(
                    GROUP_FILTER,
                    Type.STRING,
                    ".*",
                    (name, value) -> {
                        try {
                            Pattern.compile((String) value);
                        } catch (PatternSyntaxException e) {
                            throw new ConfigException(name, value, "not a valid regex: " + e.getDescription());
                        }
                    },
                    Importance.MEDIUM,
                    "Java regex; only consumer groups whose whole id matches are watched.")
            .define(
                    POLL_INTERVAL_MS,
                    Type.LONG,
                    10_000L,
                    ConfigDef.Range.atLeast(1),
                    Importance.MEDIUM,
                    "Time between two polls of committed and log-end offsets.")
            .define(
                    WINDOW_SIZE,
                    Type.INT,
                    10,
                    ConfigDef.Range.atLeast(2),
                    Importance.LOW,
                    "Offset commits kept per group and partition for the Burrow evaluation (Burrow's intervals).")
            .define(
                    WINDOW_MIN_DISTANCE_MS,
                    Type.LONG,
                    1_000L,
                    ConfigDef.Range.atLeast(0),
                    Importance.LOW,
                    "A commit closer than this to the previous one replaces it instead of taking a window slot "
                            + "(Burrow's min-distance).")
            .define(
                    LOOKUP_TABLE_SIZE,
                    Type.INT,
                    60,
                    ConfigDef.Range.atLeast(2),
                    Importance.LOW,
                    "(log-end offset, time) points kept per partition for the lag in seconds.")
            .define(
                    COMMIT_SOURCE,
                    Type.STRING,
                    CommitSource.OFFSETS_TOPIC.text(),
                    ConfigDef.ValidString.in(CommitSource.OFFSETS_TOPIC.text(), CommitSource.POLL.text()),
                    Importance.MEDIUM,
                    "offsets-topic: read every commit from __consumer_offsets (detects STALL; "
                            + "needs Read on it); poll: derive commits from the polled committed offsets (no STALL).")
            .define(
                    BUSINESS_LAG_URLS,
                    Type.LIST,
                    List.of(),
                    Importance.LOW,
                    "Services serving business lag as JSON, e.g. http://<case-service>/business-lag (comma-separated).");

    private final Pattern groupFilter;

    public LagMonitorConfig(Map<?, ?> values) {
        super(DEF, values);
        this.groupFilter = Pattern.compile(getString(GROUP_FILTER));
    }

    /**
     * The configuration the environment names (typically {@code System.getenv()}); settings not set take their
     * default.
     *
     * @throws ConfigException naming the setting, when a value is missing or invalid, or a {@code RJ_LAG_} variable
     *                         is not a setting
     */
    public static LagMonitorConfig fromEnvironment(Map<String, String> env) {
        List<String> unknown = Environment.unknownVariables(env, ENV_PREFIX, DEF, OWN_PREFIX);
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting(s) " + unknown + "; known: "
                    + DEF.names().stream()
                            .map(LagMonitorConfig::variable)
                            .sorted()
                            .toList());
        }
        return new LagMonitorConfig(Environment.settings(env, ENV_PREFIX, DEF, OWN_PREFIX));
    }

    /** The defaults, for the given cluster. */
    public static LagMonitorConfig defaults(String bootstrapServers) {
        return new LagMonitorConfig(Map.of(BOOTSTRAP_SERVERS, bootstrapServers));
    }

    public static ConfigDef definition() {
        return DEF;
    }

    /** The environment variable of a setting: {@code RJ_LAG_POLL_INTERVAL_MS}, {@code RJ_LAG_RJ_HTTP_PORT}. */
    public static String variable(String setting) {
        if (CLIENT_CONFIG.equals(setting)) {
            return org.rjhub.common.config.KafkaConnection.ENV_CLIENT_CONFIG;
        }
        return BOOTSTRAP_SERVERS.equals(setting)
                ? org.rjhub.common.config.KafkaConnection.ENV_BOOTSTRAP
                : Environment.variable(ENV_PREFIX, setting, OWN_PREFIX);
    }

    /** With a client config file of the principal's security settings; empty for none. */
    public LagMonitorConfig withClientConfig(String file) {
        return with(CLIENT_CONFIG, file);
    }

    public LagMonitorConfig withGroupFilter(Pattern filter) {
        return with(GROUP_FILTER, filter.pattern());
    }

    public LagMonitorConfig withPollInterval(Duration interval) {
        return with(POLL_INTERVAL_MS, interval.toMillis());
    }

    public LagMonitorConfig withWindow(int size, Duration minDistance) {
        return with(WINDOW_SIZE, size).with(WINDOW_MIN_DISTANCE_MS, minDistance.toMillis());
    }

    public LagMonitorConfig withHttpPort(int port) {
        return with(HTTP_PORT, port);
    }

    public LagMonitorConfig withCommitSource(CommitSource source) {
        return with(COMMIT_SOURCE, source.text());
    }

    private LagMonitorConfig with(String setting, Object value) {
        Map<String, Object> values = new HashMap<>(originals());
        values.put(setting, value);
        return new LagMonitorConfig(values);
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS);
    }

    /** Consumer groups to watch: the whole group id must match. */
    public Pattern groupFilter() {
        return groupFilter;
    }

    /** Time between two polls of the offsets. */
    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
    }

    /** Offset commits kept per partition for the Burrow evaluation. */
    public int windowSize() {
        return getInt(WINDOW_SIZE);
    }

    /** Commits closer than this to the previous one replace it instead of taking a slot. */
    public Duration windowMinDistance() {
        return Duration.ofMillis(getLong(WINDOW_MIN_DISTANCE_MS));
    }

    /** (log-end offset, time) points kept per partition to estimate the lag in seconds. */
    public int lookupTableSize() {
        return getInt(LOOKUP_TABLE_SIZE);
    }

    /** Port of {@code /metrics}, {@code /lag} and {@code /health/*}: 0 picks a free one, -1 serves none. */
    public int httpPort() {
        return HttpSettings.port(this);
    }

    /** The address the HTTP port binds (loopback by default). */
    public String httpHost() {
        return HttpSettings.host(this);
    }

    /** Where the offset commits come from. */
    public CommitSource commitSource() {
        return CommitSource.parse(getString(COMMIT_SOURCE));
    }

    /** The services serving business lag ({@value #BUSINESS_LAG_URLS}). */
    public List<String> businessLagUrls() {
        return getList(BUSINESS_LAG_URLS).stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** Whether the monitor watches this consumer group. */
    public boolean watches(String groupId) {
        return groupFilter.matcher(groupId).matches();
    }

    /** Settings of the Admin client. */
    public Properties adminProperties() {
        Properties p = clientConfig();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rj-lag-monitor-admin");
        return p;
    }

    /** Settings of the consumer reading {@code __consumer_offsets} (assigned partitions, no group, no commits). */
    public Properties commitReaderProperties() {
        Properties p = clientConfig();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rj-lag-monitor-commits");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return p;
    }

    /** The principal's security settings from {@link #CLIENT_CONFIG}, empty when none is named. */
    private Properties clientConfig() {
        String file = getString(CLIENT_CONFIG);
        Properties p = new Properties();
        if (file == null || file.isBlank()) {
            return p;
        }
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(file))) {
            p.load(in);
        } catch (java.io.IOException e) {
            throw new ConfigException(CLIENT_CONFIG, file, "cannot be read: " + e.getMessage());
        }
        return p;
    }

    /** The settings as a table (environment variable, default, meaning), for {@code --help} and the README. */
    public static String describe() {
        return Environment.describe(ENV_PREFIX, DEF, OWN_PREFIX);
    }
}
