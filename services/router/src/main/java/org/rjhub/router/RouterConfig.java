package org.rjhub.router;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.streams.StreamsConfig;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;
import org.rjhub.router.errors.RejectingExceptionHandlers;

/** The referral router's settings: type, default, validation and doc each, checked at start-up. */
public final class RouterConfig extends AbstractConfig {

    public static final String APPLICATION_ID = "application.id";
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String REGISTRY_URL = "rj.registry.url";
    public static final String TOPIC_PREFIX = "rj.topic.prefix";
    public static final String STATE_DIR = "state.dir";
    public static final String THREADS = "num.stream.threads";
    public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
    public static final String MAX_BLOCK_SIZE = "rj.linkage.max.block.size";
    public static final String HTTP_PORT = "rj.http.port";
    public static final String LINKAGE_SHARDS = "rj.linkage.shards";
    public static final String DECISION_MAX_WAIT_MS = "rj.linkage.decision.max.wait.ms";
    /**
     * Any Kafka Streams, consumer or producer setting, prefixed: {@code streams.producer.linger.ms=20}
     * (environment {@code RJ_ROUTER_STREAMS_PRODUCER_LINGER_MS}) overrides the router's own choice.
     */
    public static final String STREAMS_PREFIX = "streams.";

    private static final ConfigDef DEF = RetryBackoff.define(new ConfigDef())
            .define(APPLICATION_ID, Type.STRING, "rj-router", Importance.HIGH,
                    "Kafka Streams application id; prefixes the router's internal topics and its consumer group.")
            .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Kafka bootstrap servers.")
            .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Schema registry base URL (Apicurio or Confluent-compatible).")
            .define(TOPIC_PREFIX, Type.STRING, "", Importance.LOW,
                    "Prefix for every topic name; empty in production, a namespace in tests.")
            .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/rj-router", Importance.MEDIUM,
                    "Folder of the RocksDB state stores.")
            .define(THREADS, Type.INT, 1, ConfigDef.Range.atLeast(1), Importance.MEDIUM, "Stream threads.")
            .define(COMMIT_INTERVAL_MS, Type.LONG, 30L, ConfigDef.Range.atLeast(10), Importance.LOW,
                    "Transaction commit interval (exactly-once): lower means lower latency, more transactions. "
                    + "A referral passes three transactions; 30 ms halves the acknowledgement time of 100 ms "
                    + "for about a tenth less throughput (hub bench), and the hub's volume is latency-bound.")
            .define(MAX_BLOCK_SIZE, Type.INT, 500, ConfigDef.Range.atLeast(2), Importance.LOW,
                    "Most people kept per blocking key; bounds the candidates each new person is compared with.")
            .define(LINKAGE_SHARDS, Type.INT, 6, ConfigDef.Range.between(1, 1000), Importance.MEDIUM,
                    "Partitions of the blocking topic (linkage-blocking): how far person matching scales out. "
                    + "Each blocking key lives on one shard, so this is fixed for the life of an application id: "
                    + "changing it needs an application reset and a replay of the agency topics.")
            .define(DECISION_MAX_WAIT_MS, Type.LONG, Duration.ofDays(7).toMillis(), ConfigDef.Range.atLeast(1000),
                    Importance.LOW, "How long a facilitator's LINK_CONFIRMED or KEEP_APART waits for the case "
                    + "service's answer (or an answer for its event) before it is dropped unapplied "
                    + "(metric pending-decisions-expired-total).")
            .define(HTTP_PORT, Type.INT, 8081, ConfigDef.Range.between(-1, 65535), Importance.MEDIUM,
                    "Port of /health/live, /health/ready and /metrics on loopback; 0 picks one, -1 turns it off.");

    public RouterConfig(Map<String, ?> values) {
        super(DEF, values);
    }

    public static RouterConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        Map<String, Object> values = new java.util.HashMap<>(overrides);
        values.put(BOOTSTRAP_SERVERS, connection.bootstrapServers());
        values.put(REGISTRY_URL, connection.registryUrl().toString());
        return new RouterConfig(values);
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

    public int linkageShards() {
        return getInt(LINKAGE_SHARDS);
    }

    /** How long one half of a linkage decision (event or answer) waits for the other. */
    public Duration decisionMaxWait() {
        return Duration.ofMillis(getLong(DECISION_MAX_WAIT_MS));
    }

    public int maxBlockSize() {
        return getInt(MAX_BLOCK_SIZE);
    }

    /** Kafka Streams settings: exactly-once v2, the dead-lettering handlers, state folder. */
    public Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(THREADS));
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, getLong(COMMIT_INTERVAL_MS));
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 16L * 1024 * 1024);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                RejectingExceptionHandlers.Deserialization.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingExceptionHandlers.Processing.class);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        p.put(StreamsConfig.producerPrefix("linger.ms"), 5);
        // a transaction's first write to a partition may meet the previous transaction's markers still
        // being written (CONCURRENT_TRANSACTIONS, then OUT_OF_ORDER_SEQUENCE for the batches behind it);
        // both clear within milliseconds, so retry after 10 ms, not the default 100 (KAFKA-20000)
        p.put(StreamsConfig.producerPrefix("retry.backoff.ms"), 10);
        p.put(REGISTRY_URL, getString(REGISTRY_URL));
        p.put(TOPIC_PREFIX, getString(TOPIC_PREFIX));
        p.putAll(originalsWithPrefix(STREAMS_PREFIX));
        return p;
    }
}
