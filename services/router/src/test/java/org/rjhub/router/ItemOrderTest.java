package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.contracts.hub.AgencyReference;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.SimulatorConfig;

/**
 * The case service tells which case holds a referral by the times of the router's queue items (items of two cases
 * travel on different partitions, so their arrival order means nothing). The times must follow the order the case
 * graph decided in, even when the agencies' records arrive out of time order.
 */
class ItemOrderTest {

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldStampEachReferralsLatestItemInTheCaseItEndsIn(boolean partitioned) {
        // Given a batch from three agencies in shuffled orders, in which later referrals merge cases made before, each
        // record stamped earlier than the one before (three agencies' clocks and topics need not agree)
        Batch batch = new AgencySimulator(20261205L, SimulatorConfig.defaults().cleanOnly()).generate(40);
        Set<String> inSeveralCases = new HashSet<>();
        for (long seed : new long[] {1, 2}) {
            List<AgencyRecord> records = new ArrayList<>(batch.records());
            Collections.shuffle(records, new Random(seed));
            assertLatestItemsInTheCasesAnswered(records, partitioned, inSeveralCases);
        }
        assertThat(inSeveralCases).as("referrals queued in more than one case").isNotEmpty();
    }

    private static void assertLatestItemsInTheCasesAnswered(
            List<AgencyRecord> records, boolean partitioned, Set<String> inSeveralCases) {
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
            Instant at = Instant.parse("2026-11-30T12:00:00Z");
            for (AgencyRecord r : records) {
                router.clockAt(at);
                router.pipe(r);
                at = at.minusSeconds(1);
            }

            // When the case service takes each referral to be in the case of its latest item by time
            Map<String, QueueItem> latest = new HashMap<>();
            for (QueueItem item : router.allQueues()) {
                for (AgencyReference ref : item.getLinkedReferrals()) {
                    String key = ref.getAgency() + "/" + ref.getAgencyReferralId();
                    QueueItem before = latest.get(key);
                    if (before != null) {
                        assertThat(item.getCreatedAt())
                                .as("%s: two items at one time (%s, %s)", key, before.getCaseId(), item.getCaseId())
                                .isNotEqualTo(before.getCreatedAt());
                        if (!before.getCaseId().equals(item.getCaseId())) {
                            inSeveralCases.add(key);
                        }
                    }
                    if (before == null || item.getCreatedAt().isAfter(before.getCreatedAt())) {
                        latest.put(key, item);
                    }
                }
            }

            // Then that is the case the router answered the referral with last
            Map<String, String> answered = new HashMap<>();
            for (SourceAgency agency : SourceAgency.values()) {
                for (Outcome o : router.outcomes(agency)) {
                    if (o.getHubCaseId() != null) {
                        answered.put(o.getAgency() + "/" + o.getAgencyReferralId(), o.getHubCaseId());
                    }
                }
            }
            assertThat(inSeveralCases)
                    .as("referrals queued in more than one case")
                    .isNotEmpty();
            Map<String, String> caseOfLatest = new HashMap<>();
            latest.forEach((key, item) -> caseOfLatest.put(key, item.getCaseId()));
            Map<String, String> answeredQueued = new HashMap<>(answered);
            answeredQueued.keySet().retainAll(latest.keySet());
            assertThat(caseOfLatest).isEqualTo(answeredQueued);
        }
    }
}
