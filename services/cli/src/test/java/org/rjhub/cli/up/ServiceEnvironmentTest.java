package org.rjhub.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rjhub.common.config.KafkaConnection;

/** What each service process is told: the variables its own config reads, as in a deployment. */
class ServiceEnvironmentTest {

    private static final Map<HubService, Integer> PORTS = Map.of(
            HubService.ROUTER, 8081,
            HubService.CASES, 7080,
            HubService.FACTS, 8082,
            HubService.REPORTING, 8083,
            HubService.LAG_MONITOR, 9308);

    private static ServiceEnvironment environment(Map<String, Path> clientConfigs) {
        return new ServiceEnvironment(
                KafkaConnection.of("127.0.0.1:9092", "http://127.0.0.1:8080"),
                clientConfigs,
                Path.of("/data/run-1"),
                URI.create("http://127.0.0.1:9000/rj-dev"),
                URI.create("http://127.0.0.1:9000/rj-dev/jwks"),
                "jdbc:h2:/data/reporting/reporting",
                Path.of("/data/run-1/security/pseudonym-keys.json"),
                Path.of("/data/master-key.json"));
    }

    @Test
    void shouldGiveEachServiceTheClusterItsStateFolderAndWhatItNeedsOfTheOthers() {
        ServiceEnvironment env = environment(Map.of());

        assertThat(env.of(HubService.ROUTER, PORTS))
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("RJ_REGISTRY_URL", "http://127.0.0.1:8080")
                .containsEntry(
                        "RJ_ROUTER_STATE_DIR", Path.of("/data/run-1/router").toString())
                .containsEntry("RJ_MASTER_KEY", Path.of("/data/master-key.json").toString())
                .doesNotContainKey(KafkaConnection.ENV_CLIENT_CONFIG);
        assertThat(env.of(HubService.CASES, PORTS))
                .containsEntry("RJ_CASES_AUTH_ISSUER", "http://127.0.0.1:9000/rj-dev")
                .containsEntry("RJ_CASES_AUTH_JWKS_URL", "http://127.0.0.1:9000/rj-dev/jwks")
                .containsEntry(
                        "RJ_CASES_STATE_DIR", Path.of("/data/run-1/cases").toString());
        assertThat(env.of(HubService.FACTS, PORTS))
                .containsEntry("RJ_MASTER_KEY", Path.of("/data/master-key.json").toString())
                .containsEntry(
                        "RJ_FACTS_PSEUDONYM_KEYS",
                        Path.of("/data/run-1/security/pseudonym-keys.json")
                                .toAbsolutePath()
                                .toString())
                .doesNotContainKey("RJ_REPORTING_HMAC_KEY");
        assertThat(env.of(HubService.REPORTING, PORTS))
                .containsEntry("RJ_REPORTING_JDBC_URL", "jdbc:h2:/data/reporting/reporting")
                .doesNotContainKey("RJ_REPORTING_STATE_DIR");
        assertThat(env.of(HubService.LAG_MONITOR, PORTS))
                .containsEntry("RJ_LAG_BUSINESS_LAG_URLS", "http://127.0.0.1:7080/business-lag");
        assertThat(env.of(HubService.CONSOLE, PORTS))
                .containsEntry("RJ_CONSOLE_CASE_API_URL", "http://127.0.0.1:7080")
                .containsKey("RJ_CONSOLE_ISSUER")
                .doesNotContainKey("RJ_CONSOLE_STATE_DIR");
    }

    @Test
    void shouldNameEachServicesOperationsPortVariableAsItsConfigReadsIt() {
        assertThat(HubService.ALL.stream().map(HubService::portVariable))
                .containsExactly(
                        "RJ_ROUTER_RJ_HTTP_PORT",
                        "RJ_CASES_RJ_HTTP_PORT",
                        "RJ_FACTS_RJ_HTTP_PORT",
                        "RJ_REPORTING_RJ_HTTP_PORT",
                        "RJ_LAG_RJ_HTTP_PORT",
                        "RJ_CONSOLE_RJ_HTTP_PORT");
    }

    @Test
    void shouldGiveEachServiceItsOwnPrincipalsClientConfigOnASecuredStack() {
        ServiceEnvironment env = environment(Map.of(
                "router", Path.of("/sec/router.properties"),
                "lagmonitor", Path.of("/sec/lagmonitor.properties")));

        assertThat(env.of(HubService.ROUTER, PORTS))
                .containsEntry(
                        KafkaConnection.ENV_CLIENT_CONFIG,
                        Path.of("/sec/router.properties").toString());
        assertThat(env.of(HubService.LAG_MONITOR, PORTS))
                .containsEntry(
                        KafkaConnection.ENV_CLIENT_CONFIG,
                        Path.of("/sec/lagmonitor.properties").toString());
        assertThatThrownBy(() -> env.of(HubService.CASES, PORTS)).hasMessageContaining("no principal cases for cases");
    }
}
