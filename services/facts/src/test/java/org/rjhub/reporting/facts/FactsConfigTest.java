package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.junit.jupiter.api.Test;
import org.rjhub.reporting.TestSecrets;

class FactsConfigTest {

    @Test
    void shouldReadTheSecretAndSettingsFromTheEnvironmentIgnoringEmptyVariables() {
        FactsConfig config = FactsConfig.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "broker:9092",
                "RJ_REGISTRY_URL",
                "http://registry:8080",
                "RJ_REPORTING_HMAC_KEY",
                TestSecrets.hmacKey(),
                "RJ_FACTS_RJ_HTTP_PORT",
                "9082",
                "RJ_FACTS_STATE_DIR",
                " ",
                "RJ_FACTS_RJ_REPORTING_HMAC_KEY",
                "",
                "RJ_FACTS_STREAMS_NUM_STANDBY_REPLICAS",
                "1",
                "RJ_FACTS_RJ_HTTP_HOST",
                "0.0.0.0"));

        assertThat(config.httpPort()).isEqualTo(9082);
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.getString(FactsConfig.STATE_DIR)).endsWith("/rj-reporting-facts");
        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "rj-reporting-facts")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200L)
                .containsEntry(
                        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "1");
    }

    @Test
    void shouldRefuseToStartWithoutTheSecret() {
        assertThatThrownBy(() -> FactsConfig.fromEnvironment(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "broker:9092",
                        "RJ_REGISTRY_URL",
                        "http://registry:8080",
                        "RJ_REPORTING_HMAC_KEY",
                        " ")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(FactsConfig.HMAC_KEY);
    }

    @Test
    void shouldTakeTheKeyFileFromTheEnvironmentAndRefuseOneWhoseVersionOneIsNotTheSecretAlsoSet(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("keys.json");
        PseudonymKeys.generate(new java.security.SecureRandom())
                .rotated(new java.security.SecureRandom())
                .write(file);

        FactsConfig config = FactsConfig.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                "RJ_REGISTRY_URL", "http://registry:8080",
                "RJ_FACTS_PSEUDONYM_KEYS", file.toString()));

        assertThat(config.pseudonymiser().keyVersion()).isEqualTo(2);
        assertThatThrownBy(() -> FactsConfig.fromEnvironment(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "broker:9092",
                        "RJ_REGISTRY_URL",
                        "http://registry:8080",
                        "RJ_FACTS_PSEUDONYM_KEYS",
                        file.toString(),
                        "RJ_REPORTING_HMAC_KEY",
                        TestSecrets.hmacKey())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("its version 1 is not RJ_REPORTING_HMAC_KEY");
        assertThatThrownBy(() -> FactsConfig.fromEnvironment(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                        "RJ_REGISTRY_URL", "http://registry:8080",
                        "RJ_FACTS_PSEUDONYM_KEYS", dir.resolve("missing.json").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the key file");
    }
}
