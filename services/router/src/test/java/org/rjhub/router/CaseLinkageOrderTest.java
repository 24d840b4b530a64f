package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.matching.CaseIds;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;
import org.rjhub.simulator.SimulatorConfig;

/** The same referrals in any order end in the same cases (on the partitioned graph, with the same ids). */
class CaseLinkageOrderTest {

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldEndInTheSameCasesWhateverTheArrivalOrder(boolean partitioned) {
        Map<String, Object> settings = Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned);
        // Given a realistic batch from three agencies (no redeliveries or amendments: their order is meaningful)
        Batch batch = new AgencySimulator(42, SimulatorConfig.defaults().cleanOnly()).generate(60);

        // When it arrives in the simulator's order and in three shuffled orders
        Set<Set<String>> expected = RouterDriver.cases(batch.records(), settings);
        for (long seed : new long[] {1, 2, 3}) {
            List<AgencyRecord> shuffled = new ArrayList<>(batch.records());
            Collections.shuffle(shuffled, new Random(seed));

            // Then the referrals are grouped into exactly the same cases
            assertThat(RouterDriver.cases(shuffled, settings)).isEqualTo(expected);
        }
        // and the same cases whether the graph runs on one partition or on every partition
        assertThat(RouterDriver.cases(batch.records(), Map.of(RouterConfig.GRAPH_PARTITIONED, !partitioned)))
                .isEqualTo(expected);
        // and the grouping follows the simulator's truth: one case per incident at most
        Map<String, String> incidentOf = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            incidentOf.put(
                    batch.record(i).agency() + "/" + batch.record(i).key(),
                    batch.expectation(i).incidentId());
        }
        long mixed = expected.stream()
                .filter(c -> c.stream().map(incidentOf::get).distinct().count() > 1)
                .count();
        assertThat(mixed).as("cases mixing different incidents").isLessThanOrEqualTo(expected.size() / 20);
        assertThat(batch.expectations()).extracting(Expectation::kind).containsOnly(Expectation.Kind.VALID);
    }

    @Test
    void shouldEndInTheSameCasesWithTheSameIdsWhateverTheArrivalOrderOnThePartitionedGraph() {
        Map<String, Object> partitioned = Map.of(RouterConfig.GRAPH_PARTITIONED, true);
        // Given a realistic batch from three agencies (no redeliveries or amendments: their order is meaningful)
        Batch batch = new AgencySimulator(42, SimulatorConfig.defaults().cleanOnly()).generate(60);

        // When it arrives in the simulator's order, reversed, and in three shuffled orders
        Map<String, Set<String>> expected = RouterDriver.casesById(batch.records(), partitioned);
        List<List<AgencyRecord>> orders = new ArrayList<>();
        List<AgencyRecord> reversed = new ArrayList<>(batch.records());
        Collections.reverse(reversed);
        orders.add(reversed);
        for (long seed : new long[] {1, 2, 3}) {
            List<AgencyRecord> shuffled = new ArrayList<>(batch.records());
            Collections.shuffle(shuffled, new Random(seed));
            orders.add(shuffled);
        }

        // Then the referrals end in the same cases under the same ids
        for (List<AgencyRecord> order : orders) {
            assertThat(RouterDriver.casesById(order, partitioned)).isEqualTo(expected);
        }
        // each named after its smallest referral
        expected.forEach((caseId, referrals) ->
                assertThat(caseId).as("%s", referrals).isEqualTo(CaseIds.of(Collections.min(referrals))));
        assertThat(expected.values().stream().filter(c -> c.size() > 1))
                .as("some referrals linked")
                .isNotEmpty();
    }
}
