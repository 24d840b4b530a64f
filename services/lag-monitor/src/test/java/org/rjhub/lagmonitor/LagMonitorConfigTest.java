package org.rjhub.lagmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagMonitorConfigTest {

    private static final Map<String, String> MINIMAL = Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092");

    @Test
    void shouldTakeTheDefaultsForEverythingButTheBootstrapServers() {
        // When built from the bootstrap servers alone
        LagMonitorConfig config = LagMonitorConfig.fromMap(MINIMAL);

        // Then
        assertThat(config.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(config.groupFilter().pattern()).isEqualTo(".*");
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.windowSize()).isEqualTo(10);
        assertThat(config.windowMinDistance()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.lookupTableSize()).isEqualTo(60);
        assertThat(config.httpPort()).isEqualTo(9308);
        assertThat(config.commitSource()).isEqualTo(LagMonitorConfig.CommitSource.OFFSETS_TOPIC);
    }

    @Test
    void shouldReadEverySetting() {
        // Given every setting in the environment, among unrelated variables
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "a:1,b:2", "LAG_GROUP_FILTER", "rj-.*",
                "LAG_POLL_INTERVAL", "500ms", "LAG_WINDOW_SIZE", "5", "LAG_WINDOW_MIN_DISTANCE", "PT0.2S",
                "LAG_LOOKUP_TABLE_SIZE", "30", "LAG_HTTP_PORT", "0", "LAG_COMMIT_SOURCE", "poll", "PATH", "/bin");

        // When
        LagMonitorConfig config = LagMonitorConfig.fromMap(env);

        // Then
        assertThat(config.watches("rj-router")).isTrue();
        assertThat(config.watches("other-rj-router")).isFalse();
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.windowSize()).isEqualTo(5);
        assertThat(config.windowMinDistance()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.lookupTableSize()).isEqualTo(30);
        assertThat(config.httpPort()).isZero();
        assertThat(config.commitSource()).isEqualTo(LagMonitorConfig.CommitSource.POLL);
    }

    @Test
    void shouldRequireTheBootstrapServers() {
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS is required");
    }

    @Test
    void shouldNameTheSettingOfAnInvalidValue() {
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_WINDOW_SIZE", "1")))
                .hasMessageContaining("LAG_WINDOW_SIZE must be at least 2");
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_WINDOW_SIZE", "ten")))
                .hasMessageContaining("LAG_WINDOW_SIZE=ten");
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_POLL_INTERVAL", "0s")))
                .hasMessageContaining("LAG_POLL_INTERVAL must be positive");
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_POLL_INTERVAL", "soon")))
                .hasMessageContaining("LAG_POLL_INTERVAL=soon");
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_GROUP_FILTER", "rj-(")))
                .hasMessageContaining("LAG_GROUP_FILTER=rj-(").hasMessageContaining("not a valid regex");
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_HTTP_PORT", "70000")))
                .hasMessageContaining("LAG_HTTP_PORT must be between 0 and 65535");
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_COMMIT_SOURCE", "zookeeper")))
                .hasMessageContaining("must be offsets-topic or poll");
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_LOOKUP_TABLE_SIZE", "1")))
                .hasMessageContaining("LAG_LOOKUP_TABLE_SIZE must be at least 2");
    }

    @Test
    void shouldRefuseAnUnknownSettingWithItsPrefix() {
        assertThatThrownBy(() -> LagMonitorConfig.fromMap(with("LAG_WINDOW_SIZ", "5")))
                .hasMessageContaining("unknown setting(s) [LAG_WINDOW_SIZ]");
    }

    @Test
    void shouldDocumentEverySetting() {
        String doc = LagMonitorConfig.describe();
        for (LagMonitorConfig.Setting s : LagMonitorConfig.Setting.values()) {
            assertThat(doc).contains(s.key()).contains(s.doc());
        }
    }

    private static Map<String, String> with(String key, String value) {
        return Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092", key, value);
    }
}
