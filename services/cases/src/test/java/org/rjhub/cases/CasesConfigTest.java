package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;

class CasesConfigTest {

    private static final KafkaConnection LOCAL = KafkaConnection.of("localhost:9092", "http://localhost:8080");

    @Test
    void shouldReadSettingsFromTheEnvironment() {
        Map<String, Object> values = CasesMain.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "broker:9092",
                "RJ_REGISTRY_URL",
                "http://registry:8080",
                "RJ_CASES_STATE_DIR",
                "/var/lib/rj-cases",
                "RJ_CASES_RJ_HTTP_PORT",
                "8089",
                "RJ_CASES_RJ_HTTP_HOST",
                "0.0.0.0",
                "RJ_CASES_SLA_NO_PROGRESS_DAYS",
                "21",
                "RJ_CASES_RJ_TOPIC_PREFIX",
                "t1."));
        CasesConfig config = new CasesConfig(values);

        assertThat(config.httpPort()).isEqualTo(8089);
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.serviceLevels().noProgress()).isEqualTo(Duration.ofDays(21));
        assertThat(config.naming().apply("rj.case-events.v1")).isEqualTo("t1.rj.case-events.v1");
        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/rj-cases")
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092");
    }

    @Test
    void shouldTellTheOtherInstancesWhereTheApiAnswersAndKeepStandbyReplicas() {
        CasesConfig pod = new CasesConfig(CasesMain.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "broker:9092",
                "RJ_REGISTRY_URL",
                "http://registry:8080",
                "RJ_CASES_RJ_HTTP_HOST",
                "0.0.0.0",
                "RJ_CASES_ADVERTISED_HOST",
                "rj-cases-1.rj-cases",
                "RJ_CASES_NUM_STANDBY_REPLICAS",
                "1")));
        CasesConfig local = CasesConfig.of(LOCAL, Map.of());

        assertThat(pod.advertisedHost()).isEqualTo("rj-cases-1.rj-cases");
        assertThat(pod.streamsProperties(new HostInfo(pod.advertisedHost(), 7080)))
                .containsEntry(StreamsConfig.APPLICATION_SERVER_CONFIG, "rj-cases-1.rj-cases:7080")
                .containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        assertThat(local.advertisedHost()).as("the bind address").isEqualTo("127.0.0.1");
        assertThat(local.streamsProperties()).containsEntry(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 0);
    }

    @Test
    void shouldPassKafkaStreamsSettingsFromTheEnvironmentOnAsIs() {
        Map<String, Object> values = CasesMain.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "broker:9092",
                "RJ_REGISTRY_URL",
                "http://registry:8080",
                "RJ_CASES_RJ_RETRY_BUDGET_MS",
                "60000",
                "RJ_CASES_STREAMS_PRODUCER_LINGER_MS",
                "20"));
        CasesConfig config = new CasesConfig(values);

        assertThat(config.retryBackoff().budget()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.httpPort()).isEqualTo(7080);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.streamsProperties())
                .containsEntry(StreamsConfig.producerPrefix("linger.ms"), "20")
                .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L)
                .containsEntry(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
    }

    @Test
    void shouldBindTheApiToLoopbackAndRefuseToServeItWithoutAnIssuer() {
        CasesConfig none = CasesConfig.of(LOCAL, Map.of());
        CasesConfig configured = new CasesConfig(CasesMain.fromEnvironment(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "broker:9092",
                "RJ_REGISTRY_URL",
                "http://registry:8080",
                "RJ_CASES_RJ_HTTP_HOST",
                "0.0.0.0",
                "RJ_CASES_AUTH_ISSUER",
                "https://login.example.org/county",
                "RJ_CASES_AUTH_JWKS_URL",
                "https://login.example.org/county/keys")));

        assertThat(none.httpHost()).isEqualTo("127.0.0.1");
        assertThatThrownBy(none::bearerTokens)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(CasesConfig.AUTH_ISSUER);
        assertThatThrownBy(() -> CasesService.start(none)).isInstanceOf(ConfigException.class);
        assertThat(configured.httpHost()).isEqualTo("0.0.0.0");
        assertThat(configured.bearerTokens()).isNotNull();
        assertThat(configured.getString(CasesConfig.AUTH_AUDIENCE)).isEqualTo("rj-case-api");
    }

    @Test
    void shouldRefuseABadBankHolidayAtStartUp() {
        assertThatThrownBy(() -> CasesConfig.of(LOCAL, Map.of(CasesConfig.BANK_HOLIDAYS, "2026-13-01")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(CasesConfig.BANK_HOLIDAYS);
    }

    @Test
    void shouldNameEveryOperatorStoreAndRepartition() {
        CasesConfig config = CasesConfig.of(LOCAL, Map.of());
        String description = CasesTopology.build(
                        config, CasesTopics.create(UnaryOperator.identity(), new AvroSerdes(LOCAL)))
                .describe()
                .toString();

        assertThat(description)
                .doesNotContain("KSTREAM-", "KTABLE-")
                .contains(
                        "case-lifecycle",
                        "case-intake",
                        "referral-owners",
                        "case-items-repartition",
                        "referral-claims-repartition",
                        "stores: [cases, case-deadlines]");
    }
}
