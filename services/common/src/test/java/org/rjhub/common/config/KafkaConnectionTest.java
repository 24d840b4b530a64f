package org.rjhub.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"police\" password=\"s3cret-synthetic\";";

    @Test
    void shouldGiveEveryClientTheConnectionsClientSettings() {
        KafkaConnection c = KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080")
                .withClientSettings(Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", JAAS));

        assertThat(c.clientProperties())
                .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.jaas.config", JAAS);
    }

    @Test
    void shouldKeepThePlaintextConnectionAsItWas() {
        KafkaConnection c = KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080");

        assertThat(c.clientSettings()).isEmpty();
        assertThat(c.clientProperties()).containsOnlyKeys("bootstrap.servers");
    }

    @Test
    void shouldNeverShowASecretInItsText() {
        KafkaConnection c = KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080")
                .withClientSettings(Map.of(
                        "sasl.jaas.config",
                        JAAS,
                        "ssl.key.password",
                        "synthetic-key-pw",
                        "ssl.truststore.location",
                        "/tmp/ca.pem"));

        assertThat(c.toString())
                .doesNotContain("s3cret-synthetic")
                .doesNotContain("synthetic-key-pw")
                .contains("/tmp/ca.pem")
                .contains("127.0.0.1:9092");
    }

    @Test
    void shouldReadAClientPropertiesFileButKeepItsOwnBootstrapServers(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("police.properties");
        Files.writeString(
                file, "bootstrap.servers=elsewhere:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        KafkaConnection c =
                KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080").withClientConfigFile(file);

        assertThat(c.clientSettings())
                .containsOnly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.mechanism", "SCRAM-SHA-512"));
        assertThat(c.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void shouldRefuseBootstrapServersAmongTheClientSettings() {
        assertThatThrownBy(() ->
                        KafkaConnection.of("a:1", "http://b:2").withClientSettings(Map.of("bootstrap.servers", "c:3")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTakeTheClientSettingsOfTheFileTheEnvironmentNames(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("router.properties");
        Files.writeString(config, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");

        KafkaConnection c = KafkaConnection.fromEnvironment(Map.of(
                        KafkaConnection.ENV_BOOTSTRAP, "127.0.0.1:9092",
                        KafkaConnection.ENV_REGISTRY, "http://127.0.0.1:8080",
                        KafkaConnection.ENV_CLIENT_CONFIG, config.toString()))
                .orElseThrow();

        assertThat(c.clientSettings())
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }
}
