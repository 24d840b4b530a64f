package org.rjhub.cases;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.rjhub.cases.errors.RefusingExceptionHandlers;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;

/** The case service's settings: type, default, validation and doc each, checked at start-up. */
public final class CasesConfig extends AbstractConfig {

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String REGISTRY_URL = "rj.registry.url";
    public static final String TOPIC_PREFIX = "rj.topic.prefix";
    public static final String STATE_DIR = "state.dir";
    public static final String THREADS = "num.stream.threads";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String HTTP_PORT = "rj.cases.http.port";
    public static final String FIRST_CONTACT_WORKING_DAYS = "rj.cases.sla.first.contact.working.days";
    public static final String NO_PROGRESS_DAYS = "rj.cases.sla.no.progress.days";
    public static final String REMINDER_LEAD_DAYS = "rj.cases.reminder.lead.days";
    public static final String TIMER_GRACE_MS = "rj.cases.timer.grace.ms";
    public static final String SWEEP_STREAM_TIME_MS = "rj.cases.sweep.stream.time.interval.ms";
    public static final String SWEEP_WALL_CLOCK_MS = "rj.cases.sweep.wall.clock.interval.ms";
    public static final String BANK_HOLIDAYS = "rj.cases.bank.holidays";
    public static final String ZONE = "rj.cases.zone";

    /** England and Wales bank holidays, 2025 to 2027 (gov.uk); operations extend the list. */
    static final List<String> ENGLAND_AND_WALES_BANK_HOLIDAYS = List.of(
            "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
            "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28");

    private static final ConfigDef DEF = RetryBackoff.define(new ConfigDef())
            .define(APPLICATION_ID, Type.STRING, "rj-cases", Importance.HIGH,
                    "Kafka Streams application id; prefixes the service's internal topics and its consumer group.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka bootstrap servers.")
            .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry base URL (Apicurio or Confluent-compatible).")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix for every topic name; empty in production, a namespace in tests.")
            .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/rj-cases", Importance.MEDIUM,
                    "Folder of the RocksDB state stores.")
            .define(THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.MEDIUM, "Stream threads.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, ConfigDef.Range.atLeast(10), Importance.LOW,
                    "Transaction commit interval (exactly-once): lower means lower latency, more transactions.")
            .define(HTTP_PORT, Type.INT, 7080, ConfigDef.Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of the facilitators' HTTP API; 0 picks a free one, -1 serves none.")
            .define(FIRST_CONTACT_WORKING_DAYS, Type.INT, 10, ConfigDef.Range.between(1, 365), Importance.MEDIUM,
                    "Service level: first contact with a party within this many working days of the referral.")
            .define(NO_PROGRESS_DAYS, Type.INT, 30, ConfigDef.Range.between(1, 3650), Importance.MEDIUM,
                    "Service level: an open case with nothing recorded for this many days is escalated.")
            .define(REMINDER_LEAD_DAYS, Type.INT, 3, ConfigDef.Range.between(0, 365), Importance.MEDIUM,
                    "Days before an agreement action's due date that the facilitators' queue is reminded.")
            .define(TIMER_GRACE_MS, Type.LONG, Duration.ofHours(1).toMillis(), ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How long after a deadline the hub waits before acting, so slightly late events raise no false alarm.")
            .define(SWEEP_STREAM_TIME_MS, Type.LONG, Duration.ofMinutes(1).toMillis(), ConfigDef.Range.atLeast(1),
                    Importance.LOW, "How much stream time passes between sweeps of the deadlines.")
            .define(SWEEP_WALL_CLOCK_MS, Type.LONG, Duration.ofMinutes(1).toMillis(), ConfigDef.Range.atLeast(0),
                    Importance.LOW, "Wall-clock time between sweeps of the deadlines while topics are quiet; 0 turns "
                            + "wall-clock sweeps off (e.g. while replaying a backlog older than the service levels).")
            .define(BANK_HOLIDAYS, Type.LIST, ENGLAND_AND_WALES_BANK_HOLIDAYS, Importance.LOW,
                    "Bank holidays (ISO dates): not working days for the first-contact service level.")
            .define(ZONE, Type.STRING, "Europe/London", Importance.LOW, "Zone of due dates and working days.");

    public CasesConfig(Map<String, ?> values) {
        super(DEF, values);
        serviceLevels(); // fails at start-up on a bad date or zone
    }

    public static CasesConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put(BOOTSTRAP_SERVERS, connection.bootstrapServers());
        values.put(REGISTRY_URL, connection.registryUrl().toString());
        return new CasesConfig(values);
    }

    public static ConfigDef definition() {
        return DEF;
    }

    public KafkaConnection connection() {
        return KafkaConnection.of(getString(BOOTSTRAP_SERVERS), getString(REGISTRY_URL));
    }

    public UnaryOperator<String> naming() {
        String prefix = getString(TOPIC_PREFIX);
        return name -> prefix + name;
    }

    public int httpPort() {
        return getInt(HTTP_PORT);
    }

    /** How stream threads failing on retriable errors are retried (settings {@code rj.retry.*}). */
    public RetryBackoff retryBackoff() {
        return RetryBackoff.from(this);
    }

    public ServiceLevels serviceLevels() {
        try {
            Set<LocalDate> holidays = getList(BANK_HOLIDAYS).stream().map(String::trim).filter(s -> !s.isEmpty())
                    .map(LocalDate::parse).collect(Collectors.toSet());
            return new ServiceLevels(getInt(FIRST_CONTACT_WORKING_DAYS), Duration.ofDays(getInt(NO_PROGRESS_DAYS)),
                    Duration.ofDays(getInt(REMINDER_LEAD_DAYS)), Duration.ofMillis(getLong(TIMER_GRACE_MS)), holidays,
                    ZoneId.of(getString(ZONE)));
        } catch (DateTimeException e) {
            throw new ConfigException("bad date or zone in " + BANK_HOLIDAYS + " / " + ZONE + ": " + e.getMessage());
        }
    }

    public Duration streamTimeSweep() {
        return Duration.ofMillis(getLong(SWEEP_STREAM_TIME_MS));
    }

    public Duration wallClockSweep() {
        return Duration.ofMillis(getLong(SWEEP_WALL_CLOCK_MS));
    }

    /** Kafka Streams settings: exactly-once v2, the refusing handlers, state folder. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(THREADS));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RefusingExceptionHandlers.Deserialization.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RefusingExceptionHandlers.Processing.class);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        // the next transaction may meet the last one's markers still being written; retry in 10 ms,
        // not the default 100 (KAFKA-20000; see RouterConfig)
        p.put(StreamsConfig.producerPrefix("retry.backoff.ms"), 10);
        p.put(REGISTRY_URL, getString(REGISTRY_URL));
        p.put(TOPIC_PREFIX, getString(TOPIC_PREFIX));
        return p;
    }
}
