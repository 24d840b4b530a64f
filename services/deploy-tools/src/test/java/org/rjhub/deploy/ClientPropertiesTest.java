package org.rjhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.config.KafkaConnection;

/**
 * The client properties the Kubernetes manifests give the reporting consumer and the lag monitor
 * ({@code KAFKA_CLIENT_CONFIG}, from the ConfigMap) resolve, with Kafka's own config classes, to the JAAS line of
 * the principal's {@code KafkaUser} secret mounted beside them, as Strimzi writes it (a file per key).
 */
class ClientPropertiesTest {

    /** A synthetic JAAS line, as Strimzi's User Operator puts one in a SCRAM KafkaUser's secret. */
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"lagmonitor\" password=\"synthetic-not-a-secret\";";

    @Test
    void shouldReadTheJaasLineOfTheMountedKafkaUserSecret(@TempDir Path dir) throws Exception {
        // Given the checked-in ConfigMap's client properties, and a KafkaUser secret mounted as Strimzi makes it
        JsonNode configMap = DeployFiles.kubernetes().stream()
                .filter(d -> d.path("kind").asText().equals("ConfigMap"))
                .findFirst()
                .orElseThrow();
        String text = configMap.path("data").path(Manifests.CLIENT_CONFIG_FILE).asText();
        Path secret = Files.createDirectories(dir.resolve("kafka-user"));
        Files.writeString(secret.resolve("sasl.jaas.config"), JAAS);
        Files.writeString(secret.resolve("password"), "synthetic-not-a-secret");
        Path file = dir.resolve(Manifests.CLIENT_CONFIG_FILE);
        Files.writeString(file, text.replace(Manifests.USER_SECRET_DIR, secret.toString()));

        // When the reporting consumer (a KafkaConnection) and the lag monitor (the file's properties) read it
        Properties connection = KafkaConnection.of("kafka:9092", "http://registry:8080")
                .withClientConfigFile(file)
                .clientProperties();
        connection.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        connection.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        ConsumerConfig consumer = new ConsumerConfig(connection);
        AdminClientConfig admin = new AdminClientConfig(connection);

        // Then each client authenticates with SCRAM as the secret's user, and the secret is in no manifest
        assertThat(text).doesNotContain("password=");
        assertThat(consumer.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(JAAS);
        assertThat(admin.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value()).isEqualTo(JAAS);
        assertThat(consumer.getString(SaslConfigs.SASL_MECHANISM)).isEqualTo("SCRAM-SHA-512");
        assertThat(admin.getString(AdminClientConfig.SECURITY_PROTOCOL_CONFIG)).isEqualTo("SASL_PLAINTEXT");
    }
}
