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

    private static final ConfigDef DEF = StreamsServiceConfig.define(
                    new ConfigDef(), "rj-reporting-facts", "rj-reporting-facts", 8082, 200L)
            .define(
                    HMAC_KEY,
                    Type.PASSWORD,
                    ConfigDef.NO_DEFAULT_VALUE,
                    (name, value) -> {
                        Password p = (Password) value;
                        if (p == null
                                || p.value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                                        < Pseudonymiser.MIN_SECRET_BYTES) {
                            throw new ConfigException(
                                    name,
                                    "[hidden]",
                                    "must be at least " + Pseudonymiser.MIN_SECRET_BYTES + " bytes; set " + ENV_HMAC_KEY
                                            + " (e.g. to `openssl rand -base64 48`)");
                        }
                    },
                    Importance.HIGH,
                    "Secret of the keyed HMAC-SHA256 pseudonyms (environment " + ENV_HMAC_KEY
                            + "); never in the repository. Changing it changes every pseudonym.");

    public FactsConfig(Map<String, ?> values) {
        super(DEF, values);
    }

    /** Settings for {@code connection}, with any others. */
    public static FactsConfig of(KafkaConnection connection, Map<String, ?> overrides) {
        return new FactsConfig(withConnection(connection, overrides));
    }

    /**
     * Settings from the environment: {@code KAFKA_BOOTSTRAP_SERVERS}, {@code RJ_REGISTRY_URL}, {@value #ENV_HMAC_KEY},
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
        return Pseudonymiser.withSecret(getPassword(HMAC_KEY).value());
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
