package org.rjhub.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

    private static final ConfigDef DEF = ConnectionSettings.define(new ConfigDef());

    @Test
    void shouldMakeTheConnectionAndTopicNamingOfAConfig() {
        // Given
        KafkaConnection connection = KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080");

        // When
        AbstractConfig config = new AbstractConfig(
                DEF, ConnectionSettings.with(connection, Map.of(ConnectionSettings.TOPIC_PREFIX, "t1.")));

        // Then
        assertThat(ConnectionSettings.connection(config)).isEqualTo(connection);
        assertThat(ConnectionSettings.naming(config).apply("rj.referrals.v1")).isEqualTo("t1.rj.referrals.v1");
    }

    @Test
    void shouldRefuseAConfigWithoutBootstrapServersAndDefaultToNoPrefix() {
        assertThatThrownBy(() -> new AbstractConfig(DEF, Map.of(ConnectionSettings.REGISTRY_URL, "http://r")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(ConnectionSettings.BOOTSTRAP_SERVERS);
        AbstractConfig config = new AbstractConfig(
                DEF,
                Map.of(ConnectionSettings.BOOTSTRAP_SERVERS, "b:9092", ConnectionSettings.REGISTRY_URL, "http://r"));
        assertThat(ConnectionSettings.naming(config).apply("x")).isEqualTo("x");
    }
}
