package org.rjhub.lagmonitor;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Everything the lag monitor can be told, checked once at start-up. Built from the environment (or any map with the
 * same keys) by {@link #fromMap(Map)}; every setting has a type, a default, a validation and a line of documentation
 * in {@link Setting}.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param groupFilter       consumer groups to watch: the whole group id must match
 * @param pollInterval      time between two polls of the offsets
 * @param windowSize        offset commits kept per partition for the Burrow evaluation
 * @param windowMinDistance commits closer than this to the previous one replace it instead of taking a slot
 * @param lookupTableSize   (log-end offset, time) points kept per partition to estimate the lag in seconds
 * @param httpPort          port of {@code /metrics}, {@code /lag} and {@code /health/*}; 0 picks a free one
 * @param commitSource      where the offset commits come from
 */
public record LagMonitorConfig(String bootstrapServers, Pattern groupFilter, Duration pollInterval, int windowSize,
        Duration windowMinDistance, int lookupTableSize, int httpPort, CommitSource commitSource) {

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

    /** The settings: key (an environment variable name), default and documentation. */
    public enum Setting {
        BOOTSTRAP_SERVERS("KAFKA_BOOTSTRAP_SERVERS", null,
                "Kafka bootstrap servers, host:port[,host:port]."),
        GROUP_FILTER("LAG_GROUP_FILTER", ".*",
                "Java regex; only consumer groups whose whole id matches are watched."),
        POLL_INTERVAL("LAG_POLL_INTERVAL", "10s",
                "Time between two polls of committed and log-end offsets (500ms, 10s, 1m or ISO-8601 PT10S)."),
        WINDOW_SIZE("LAG_WINDOW_SIZE", "10",
                "Offset commits kept per group and partition for the Burrow evaluation (Burrow's intervals), >= 2."),
        WINDOW_MIN_DISTANCE("LAG_WINDOW_MIN_DISTANCE", "1s",
                "A commit closer than this to the previous one replaces it instead of taking a window slot "
                        + "(Burrow's min-distance), >= 0."),
        LOOKUP_TABLE_SIZE("LAG_LOOKUP_TABLE_SIZE", "60",
                "(log-end offset, time) points kept per partition for the lag in seconds, >= 2."),
        HTTP_PORT("LAG_HTTP_PORT", "9308",
                "HTTP port of /metrics, /lag, /health/live and /health/ready (0 picks a free port)."),
        COMMIT_SOURCE("LAG_COMMIT_SOURCE", "offsets-topic",
                "offsets-topic: read every commit from __consumer_offsets (detects STALL; needs Read on it); "
                        + "poll: derive commits from the polled committed offsets (no STALL).");

        private final String key;
        private final String defaultValue;
        private final String doc;

        Setting(String key, String defaultValue, String doc) {
            this.key = key;
            this.defaultValue = defaultValue;
            this.doc = doc;
        }

        public String key() {
            return key;
        }

        /** The default, or {@code null} when the setting is required. */
        public String defaultValue() {
            return defaultValue;
        }

        public String doc() {
            return doc;
        }
    }

    /** Keys with this prefix that are not a {@link Setting} are refused, so that a typo does not pass unnoticed. */
    static final String PREFIX = "LAG_";

    public LagMonitorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupFilter, "groupFilter");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(windowMinDistance, "windowMinDistance");
        Objects.requireNonNull(commitSource, "commitSource");
        require(!bootstrapServers.isBlank(), Setting.BOOTSTRAP_SERVERS, "must not be blank");
        require(!pollInterval.isNegative() && !pollInterval.isZero(), Setting.POLL_INTERVAL, "must be positive");
        require(windowSize >= 2, Setting.WINDOW_SIZE, "must be at least 2, was " + windowSize);
        require(!windowMinDistance.isNegative(), Setting.WINDOW_MIN_DISTANCE, "must not be negative");
        require(lookupTableSize >= 2, Setting.LOOKUP_TABLE_SIZE, "must be at least 2, was " + lookupTableSize);
        require(httpPort >= 0 && httpPort <= 65_535, Setting.HTTP_PORT, "must be between 0 and 65535, was " + httpPort);
    }

    /**
     * The configuration named by {@code settings} (typically {@code System.getenv()}); missing keys take their
     * default. Other keys are ignored, except unknown ones starting with {@code LAG_}.
     *
     * @throws IllegalArgumentException naming the setting, when a value is missing or invalid
     */
    public static LagMonitorConfig fromMap(Map<String, String> settings) {
        var known = Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toSet());
        var unknown = settings.keySet().stream().filter(k -> k.startsWith(PREFIX) && !known.contains(k))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) " + unknown + "; known: " + new TreeSet<>(known));
        }
        return new LagMonitorConfig(
                get(settings, Setting.BOOTSTRAP_SERVERS, s -> s),
                get(settings, Setting.GROUP_FILTER, LagMonitorConfig::regex),
                get(settings, Setting.POLL_INTERVAL, LagMonitorConfig::duration),
                get(settings, Setting.WINDOW_SIZE, Integer::parseInt),
                get(settings, Setting.WINDOW_MIN_DISTANCE, LagMonitorConfig::duration),
                get(settings, Setting.LOOKUP_TABLE_SIZE, Integer::parseInt),
                get(settings, Setting.HTTP_PORT, Integer::parseInt),
                get(settings, Setting.COMMIT_SOURCE, CommitSource::parse));
    }

    /** The defaults, for the given cluster. */
    public static LagMonitorConfig defaults(String bootstrapServers) {
        return fromMap(Map.of(Setting.BOOTSTRAP_SERVERS.key(), bootstrapServers));
    }

    public LagMonitorConfig withGroupFilter(Pattern filter) {
        return new LagMonitorConfig(bootstrapServers, filter, pollInterval, windowSize, windowMinDistance,
                lookupTableSize, httpPort, commitSource);
    }

    public LagMonitorConfig withPollInterval(Duration interval) {
        return new LagMonitorConfig(bootstrapServers, groupFilter, interval, windowSize, windowMinDistance,
                lookupTableSize, httpPort, commitSource);
    }

    public LagMonitorConfig withWindow(int size, Duration minDistance) {
        return new LagMonitorConfig(bootstrapServers, groupFilter, pollInterval, size, minDistance, lookupTableSize,
                httpPort, commitSource);
    }

    public LagMonitorConfig withHttpPort(int port) {
        return new LagMonitorConfig(bootstrapServers, groupFilter, pollInterval, windowSize, windowMinDistance,
                lookupTableSize, port, commitSource);
    }

    public LagMonitorConfig withCommitSource(CommitSource source) {
        return new LagMonitorConfig(bootstrapServers, groupFilter, pollInterval, windowSize, windowMinDistance,
                lookupTableSize, httpPort, source);
    }

    /** Whether the monitor watches this consumer group. */
    public boolean watches(String groupId) {
        return groupFilter.matcher(groupId).matches();
    }

    /** Settings of the Admin client. */
    public Properties adminProperties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rj-lag-monitor-admin");
        return p;
    }

    /** Settings of the consumer reading {@code __consumer_offsets} (assigned partitions, no group, no commits). */
    public Properties commitReaderProperties() {
        Properties p = new Properties();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, "rj-lag-monitor-commits");
        p.put("enable.auto.commit", "false");
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        p.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        return p;
    }

    /** The settings as a table, for {@code --help} and the README. */
    public static String describe() {
        int keyWidth = Arrays.stream(Setting.values()).mapToInt(s -> s.key().length()).max().orElse(0);
        int defaultWidth = Arrays.stream(Setting.values()).mapToInt(s -> defaultText(s).length()).max().orElse(0);
        return Arrays.stream(Setting.values())
                .map(s -> String.format("  %-" + keyWidth + "s  %-" + defaultWidth + "s  %s", s.key(), defaultText(s),
                        s.doc()))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static String defaultText(Setting s) {
        return s.defaultValue() == null ? "(required)" : s.defaultValue();
    }

    private static <T> T get(Map<String, String> settings, Setting setting, Function<String, T> parser) {
        String text = settings.getOrDefault(setting.key(), setting.defaultValue());
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(setting.key() + " is required: " + setting.doc());
        }
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new IllegalArgumentException(setting.key() + "=" + text + ": " + e.getMessage(), e);
        }
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}). */
    static Duration duration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        return Duration.parse(text);
    }

    private static Pattern regex(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a valid regex: " + e.getDescription(), e);
        }
    }

    private static void require(boolean condition, Setting setting, String message) {
        if (!condition) {
            throw new IllegalArgumentException(setting.key() + " " + message);
        }
    }
}
