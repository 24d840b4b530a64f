package org.rjhub.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    private static final ConfigDef DEF = new ConfigDef()
            .define("state.dir", Type.STRING, "/tmp", Importance.LOW, "")
            .define("rj.http.port", Type.INT, 8081, Importance.LOW, "")
            .define("rj.cases.sla.no.progress.days", Type.INT, 30, Importance.LOW, "");

    @Test
    void shouldMapEachDefinedSettingToItsVariableWithDotsAsUnderscores() {
        Map<String, Object> values = Environment.settings(
                Map.of(
                        "RJ_ROUTER_STATE_DIR",
                        "/var/lib/rj",
                        "RJ_ROUTER_RJ_HTTP_PORT",
                        "9000",
                        "RJ_ROUTER_UNKNOWN_THING",
                        "x",
                        "RJ_CASES_STATE_DIR",
                        "/other"),
                "RJ_ROUTER_",
                DEF);

        assertThat(values)
                .containsExactlyInAnyOrderEntriesOf(Map.of("state.dir", "/var/lib/rj", "rj.http.port", "9000"));
    }

    @Test
    void shouldReadTheConnectionFromTheHubsSharedVariables() {
        Map<String, Object> values = Environment.settings(
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "RJ_REGISTRY_URL", "http://registry:8080"),
                "RJ_FACTS_",
                DEF);

        assertThat(values)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("bootstrap.servers", "broker:9092", "rj.registry.url", "http://registry:8080"));
    }

    @Test
    void shouldLeaveTheFirstMatchingDroppedPrefixOutOfTheVariableName() {
        Map<String, Object> values = Environment.settings(
                Map.of(
                        "RJ_CASES_HTTP_PORT",
                        "7081",
                        "RJ_CASES_SLA_NO_PROGRESS_DAYS",
                        "21",
                        "RJ_CASES_RJ_HTTP_PORT",
                        "1"),
                "RJ_CASES_",
                DEF,
                "rj.cases.",
                "rj.");

        assertThat(values)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("rj.http.port", "7081", "rj.cases.sla.no.progress.days", "21"));
        assertThat(Environment.variable("RJ_CASES_", "state.dir", "rj.cases.", "rj."))
                .isEqualTo("RJ_CASES_STATE_DIR");
    }

    @Test
    void shouldPassStreamsVariablesOnAsStreamsSettingsInLowerCaseWithDots() {
        Map<String, Object> values = Environment.settings(
                Map.of(
                        "RJ_ROUTER_STREAMS_PRODUCER_LINGER_MS",
                        "20",
                        "RJ_ROUTER_STREAMS_",
                        "ignored",
                        "RJ_FACTS_STREAMS_NUM_STANDBY_REPLICAS",
                        "1"),
                "RJ_ROUTER_",
                DEF);

        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("streams.producer.linger.ms", "20"));
    }

    @Test
    void shouldKeepAVariableThatIsSetButEmpty() {
        Map<String, Object> values = Environment.settings(Map.of("RJ_ROUTER_STATE_DIR", ""), "RJ_ROUTER_", DEF);

        assertThat(values).containsEntry("state.dir", "");
    }

    @Test
    void shouldListTheVariablesWithTheServicesPrefixThatNameNoSetting() {
        assertThat(Environment.unknownVariables(
                        Map.of(
                                "RJ_CASES_SLA_NO_PROGRES_DAYS",
                                "21",
                                "RJ_CASES_STATE_DIR",
                                "/x",
                                "RJ_CASES_RJ_HTTP_PORT",
                                "1",
                                "RJ_CASES_HTTP_PORT",
                                "2",
                                "RJ_CASES_STREAMS_PRODUCER_LINGER_MS",
                                "20",
                                "RJ_ROUTER_OTHER",
                                "x"),
                        "RJ_CASES_",
                        DEF,
                        "rj.cases."))
                .containsExactly("RJ_CASES_HTTP_PORT", "RJ_CASES_SLA_NO_PROGRES_DAYS");
    }

    @Test
    void shouldDescribeEachSettingByItsVariableWithDefaultAndDoc() {
        ConfigDef def = ConnectionSettings.define(new ConfigDef())
                .define("rj.cases.zone", Type.STRING, "Europe/London", Importance.LOW, "Zone of due dates.");

        String text = Environment.describe("RJ_CASES_", def, "rj.cases.");

        assertThat(text.lines())
                .anySatisfy(l -> assertThat(l).contains("RJ_CASES_ZONE", "Europe/London", "Zone of due dates."));
        assertThat(text.lines()).anySatisfy(l -> assertThat(l).contains("KAFKA_BOOTSTRAP_SERVERS", "(required)"));
        assertThat(text).contains("RJ_REGISTRY_URL").doesNotContain("RJ_CASES_BOOTSTRAP_SERVERS");
    }
}
