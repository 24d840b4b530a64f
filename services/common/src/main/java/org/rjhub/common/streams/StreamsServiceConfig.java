package org.rjhub.common.streams;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.rjhub.common.config.ConnectionSettings;
import org.rjhub.common.config.Environment;
import org.rjhub.common.config.HttpSettings;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.common.privacy.MasterKey;

/**
 * The settings every Kafka Streams service of the hub has (connection, topic prefix, state folder, threads, standby
 * replicas, commit interval, HTTP port and bind address, {@code rj.retry.*}), with the Kafka Streams {@link Properties} they make. A service's
 * config extends this, adds its own settings to {@link #define} and passes its handlers and cache size to
 * {@link #streamsProperties(Class, Class, long)}.
 *
 * <p>Any setting prefixed {@value #STREAMS_PREFIX} ({@code streams.producer.linger.ms=20}; environment
 * {@code RJ_<SERVICE>_STREAMS_PRODUCER_LINGER_MS}) goes to Kafka Streams as-is, over the service's own choice.
 */
public abstract class StreamsServiceConfig extends AbstractConfig {

    public static final String APPLICATION_ID = StreamsConfig.APPLICATION_ID_CONFIG;
    public static final String BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final String REGISTRY_URL = ConnectionSettings.REGISTRY_URL;
    public static final String TOPIC_PREFIX = ConnectionSettings.TOPIC_PREFIX;
    public static final String STATE_DIR = StreamsConfig.STATE_DIR_CONFIG;
    public static final String THREADS = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
    public static final String STANDBY_REPLICAS = StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG;
    public static final String COMMIT_INTERVAL_MS = StreamsConfig.COMMIT_INTERVAL_MS_CONFIG;
    public static final String HTTP_PORT = HttpSettings.PORT;
    public static final String HTTP_HOST = HttpSettings.HOST;
    public static final String STREAMS_PREFIX = Environment.STREAMS_PREFIX;
    public static final String MASTER_KEY = MasterKey.SETTING;
    public static final String MASTER_KEY_KMS = MasterKey.KMS_SETTING;

    protected StreamsServiceConfig(ConfigDef definition, Map<?, ?> values) {
        super(definition, values);
    }

    /**
     * Adds the shared settings, with the HTTP port {@value #HTTP_PORT} and its bind address {@value #HTTP_HOST}
     * ({@link HttpSettings}), and {@code rj.retry.*}.
     *
     * @param applicationId    the default Kafka Streams application id
     * @param stateDirName     the default state folder's name, under {@code java.io.tmpdir}
     * @param httpPort         the default port of /health/live, /health/ready and /metrics (and of the service's own
     *                         API, if it has one)
     * @param commitIntervalMs the default transaction commit interval
     */
    public static ConfigDef define(
            ConfigDef def, String applicationId, String stateDirName, int httpPort, long commitIntervalMs) {
        return HttpSettings.define(
                        ConnectionSettings.define(RetryBackoff.define(def)),
                        httpPort,
                        "/health/live, /health/ready and /metrics (and the service's own API, if it has one)")
                .define(
                        APPLICATION_ID,
                        Type.STRING,
                        applicationId,
                        Importance.HIGH,
                        "Kafka Streams application id; prefixes the service's internal topics and its consumer group.")
                .define(
                        STATE_DIR,
                        Type.STRING,
                        System.getProperty("java.io.tmpdir") + "/" + stateDirName,
                        Importance.MEDIUM,
                        "Folder of the RocksDB state stores.")
                .define(
                        MASTER_KEY,
                        Type.STRING,
                        "",
                        Importance.HIGH,
                        "The master key that encrypts the data keys sealing dead letters' original bytes and the "
                                + "canonical referrals: a Tink JSON keyset file (file:/path or a path; hub up makes "
                                + "one), in clear or encrypted under the KMS key of " + MASTER_KEY_KMS + "; empty: "
                                + "dead letters and canonical referrals are written in clear, and a sealed referral "
                                + "read is taken as erased.")
                .define(
                        MASTER_KEY_KMS,
                        Type.STRING,
                        "",
                        Importance.HIGH,
                        "The KMS key (a Tink URI, aws-kms://... or gcp-kms://...; its Tink KMS extension on the "
                                + "class path) that encrypts the master key file of " + MASTER_KEY + " (made by hub "
                                + "keys create-master --kms); empty: the master key file is in clear.")
                .define(THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.MEDIUM, "Stream threads.")
                .define(
                        STANDBY_REPLICAS,
                        Type.INT,
                        0,
                        ConfigDef.Range.between(0, 5),
                        Importance.MEDIUM,
                        "Standby replicas of each state store, kept warm on other instances of the service so that "
                                + "one taking over a failed instance's tasks restores little; 1 when running two or "
                                + "more instances, 0 for one.")
                .define(
                        COMMIT_INTERVAL_MS,
                        Type.LONG,
                        commitIntervalMs,
                        ConfigDef.Range.atLeast(10),
                        Importance.LOW,
                        "Transaction commit interval (exactly-once): lower means lower latency, more transactions.");
    }

    /** {@code overrides} with the connection's bootstrap servers and registry URL. */
    public static Map<String, Object> withConnection(KafkaConnection connection, Map<String, ?> overrides) {
        return ConnectionSettings.with(connection, overrides);
    }

    /**
     * The master key of {@value #MASTER_KEY}, empty when none is set: dead letters and canonical referrals are then
     * written in clear, and sealed ones cannot be opened.
     */
    public Optional<MasterKey> masterKey() {
        String location = getString(MASTER_KEY);
        return location == null || location.isBlank()
                ? Optional.empty()
                : Optional.of(MasterKey.of(location, getString(MASTER_KEY_KMS)));
    }

    public KafkaConnection connection() {
        return ConnectionSettings.connection(this);
    }

    /** Topic names with the prefix of {@value #TOPIC_PREFIX}. */
    public UnaryOperator<String> naming() {
        return ConnectionSettings.naming(this);
    }

    /**
     * The internal topics of {@code topology} (this service's, built from this config) run with this config's
     * application id over the catalogue's topics: what provisioning creates ahead of the service.
     */
    public java.util.List<InternalTopics.InternalTopic> internalTopics(org.apache.kafka.streams.Topology topology) {
        return InternalTopics.of(
                topology,
                getString(APPLICATION_ID),
                org.rjhub.common.topics.TopicCatalogue.load().partitions(naming()));
    }

    /** The HTTP port: 0 picks a free one, -1 serves none. */
    public int httpPort() {
        return HttpSettings.port(this);
    }

    /** The address the HTTP port binds (loopback by default). */
    public String httpHost() {
        return HttpSettings.host(this);
    }

    /** How stream threads failing on retriable errors are retried (settings {@code rj.retry.*}). */
    public RetryBackoff retryBackoff() {
        return RetryBackoff.from(this);
    }

    /**
     * Kafka Streams settings: the connection's client settings (its principal), exactly-once v2, the service's record handlers (they receive the registry URL and
     * topic prefix), the state folder, threads and commit interval, then any {@value #STREAMS_PREFIX} setting.
     *
     * @param cacheMaxBytes the record cache of all threads ({@code statestore.cache.max.bytes}); 0 forwards every
     *                      update at once
     */
    protected Properties streamsProperties(
            Class<? extends DeserializationExceptionHandler> deserializationHandler,
            Class<? extends ProcessingExceptionHandler> processingHandler,
            long cacheMaxBytes) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        p.putAll(connection().clientSettings()); // the service's principal: TLS and SASL settings, if any
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(THREADS));
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, getInt(STANDBY_REPLICAS));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, deserializationHandler);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, processingHandler);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        // a transaction's first write to a partition may meet the previous transaction's markers still
        // being written (CONCURRENT_TRANSACTIONS, then OUT_OF_ORDER_SEQUENCE for the batches behind it);
        // both clear within milliseconds, so retry after 10 ms, not the default 100 (KAFKA-20000)
        p.put(StreamsConfig.producerPrefix("retry.backoff.ms"), 10);
        p.put(REGISTRY_URL, getString(REGISTRY_URL));
        p.put(TOPIC_PREFIX, getString(TOPIC_PREFIX));
        p.put(MASTER_KEY, getString(MASTER_KEY));
        p.put(MASTER_KEY_KMS, getString(MASTER_KEY_KMS));
        p.putAll(originalsWithPrefix(STREAMS_PREFIX));
        return p;
    }
}
