package org.rjhub.lagmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class LagMonitorConfigTest {

    private static final Map<String, String> MINIMAL = Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092");

    @Test
    void shouldTakeTheDefaultsForEverythingButTheBootstrapServers() {
        // When built from the bootstrap servers alone
        LagMonitorConfig config = LagMonitorConfig.fromEnvironment(MINIMAL);

        // Then
        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.groupFilter().pattern()).isEqualTo(".*");
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.windowSize()).isEqualTo(10);
        assertThat(config.windowMinDistance()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.lookupTableSize()).isEqualTo(60);
        assertThat(config.httpPort()).isEqualTo(9308);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.commitSource()).isEqualTo(LagMonitorConfig.CommitSource.OFFSETS_TOPIC);
        assertThat(config.businessLagUrls()).isEmpty();
    }

    @Test
    void shouldReadEverySettingNamedAsEveryServiceNamesThem() {
        // Given every setting in the environment, among unrelated variables
        Map<String, String> env = Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "a:1,b:2"),
                Map.entry("RJ_LAG_GROUP_FILTER", "rj-.*"),
                Map.entry("RJ_LAG_POLL_INTERVAL_MS", "500"),
                Map.entry("RJ_LAG_WINDOW_SIZE", "5"),
                Map.entry("RJ_LAG_WINDOW_MIN_DISTANCE_MS", "200"),
                Map.entry("RJ_LAG_LOOKUP_TABLE_SIZE", "30"),
                Map.entry("RJ_LAG_RJ_HTTP_PORT", "0"),
                Map.entry("RJ_LAG_RJ_HTTP_HOST", "0.0.0.0"),
                Map.entry("RJ_LAG_COMMIT_SOURCE", "poll"),
                Map.entry("RJ_LAG_BUSINESS_LAG_URLS", "http://cases:7080/business-lag, http://other/b"),
                Map.entry("PATH", "/bin"),
                Map.entry("RJ_ROUTER_RJ_HTTP_PORT", "1"));

        // When
        LagMonitorConfig config = LagMonitorConfig.fromEnvironment(env);

        // Then
        assertThat(config.bootstrapServers()).isEqualTo("a:1,b:2");
        assertThat(config.watches("rj-router")).isTrue();
        assertThat(config.watches("other-rj-router")).isFalse();
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.windowSize()).isEqualTo(5);
        assertThat(config.windowMinDistance()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.lookupTableSize()).isEqualTo(30);
        assertThat(config.httpPort()).isZero();
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.commitSource()).isEqualTo(LagMonitorConfig.CommitSource.POLL);
        assertThat(config.businessLagUrls()).containsExactly("http://cases:7080/business-lag", "http://other/b");
    }

    @Test
    void shouldGiveBothClientsThePrincipalsSecuritySettingsFromItsClientConfigFile(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // Given a client config file of the monitor's principal, named as every service names it
        java.nio.file.Path file = dir.resolve("lagmonitor.properties");
        java.nio.file.Files.writeString(
                file, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\nbootstrap.servers=elsewhere:1\n");
        LagMonitorConfig config = LagMonitorConfig.fromEnvironment(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "KAFKA_CLIENT_CONFIG", file.toString()));

        // Then the Admin client and the commit reader both carry its settings, on the configured cluster
        for (var p : java.util.List.of(config.adminProperties(), config.commitReaderProperties())) {
            assertThat(p.getProperty("security.protocol")).isEqualTo("SASL_SSL");
            assertThat(p.getProperty("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
            assertThat(p.getProperty("bootstrap.servers")).isEqualTo("broker:9092");
        }
        // and without one, a plaintext client
        assertThat(LagMonitorConfig.fromEnvironment(MINIMAL).adminProperties()).doesNotContainKey("security.protocol");
    }

    @Test
    void shouldRequireTheBootstrapServers() {
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void shouldNameTheSettingOfAnInvalidValue() {
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_WINDOW_SIZE", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.lag.window.size")
                .hasMessageContaining("at least 2");
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_WINDOW_SIZE", "ten")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.lag.window.size");
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_POLL_INTERVAL_MS", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.lag.poll.interval.ms");
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_POLL_INTERVAL_MS", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.lag.poll.interval.ms");
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_GROUP_FILTER", "rj-(")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.lag.group.filter")
                .hasMessageContaining("not a valid regex");
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_RJ_HTTP_PORT", "70000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.http.port");
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_COMMIT_SOURCE", "zookeeper")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.lag.commit.source");
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_LOOKUP_TABLE_SIZE", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.lag.lookup.table.size");
    }

    @Test
    void shouldRefuseAnUnknownSettingWithItsPrefix() {
        assertThatThrownBy(() -> LagMonitorConfig.fromEnvironment(with("RJ_LAG_WINDOW_SIZ", "5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown setting(s) [RJ_LAG_WINDOW_SIZ]")
                .hasMessageContaining("RJ_LAG_WINDOW_SIZE");
    }

    @Test
    void shouldKeepEverySettingWhenOneIsChanged() {
        LagMonitorConfig config = LagMonitorConfig.fromEnvironment(with("RJ_LAG_WINDOW_SIZE", "7"))
                .withPollInterval(Duration.ofMillis(200))
                .withHttpPort(0);

        assertThat(config.windowSize()).isEqualTo(7);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.httpPort()).isZero();
        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
    }

    @Test
    void shouldDocumentEverySettingByItsVariable() {
        String doc = LagMonitorConfig.describe();
        for (String setting : LagMonitorConfig.definition().names()) {
            assertThat(doc)
                    .contains(LagMonitorConfig.variable(setting))
                    .contains(LagMonitorConfig.definition().configKeys().get(setting).documentation);
        }
        assertThat(doc).contains("KAFKA_BOOTSTRAP_SERVERS", "RJ_LAG_POLL_INTERVAL_MS", "RJ_LAG_RJ_HTTP_HOST");
    }

    private static Map<String, String> with(String key, String value) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092", key, value);
    }
}
