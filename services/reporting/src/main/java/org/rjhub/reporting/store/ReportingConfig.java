package org.rjhub.reporting.store;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;
import org.rjhub.common.config.ConnectionSettings;
import org.rjhub.common.config.HttpSettings;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.schemas.Contracts;

/** The reporting consumer's settings: type, default, validation and doc each, checked at start-up. */
public final class ReportingConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final String REGISTRY_URL = ConnectionSettings.REGISTRY_URL;
    public static final String TOPIC_PREFIX = ConnectionSettings.TOPIC_PREFIX;
    public static final String GROUP_ID = "group.id";
    public static final String JDBC_URL = "jdbc.url";
    public static final String JDBC_USER = "jdbc.user";
    public static final String JDBC_PASSWORD = "jdbc.password";
    public static final String MAX_POLL_RECORDS = "max.poll.records";
    public static final String POLL_TIMEOUT_MS = "poll.timeout.ms";
    public static final String HTTP_PORT = HttpSettings.PORT;
    public static final String HTTP_HOST = HttpSettings.HOST;

    /** Prefix of the environment variables, e.g. {@code RJ_REPORTING_JDBC_URL}. */
    public static final String ENV_PREFIX = "RJ_REPORTING_";

    private static final ConfigDef DEF = HttpSettings.define(
                    ConnectionSettings.define(RetryBackoff.define(new ConfigDef())),
                    8083,
                    "/health/live, /health/ready and /metrics")
            .define(
                    GROUP_ID,
                    Type.STRING,
                    "rj-reporting-sql",
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "Consumer group. Its positions live in the database (rpt_consumer_offsets); the group's offsets "
                            + "in Kafka are only a copy for lag monitoring.")
            .define(
                    JDBC_URL,
                    Type.STRING,
                    defaultJdbcUrl(),
                    new ConfigDef.NonEmptyString(),
                    Importance.HIGH,
                    "JDBC URL of the reporting database: the embedded H2 file by default, or "
                            + "jdbc:postgresql://host:5432/db for PostgreSQL.")
            .define(JDBC_USER, Type.STRING, "sa", Importance.MEDIUM, "Database user.")
            .define(JDBC_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM, "Database password.")
            .define(
                    MAX_POLL_RECORDS,
                    Type.INT,
                    500,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "Most facts per poll, and so per database transaction.")
            .define(
                    POLL_TIMEOUT_MS,
                    Type.LONG,
                    500L,
                    ConfigDef.Range.atLeast(1),
                    Importance.LOW,
                    "How long one poll waits for facts.");

    public ReportingConfig(Map<String, ?> values) {
        super(DEF, values);
    }

    public static ReportingConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        return new ReportingConfig(ConnectionSettings.with(connection, overrides));
    }

    /**
     * Settings from the environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code RJ_REGISTRY_URL}, and
     * {@code RJ_REPORTING_<SETTING>} for any other (dots as underscores, e.g. {@code RJ_REPORTING_JDBC_URL}).
     */
    public static ReportingConfig fromEnvironment(Map<String, String> env) {
        Map<String, Object> values = new HashMap<>();
        putIfSet(values, BOOTSTRAP_SERVERS, env.get(KafkaConnection.ENV_BOOTSTRAP));
        putIfSet(values, REGISTRY_URL, env.get(KafkaConnection.ENV_REGISTRY));
        putIfSet(
                values,
                org.rjhub.common.config.ConnectionSettings.CLIENT_CONFIG,
                env.get(KafkaConnection.ENV_CLIENT_CONFIG));
        for (String name : DEF.names()) {
            putIfSet(values, name, env.get(envName(name)));
        }
        return new ReportingConfig(values);
    }

    /** The environment variable of a setting. */
    public static String envName(String setting) {
        return ENV_PREFIX + setting.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void putIfSet(Map<String, Object> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
    }

    /**
     * The embedded database's default file, {@code .rj-data/reporting/reporting} under the hub's folder (the
     * {@code rj.home} property the {@code hub} launcher sets, else the working folder). AUTO_SERVER lets
     * {@code hub report} read it while the consumer writes.
     */
    public static String defaultJdbcUrl() {
        String home = System.getProperty("rj.home", System.getProperty("user.dir"));
        return "jdbc:h2:" + Path.of(home, ".rj-data", "reporting", "reporting").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    }

    public static ConfigDef definition() {
        return DEF;
    }

    public KafkaConnection connection() {
        return ConnectionSettings.connection(this);
    }

    public String factsTopic() {
        return getString(TOPIC_PREFIX) + Contracts.CASE_FACTS_TOPIC;
    }

    public String groupId() {
        return getString(GROUP_ID);
    }

    public String jdbcUrl() {
        return getString(JDBC_URL);
    }

    public String jdbcUser() {
        return getString(JDBC_USER);
    }

    public String jdbcPassword() {
        Password p = getPassword(JDBC_PASSWORD);
        return p == null ? "" : p.value();
    }

    public long pollTimeoutMs() {
        return getLong(POLL_TIMEOUT_MS);
    }

    public int httpPort() {
        return HttpSettings.port(this);
    }

    /** The address the operations port binds: loopback by default, e.g. {@code 0.0.0.0} in a container. */
    public String httpHost() {
        return HttpSettings.host(this);
    }

    /**
     * How a database failure that may pass is retried (settings {@code rj.retry.*}): the consumer waits, reconnects and
     * resumes from the stored offsets; once a streak of failures outlasts the budget it stops.
     */
    public RetryBackoff retryBackoff() {
        return RetryBackoff.from(this);
    }

    /**
     * Consumer settings: read only committed transactions (the facts service writes exactly-once), never commit
     * on its own, start at the beginning when the database has no position.
     */
    public Properties consumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, getInt(MAX_POLL_RECORDS));
        return p;
    }
}
