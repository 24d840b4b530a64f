package org.rjhub.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Each deployable's variables, listed from its typed config. */
class HubServiceTest {

    @Test
    void shouldListEveryServicesBindAddressAndTheConnectionPair() {
        for (HubService s : HubService.values()) {
            assertThat(s.variables())
                    .as(s.command())
                    .contains(s.prefix() + "RJ_HTTP_HOST", s.prefix() + "RJ_HTTP_PORT")
                    .contains("KAFKA_BOOTSTRAP_SERVERS", "RJ_REGISTRY_URL");
        }
    }

    @Test
    void shouldNameVariablesAsEachServiceReadsThem() {
        // the case service and the lag monitor leave their own prefix out of the variable names
        assertThat(HubService.CASES.variables())
                .contains("RJ_CASES_AUTH_ISSUER")
                .doesNotContain("RJ_CASES_RJ_CASES_AUTH_ISSUER");
        assertThat(HubService.LAG_MONITOR.variables()).contains("RJ_LAG_BUSINESS_LAG_URLS");
        assertThat(HubService.REPORTING.variables()).contains("RJ_REPORTING_JDBC_URL");
        assertThat(HubService.ROUTER.variables()).contains("RJ_ROUTER_STATE_DIR", "RJ_ROUTER_RJ_LINKAGE_SHARDS");
    }

    @Test
    void shouldPassKafkaSettingsThroughForStreamsServicesOnly() {
        assertThat(HubService.ROUTER.reads("RJ_ROUTER_STREAMS_SASL_JAAS_CONFIG"))
                .isTrue();
        assertThat(HubService.ROUTER.reads("RJ_ROUTER_STREAMS_")).isFalse();
        assertThat(HubService.REPORTING.reads("RJ_REPORTING_STREAMS_SASL_JAAS_CONFIG"))
                .isFalse();
        assertThat(HubService.ROUTER.reads("RJ_ROUTER_RJ_LINKAGE_SHARD")).isFalse();
    }
}
