package org.rjhub.dlq;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.config.ConnectionSettings;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.schemas.Contracts;

/** The dead-letter tool's settings: type, default, validation and doc each, checked when it is built. */
public final class DlqConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS = ConnectionSettings.BOOTSTRAP_SERVERS;
    public static final String REGISTRY_URL = ConnectionSettings.REGISTRY_URL;
    /** The same setting as the router's: every topic name is this prefix plus the catalogue's name. */
    public static final String TOPIC_PREFIX = ConnectionSettings.TOPIC_PREFIX;

    public static final String READ_TIMEOUT_MS = "rj.dlq.read.timeout.ms";
    /** The master key of the data keys that seal dead letters' original bytes; empty: they stay sealed. */
    public static final String MASTER_KEY = MasterKey.SETTING;
    /** The KMS key that encrypts the master key file; empty: the file is in clear. */
    public static final String MASTER_KEY_KMS = MasterKey.KMS_SETTING;

    private static final ConfigDef DEF = ConnectionSettings.define(new ConfigDef())
            .define(
                    READ_TIMEOUT_MS,
                    Type.LONG,
                    30_000L,
                    ConfigDef.Range.atLeast(1_000),
                    Importance.LOW,
                    "How long reading a topic up to its end may take before the command gives up.")
            .define(
                    MASTER_KEY,
                    Type.STRING,
                    "",
                    Importance.HIGH,
                    "The master key file of the data keys, to open sealed dead letters; empty: they are shown sealed.")
            .define(
                    MASTER_KEY_KMS,
                    Type.STRING,
                    "",
                    Importance.HIGH,
                    "The KMS key (a Tink URI) that encrypts the master key file; empty: the file is in clear.");

    public DlqConfig(Map<String, ?> values) {
        super(DEF, values);
        connection(); // a registry URL with a path is refused here, not at first use
    }

    public static DlqConfig of(KafkaConnection connection, String topicPrefix) {
        return new DlqConfig(
                ConnectionSettings.with(connection, Map.of(TOPIC_PREFIX, topicPrefix == null ? "" : topicPrefix)));
    }

    /** The same settings with the master key file {@code location}, in clear. */
    public DlqConfig withMasterKey(String location) {
        return withMasterKey(location, "");
    }

    /** The same settings with the master key file {@code location}, encrypted under {@code kmsUri} unless blank. */
    public DlqConfig withMasterKey(String location, String kmsUri) {
        Map<String, Object> values = new java.util.HashMap<>(originals());
        values.put(MASTER_KEY, location);
        values.put(MASTER_KEY_KMS, kmsUri);
        return new DlqConfig(values);
    }

    /** The master key, when one is set. */
    public Optional<MasterKey> masterKey() {
        String location = getString(MASTER_KEY);
        return location.isBlank() ? Optional.empty() : Optional.of(MasterKey.of(location, getString(MASTER_KEY_KMS)));
    }

    /** The data keys' topic, {@code rj.data-keys.v1} under the prefix. */
    public String dataKeysTopic() {
        return naming().apply(Contracts.DATA_KEYS_TOPIC);
    }

    public static ConfigDef definition() {
        return DEF;
    }

    public KafkaConnection connection() {
        return ConnectionSettings.connection(this);
    }

    /** The tool's Kafka clients, from its connection. */
    public KafkaClients clients() {
        return KafkaClients.of(connection());
    }

    public UnaryOperator<String> naming() {
        return ConnectionSettings.naming(this);
    }

    /** The dead letters' topic, {@code rj.dead-letters.v1} under the prefix. */
    public String deadLetterTopic() {
        return naming().apply(Contracts.DEAD_LETTERS_TOPIC);
    }

    /** The replay audit's topic, {@code rj.dead-letter-replays.v1} under the prefix. */
    public String replayTopic() {
        return naming().apply(Contracts.DEAD_LETTER_REPLAYS_TOPIC);
    }

    /**
     * One transactional id for every replaying process of one dead-letter topic: a new replay fences any
     * replay still running and waits for its open transaction to end before it reads the audit, so two
     * operators can never both replay the same dead letter.
     */
    public String transactionalId() {
        return "rj-dlq-replay-" + deadLetterTopic();
    }

    public long readTimeoutMs() {
        return getLong(READ_TIMEOUT_MS);
    }

    /** A reader of committed records only, without a group: the tool assigns partitions and commits nothing. */
    public Properties consumerProperties() {
        Properties p = connection().clientProperties();
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return p;
    }

    /** The producer of the unmasked-view audit: idempotent, every write acknowledged by all in-sync replicas. */
    public Properties auditProducerProperties() {
        Properties p = connection().clientProperties();
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-dlq-view-audit");
        return p;
    }

    /** The replaying producer: idempotent and transactional. */
    public Properties producerProperties() {
        Properties p = connection().clientProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "rj-dlq-replay");
        return p;
    }
}
