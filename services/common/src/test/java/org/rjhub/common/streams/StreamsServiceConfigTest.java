package org.rjhub.common.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.junit.jupiter.api.Test;
import org.rjhub.common.config.Environment;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.errors.RetryBackoff;

class StreamsServiceConfigTest {

    private static final KafkaConnection LOCAL = KafkaConnection.of("localhost:9092", "http://localhost:8080/");

    /** A service with one setting of its own. */
    private static final class ServiceConfig extends StreamsServiceConfig {
        static final ConfigDef DEF = define(new ConfigDef(), "rj-test", "rj-test-state", 8085, 150L)
                .define("rj.test.shards", Type.INT, 4, ConfigDef.Range.atLeast(1), Importance.LOW, "Shards.");

        ServiceConfig(Map<String, ?> values) {
            super(DEF, values);
        }

        Properties streamsProperties() {
            return streamsProperties(
                    LogAndContinueExceptionHandler.class, LogAndContinueProcessingExceptionHandler.class, 1024L);
        }
    }

    @Test
    void shouldDefaultEverySharedSetting() {
        ServiceConfig config = new ServiceConfig(StreamsServiceConfig.withConnection(LOCAL, Map.of()));

        assertThat(config.getString(StreamsServiceConfig.APPLICATION_ID)).isEqualTo("rj-test");
        assertThat(config.getString(StreamsServiceConfig.STATE_DIR))
                .isEqualTo(System.getProperty("java.io.tmpdir") + "/rj-test-state");
        assertThat(config.getInt(StreamsServiceConfig.THREADS)).isEqualTo(1);
        assertThat(config.getInt(StreamsServiceConfig.STANDBY_REPLICAS)).isEqualTo(0);
        assertThat(config.getLong(StreamsServiceConfig.COMMIT_INTERVAL_MS)).isEqualTo(150L);
        assertThat(config.httpPort()).isEqualTo(8085);
        assertThat(config.naming().apply("rj.case-events.v1")).isEqualTo("rj.case-events.v1");
        assertThat(config.retryBackoff()).isEqualTo(RetryBackoff.defaults());
        assertThat(config.connection()).isEqualTo(LOCAL);
        assertThat(config.getInt("rj.test.shards")).isEqualTo(4);
    }

    @Test
    void shouldRefuseAMissingConnectionAndValuesOutOfRange() {
        assertThatThrownBy(() -> new ServiceConfig(Map.of("rj.registry.url", "http://localhost:8080")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> new ServiceConfig(StreamsServiceConfig.withConnection(
                        LOCAL, Map.of(StreamsServiceConfig.COMMIT_INTERVAL_MS, "5"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("commit.interval.ms");
        assertThatThrownBy(() -> new ServiceConfig(
                        StreamsServiceConfig.withConnection(LOCAL, Map.of(StreamsServiceConfig.HTTP_PORT, "70000"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.http.port");
        assertThatThrownBy(() -> new ServiceConfig(
                        StreamsServiceConfig.withConnection(LOCAL, Map.of(StreamsServiceConfig.THREADS, "0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("num.stream.threads");
        assertThatThrownBy(() -> new ServiceConfig(StreamsServiceConfig.withConnection(
                        LOCAL, Map.of(StreamsServiceConfig.STANDBY_REPLICAS, "-1"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("num.standby.replicas");
        assertThatThrownBy(() -> new ServiceConfig(Map.of(
                        StreamsServiceConfig.BOOTSTRAP_SERVERS,
                        "",
                        StreamsServiceConfig.REGISTRY_URL,
                        "http://localhost:8080")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void shouldBindLoopbackByDefaultAndAnyAddressWhenTold() {
        ServiceConfig byDefault = new ServiceConfig(StreamsServiceConfig.withConnection(LOCAL, Map.of()));
        ServiceConfig container = new ServiceConfig(StreamsServiceConfig.withConnection(
                LOCAL, Map.of(StreamsServiceConfig.HTTP_HOST, "0.0.0.0", StreamsServiceConfig.HTTP_PORT, "9000")));

        assertThat(byDefault.httpHost()).isEqualTo("127.0.0.1");
        assertThat(container.httpHost()).isEqualTo("0.0.0.0");
        assertThat(container.httpPort()).isEqualTo(9000);
        assertThatThrownBy(() -> new ServiceConfig(
                        StreamsServiceConfig.withConnection(LOCAL, Map.of(StreamsServiceConfig.HTTP_HOST, ""))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("rj.http.host");
    }

    @Test
    void shouldBuildExactlyOnceStreamsPropertiesWithTheServicesHandlersAndCache() {
        Map<String, Object> values = StreamsServiceConfig.withConnection(
                LOCAL,
                Map.of(
                        StreamsServiceConfig.STATE_DIR,
                        "/var/lib/rj-test",
                        StreamsServiceConfig.THREADS,
                        "3",
                        StreamsServiceConfig.STANDBY_REPLICAS,
                        "1",
                        StreamsServiceConfig.TOPIC_PREFIX,
                        "t1.",
                        StreamsServiceConfig.APPLICATION_ID,
                        "rj-test-it"));
        Properties p = new ServiceConfig(values).streamsProperties();

        assertThat(p)
                .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "rj-test-it")
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/rj-test")
                .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 3)
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 150L)
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024L)
                .containsEntry(
                        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueExceptionHandler.class)
                .containsEntry(
                        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        LogAndContinueProcessingExceptionHandler.class)
                .containsEntry("consumer.auto.offset.reset", "earliest")
                .containsEntry("producer.linger.ms", 5)
                .containsEntry("producer.retry.backoff.ms", 10)
                .containsEntry(StreamsServiceConfig.REGISTRY_URL, "http://localhost:8080")
                .containsEntry(StreamsServiceConfig.TOPIC_PREFIX, "t1.");
        assertThat(new StreamsConfig(p).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(150L);
    }

    @Test
    void shouldPassStreamsPrefixedSettingsOnAsIsOverTheServicesOwnChoice() {
        Map<String, Object> values = new HashMap<>(StreamsServiceConfig.withConnection(LOCAL, Map.of()));
        values.put("streams.producer.linger.ms", "20");
        values.put("streams.statestore.cache.max.bytes", "0");
        values.put("streams.num.standby.replicas", 1);
        Properties p = new ServiceConfig(values).streamsProperties();

        assertThat(p)
                .containsEntry("producer.linger.ms", "20")
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1)
                .doesNotContainKey("streams.producer.linger.ms");
    }

    @Test
    void shouldTakeEverySettingFromTheEnvironment() {
        ServiceConfig config = new ServiceConfig(Environment.settings(
                Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "broker:9092",
                        "RJ_REGISTRY_URL",
                        "http://registry:8080",
                        "RJ_TEST_RJ_HTTP_PORT",
                        "0",
                        "RJ_TEST_RJ_RETRY_BUDGET_MS",
                        "60000",
                        "RJ_TEST_RJ_TEST_SHARDS",
                        "8",
                        "RJ_TEST_STREAMS_PRODUCER_LINGER_MS",
                        "25"),
                "RJ_TEST_",
                ServiceConfig.DEF));

        assertThat(config.connection()).isEqualTo(KafkaConnection.of("broker:9092", "http://registry:8080"));
        assertThat(config.httpPort()).isZero();
        assertThat(config.retryBackoff().budget()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.getInt("rj.test.shards")).isEqualTo(8);
        assertThat(config.streamsProperties()).containsEntry("producer.linger.ms", "25");
    }
}
