package org.rjhub.reporting.facts;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.rjhub.common.config.Environment;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.streams.StreamsServiceConfig;

/**
 * The facts service's settings: type, default, validation and doc each, checked at start-up. The shared Kafka Streams
 * settings come from {@link StreamsServiceConfig}; the state stores hold pseudonymised data only.
 */
public final class FactsConfig extends StreamsServiceConfig {

    public static final String HMAC_KEY = "rj.reporting.hmac.key";

    /** The environment variable holding the pseudonymisation secret (never in the repository). */
    public static final String ENV_HMAC_KEY = "RJ_REPORTING_HMAC_KEY";
    /** Prefix of the environment variables of the other settings, e.g. {@code RJ_FACTS_STATE_DIR}. */
    public static final String ENV_PREFIX = "RJ_FACTS_";

    /** The key file's setting; environment {@code RJ_FACTS_PSEUDONYM_KEYS}. */
    public static final String PSEUDONYM_KEYS = "pseudonym.keys";

    private static final ConfigDef DEF = StreamsServiceConfig.define(
                    new ConfigDef(), "rj-reporting-facts", "rj-reporting-facts", 8082, 200L)
            .define(
                    HMAC_KEY,
                    Type.PASSWORD,
                    null,
                    (name, value) -> {
                        Password p = (Password) value;
                        if (p != null
                                && p.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                                        < Pseudonymiser.MIN_SECRET_BYTES) {
                            throw new ConfigException(
                                    name,
                                    "[hidden]",
                                    "must be at least " + Pseudonymiser.MIN_SECRET_BYTES + " bytes; set " + ENV_HMAC_KEY
                                            + " (e.g. to `openssl rand -base64 48`)");
                        }
                    },
                    Importance.HIGH,
                    "The one pseudonymisation secret of before key versions (environment " + ENV_HMAC_KEY
                            + "), used as key version 1 when no key file is set (" + PSEUDONYM_KEYS
                            + "); never in the repository. With a key file as well, it must be the file's version 1.")
            .define(
                    PSEUDONYM_KEYS,
                    Type.STRING,
                    null,
                    Importance.HIGH,
                    "Path of the pseudonymisation key file, readable by the facts service only: {\"current\": N,"
                            + " \"keys\": {\"1\": \"<base64>\", ...}}, made and rotated by `hub keys rotate --file F`."
                            + " Facts are published under the current version; version 1 is the internal key. Read at"
                            + " start-up: a rotation takes effect when the service restarts.");

    private final PseudonymKeys keys;

    public FactsConfig(Map<String, ?> values) {
        super(DEF, values);
        this.keys = loadKeys();
    }

    private PseudonymKeys loadKeys() {
        String file = getString(PSEUDONYM_KEYS);
        Password legacy = getPassword(HMAC_KEY);
        if (file == null) {
            if (legacy == null) {
                throw new ConfigException(
                        HMAC_KEY + " / " + PSEUDONYM_KEYS,
                        "[hidden]",
                        "set a key file (RJ_FACTS_PSEUDONYM_KEYS, made by `hub keys rotate --file F`) or "
                                + ENV_HMAC_KEY);
            }
            return PseudonymKeys.ofLegacySecret(legacy.value());
        }
        PseudonymKeys fromFile;
        try {
            fromFile = PseudonymKeys.load(java.nio.file.Path.of(file));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new ConfigException(PSEUDONYM_KEYS, file, "cannot read the key file: " + e.getMessage());
        }
        if (legacy != null
                && !java.util.Arrays.equals(
                        fromFile.key(1), legacy.value().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new ConfigException(
                    PSEUDONYM_KEYS,
                    file,
                    "its version 1 is not " + ENV_HMAC_KEY + ", which is also set: unset it, or make the file from it"
                            + " (`hub keys rotate --file F` with it set)");
        }
        return fromFile;
    }

    /** Settings for {@code connection}, with any others. */
    public static FactsConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        return new FactsConfig(withConnection(connection, overrides));
    }

    /**
     * Settings from the environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code RJ_REGISTRY_URL}, the key file
     * {@code RJ_FACTS_PSEUDONYM_KEYS} or the one secret {@value #ENV_HMAC_KEY} (key version 1),
     * {@code RJ_FACTS_<SETTING>} for any other (dots as underscores, e.g. {@code RJ_FACTS_STATE_DIR}) and
     * {@code RJ_FACTS_STREAMS_<NAME>} for a Kafka Streams setting passed on as-is. Empty variables count as unset.
     */
    public static FactsConfig fromEnvironment(Map<String, String> env) {
        Map<String, String> set = new HashMap<>(env);
        set.values().removeIf(String::isBlank);
        Map<String, Object> values = new HashMap<>();
        if (set.containsKey(ENV_HMAC_KEY)) {
            values.put(HMAC_KEY, set.get(ENV_HMAC_KEY));
        }
        values.putAll(Environment.settings(set, ENV_PREFIX, DEF));
        return new FactsConfig(values);
    }

    public static ConfigDef definition() {
        return DEF;
    }

    public Pseudonymiser pseudonymiser() {
        return Pseudonymiser.withKeys(keys);
    }

    /**
     * Kafka Streams settings: exactly-once v2, no record cache. An unreadable or unprocessable input record stops
     * the service (its inputs are the hub's own validated topics, so one means a broken contract to fix, not a
     * record to skip: a skipped record would be a silently wrong count).
     */
    public Properties streamsProperties() {
        return streamsProperties(LogAndFailExceptionHandler.class, LogAndFailProcessingExceptionHandler.class, 0L);
    }
}
