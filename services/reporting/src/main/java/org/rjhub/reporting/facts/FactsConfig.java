package org.rjhub.reporting.facts;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;

/** The facts service's settings: type, default, validation and doc each, checked at start-up. */
public final class FactsConfig extends AbstractConfig {

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String REGISTRY_URL = "rj.registry.url";
    public static final String TOPIC_PREFIX = "rj.topic.prefix";
    public static final String STATE_DIR = "state.dir";
    public static final String THREADS = "num.stream.threads";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String HMAC_KEY = "rj.reporting.hmac.key";
    public static final String HTTP_PORT = "rj.http.port";

    /** The environment variable holding the pseudonymisation secret (never in the repository). */
    public static final String ENV_HMAC_KEY = "RJ_REPORTING_HMAC_KEY";
    /** Prefix of the environment variables of the other settings, e.g. {@code RJ_FACTS_STATE_DIR}. */
    public static final String ENV_PREFIX = "RJ_FACTS_";

    private static final ConfigDef DEF = RetryBackoff.define(new ConfigDef())
            .define(APPLICATION_ID, Type.STRING, "rj-reporting-facts", Importance.HIGH,
                    "Kafka Streams application id; prefixes the service's internal topics and its consumer group.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka bootstrap servers.")
            .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry base URL (Apicurio or Confluent-compatible).")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix for every topic name; empty in production, a namespace in tests.")
            .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/rj-reporting-facts",
                    Importance.MEDIUM, "Folder of the RocksDB state stores (pseudonymised data only).")
            .define(THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.MEDIUM, "Stream threads.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 200L, ConfigDef.Range.atLeast(10), Importance.LOW,
                    "Transaction commit interval (exactly-once): lower means fresher facts, more transactions.")
            .define(HTTP_PORT, Type.INT, 8082, ConfigDef.Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of /health/live, /health/ready and /metrics on loopback; 0 picks one, -1 turns it off.")
            .define(HMAC_KEY, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, (name, value) -> {
                Password p = (Password) value;
                if (p == null || p.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        < Pseudonymiser.MIN_SECRET_BYTES) {
                    throw new ConfigException(name, "[hidden]", "must be at least " + Pseudonymiser.MIN_SECRET_BYTES
                            + " bytes; set " + ENV_HMAC_KEY + " (e.g. to `openssl rand -base64 48`)");
                }
            }, Importance.HIGH, "Secret of the keyed HMAC-SHA256 pseudonyms (environment " + ENV_HMAC_KEY
                    + "); never in the repository. Changing it changes every pseudonym.");

    public FactsConfig(Map<String, ?> values) {
        super(DEF, values);
    }

    /** Settings for {@code connection}, with any others. */
    public static FactsConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>(overrides);
        values.put(BOOTSTRAP_SERVERS, connection.bootstrapServers());
        values.put(REGISTRY_URL, connection.registryUrl().toString());
        return new FactsConfig(values);
    }

    /**
     * Settings from the environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code RJ_REGISTRY_URL}, {@value #ENV_HMAC_KEY},
     * and {@code RJ_FACTS_<SETTING>} for any other (dots as underscores, e.g. {@code RJ_FACTS_STATE_DIR}).
     */
    public static FactsConfig fromEnvironment(Map<String, String> env) {
        Map<String, Object> values = new HashMap<>();
        putIfSet(values, BOOTSTRAP_SERVERS, env.get(KafkaConnection.ENV_BOOTSTRAP));
        putIfSet(values, REGISTRY_URL, env.get(KafkaConnection.ENV_REGISTRY));
        putIfSet(values, HMAC_KEY, env.get(ENV_HMAC_KEY));
        for (String name : DEF.names()) {
            putIfSet(values, name, env.get(ENV_PREFIX + name.toUpperCase(Locale.ROOT).replace('.', '_')));
        }
        return new FactsConfig(values);
    }

    private static void putIfSet(Map<String, Object> values, String name, String value) {
        if (value != null && !value.isBlank()) {
            values.put(name, value);
        }
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

    public Pseudonymiser pseudonymiser() {
        return Pseudonymiser.withSecret(getPassword(HMAC_KEY).value());
    }

    /**
     * Kafka Streams settings: exactly-once v2, state folder. An unreadable input record stops the service
     * (its inputs are the hub's own validated topics, so one means a broken contract to fix, not a record
     * to skip: a skipped record would be a silently wrong count).
     */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(THREADS));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        // the next transaction may meet the last one's markers still being written; retry in 10 ms,
        // not the default 100 (KAFKA-20000; see RouterConfig)
        p.put(StreamsConfig.producerPrefix("retry.backoff.ms"), 10);
        return p;
    }
}
