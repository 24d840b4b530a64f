package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rjhub.common.serde.BinarySerde;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;

/**
 * A graph topic record that does not decode is the record's fault: the router's handler dead-letters it
 * ({@code GraphSerdesTest}: refused as FATAL) and the graph goes on.
 */
class UnreadableGraphRecordTest {

    private static final String GRAPH_TOPIC = "rj-router-graph-owners";

    @Test
    void shouldSkipAnUnreadableGraphMessageAndPlaceTheNextReferral() {
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, true))) {
            // a binary JOIN cut short after its kind
            router.rawBytes(GRAPH_TOPIC, "POLICE/PR-1", new byte[] {BinarySerde.BINARY, 2});
            router.police(Fixtures.police("PR-1", "CR/1/26"));

            // the handler's dead letter is not captured by the TopologyTestDriver; the record is dropped by it
            assertThat(droppedRecords(router)).isEqualTo(1.0);
            assertThat(router.outcomes(SourceAgency.POLICE))
                    .extracting(Outcome::getEventType)
                    .containsExactly(OutcomeType.RECEIVED);
        }
    }

    private static double droppedRecords(RouterDriver router) {
        return router.driver.metrics().values().stream()
                .filter(m -> m.metricName().name().equals("dropped-records-total"))
                .mapToDouble(m -> ((Number) m.metricValue()).doubleValue())
                .sum();
    }
}
