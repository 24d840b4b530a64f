package org.rjhub.common.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.rjhub.common.config.KafkaConnection;

class KafkaClientsTest {

    private static final KafkaConnection CONNECTION = KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080");

    @Test
    void shouldStartEveryClientFromTheConnectionsPropertiesWithTheClientsOwnOverThem() {
        // Given
        KafkaClients clients = KafkaClients.of(CONNECTION);

        // When
        Properties p = clients.properties(
                Map.of(ProducerConfig.ACKS_CONFIG, "all", CommonClientConfigs.CLIENT_ID_CONFIG, "rj-test"));

        // Then
        assertThat(p)
                .containsAllEntriesOf(CONNECTION.clientProperties())
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(CommonClientConfigs.CLIENT_ID_CONFIG, "rj-test");
    }

    @Test
    void shouldLeaveTheConnectionsPropertiesUntouchedByOneClientsSettings() {
        // Given
        KafkaClients clients = KafkaClients.of(CONNECTION);
        clients.properties(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20));

        // When
        Properties next = clients.properties(Map.of());

        // Then
        assertThat(next).isEqualTo(CONNECTION.clientProperties());
    }

    @Test
    void shouldGiveAClusterWithoutRegistryItsPropertiesButNoAvroSerdes() {
        // Given
        Properties cluster = new Properties();
        cluster.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9093");
        cluster.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");

        // When
        KafkaClients clients = KafkaClients.forCluster(cluster);

        // Then
        assertThat(clients.properties(Map.of()))
                .containsEntry(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL")
                .containsEntry(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9093");
        assertThatThrownBy(clients::avroSerdes)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no schema registry");
    }

    @Test
    void shouldRefuseAClusterWithoutBootstrapServers() {
        assertThatThrownBy(() -> KafkaClients.forCluster(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    }

    @Test
    void shouldBindTheAvroSerdesToTheConnectionsRegistry() {
        assertThat(KafkaClients.of(CONNECTION).avroSerdes().clientConfig())
                .containsValue(CONNECTION.serdeRegistryUrl());
    }
}
