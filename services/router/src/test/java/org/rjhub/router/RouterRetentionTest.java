package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.router.intake.DeduplicationProcessor;

/**
 * The deduplication store's time-based retention on the production topology: the wall clock advanced, the hourly
 * sweep deletes a referral not seen for {@code rj.referral.versions.retention.days} (365 by default); on the
 * partitioned case graph (the default) and on one partition.
 */
@ParameterizedClass(name = "graph partitioned: {0}")
@ValueSource(booleans = {true, false})
class RouterRetentionTest {

    @Parameter
    boolean partitioned;

    private RouterDriver router;

    @BeforeEach
    void start() {
        router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned));
    }

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void shouldForgetAReferralNotSeenForTheRetentionAndAdmitItAsNewAfterwards() {
        PoliceReferral referral = Fixtures.police("PR-1", "42/10001/26");
        router.police(referral);
        assertThat(types(router.outcomes(SourceAgency.POLICE))).containsExactly(OutcomeType.RECEIVED);

        // within the retention, a redelivery is still recognised (and counts as seen)
        router.driver.advanceWallClockTime(Duration.ofDays(300));
        router.police(referral);
        assertThat(router.outcomes(SourceAgency.POLICE)).isEmpty();
        router.driver.advanceWallClockTime(Duration.ofDays(300));
        assertThat(store()).hasSize(1);

        // a year and an hour after it was last seen, the sweep deletes it
        router.driver.advanceWallClockTime(Duration.ofDays(66).plusHours(1));
        assertThat(store()).isEmpty();

        // sent again after that, it passes deduplication as new: onto rj.referrals.v1 again, and to the case graph,
        // which forgot it a year after its last version (RouterLinkageRetentionTest), so it opens a case again
        router.police(referral);
        assertThat(canonical()).hasSize(2);
        assertThat(store()).hasSize(1);
        assertThat(types(router.outcomes(SourceAgency.POLICE))).containsExactly(OutcomeType.RECEIVED);
    }

    @Test
    void shouldDateAnEntryOfBeforeRetentionAtTheFirstSweepAndForgetItOneRetentionLater() {
        KeyValueStore<String, String> versions = router.driver.getKeyValueStore(DeduplicationProcessor.STORE);
        versions.put("POLICE/PR-OLD", "0123abcd");

        router.driver.advanceWallClockTime(Duration.ofHours(1).plusMinutes(1));
        assertThat(versions.get("POLICE/PR-OLD")).startsWith("0123abcd ");
        router.driver.advanceWallClockTime(Duration.ofDays(364));
        assertThat(versions.get("POLICE/PR-OLD")).isNotNull();
        router.driver.advanceWallClockTime(Duration.ofDays(1).plusHours(1));
        assertThat(versions.get("POLICE/PR-OLD")).isNull();
    }

    private List<Referral> canonical() {
        return router.driver
                .createOutputTopic(
                        router.topics.referrals().name(),
                        Serdes.String().deserializer(),
                        router.topics.referrals().valueSerde().deserializer())
                .readValuesToList();
    }

    private List<String> store() {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, String> versions = router.driver.getKeyValueStore(DeduplicationProcessor.STORE);
        try (var it = versions.all()) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        return keys;
    }

    private static List<OutcomeType> types(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::getEventType).toList();
    }
}
