package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.router.graph.CaseGraphProcessor;
import org.rjhub.router.graph.CaseOwnersProcessor;
import org.rjhub.router.graph.GraphRetention;
import org.rjhub.router.linkage.BlockRetention;
import org.rjhub.router.linkage.BlockingProcessor;
import org.rjhub.router.linkage.StoredReferral;

/**
 * The linkage and case graph stores' time-based retention on the production topology, in both graph modes: the wall
 * clock advanced, the hourly sweeps delete a referral not seen for {@code rj.referral.versions.retention.days} (365 by
 * default) from the blocking store (so nobody is matched with its people any more) and its case from the graph's
 * stores (on the partitioned graph, its entry at its root and its case address). Synthetic referrals (invented people) only.
 */
class RouterLinkageRetentionTest {

    private static final String POLICE_REFERRAL = CanonicalMapper.hubReferralId(SourceAgency.POLICE, "PR-1");
    private static final String VICTIM_SUPPORT_REFERRAL =
            CanonicalMapper.hubReferralId(SourceAgency.VICTIM_SUPPORT, "VS-1");

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldStillMatchAPersonWithinTheRetention(boolean partitioned) {
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
            // Given a police referral about a victim
            router.police(Fixtures.police("PR-1", "42/10001/26"));
            String policeCase = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();

            // When Victim Support refers the same victim 300 days later, without the crime reference
            router.driver.advanceWallClockTime(Duration.ofDays(300));
            router.victimSupport(imelda("VS-1"));

            // Then the person matcher links it to the police case
            assertThat(router.outcomes(SourceAgency.VICTIM_SUPPORT))
                    .extracting(Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId)
                    .containsExactly(tuple("VS-1", OutcomeType.LINKED, policeCase));
        }
    }

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldNoLongerMatchOrHoldAPersonAfterTheRetention(boolean partitioned) {
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
            // Given a police referral about a victim, its people in the blocks (and its case in the graph)
            router.police(Fixtures.police("PR-1", "42/10001/26"));
            String policeCase = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();
            assertThat(blockMembersOf(router, POLICE_REFERRAL)).isNotEmpty();
            if (partitioned) {
                assertThat(graphKeys(router, CaseOwnersProcessor.OWNERS)).contains(POLICE_REFERRAL);
                assertThat(graphKeys(router, CaseOwnersProcessor.ADDRESSES)).contains(policeCase);
            } else {
                assertThat(graphKeys(router, CaseGraphProcessor.NODES)).contains(POLICE_REFERRAL);
                assertThat(graphKeys(router, CaseGraphProcessor.CASES)).contains(policeCase);
            }

            // When a year and an hour pass without a new version of it
            router.driver.advanceWallClockTime(Duration.ofDays(365));
            assertThat(blockMembersOf(router, POLICE_REFERRAL)).isNotEmpty();
            router.driver.advanceWallClockTime(Duration.ofHours(1).plusMinutes(1));

            // Then the sweeps have deleted its people from every block (tombstones in the changelog) and its case
            assertThat(blockMembersOf(router, POLICE_REFERRAL)).isEmpty();
            assertThat(graphKeys(router, BlockRetention.STORE)).isEmpty();
            if (partitioned) {
                // the root forgot the case, and the forgetting reached its referral's case address over the graph
                // topic (deletes: tombstones in the changelogs)
                assertThat(graphKeys(router, CaseOwnersProcessor.OWNERS)).isEmpty();
                assertThat(graphKeys(router, CaseOwnersProcessor.ADDRESSES)).isEmpty();
            } else {
                assertThat(graphKeys(router, CaseGraphProcessor.NODES)).isEmpty();
                assertThat(graphKeys(router, CaseGraphProcessor.CASES)).isEmpty();
                assertThat(graphKeys(router, CaseGraphProcessor.SUMMARIES)).isEmpty();
                assertThat(graphKeys(router, GraphRetention.STORE)).isEmpty();
            }

            // and Victim Support's referral of the same victim is no longer matched with them: a case of its own
            router.victimSupport(imelda("VS-1"));
            Outcome answer = single(router.outcomes(SourceAgency.VICTIM_SUPPORT));
            assertThat(answer.getEventType()).isEqualTo(OutcomeType.RECEIVED);
            assertThat(answer.getHubCaseId()).isNotEqualTo(policeCase);
            assertThat(router.outcomes(SourceAgency.POLICE)).isEmpty();
        }
    }

    @ParameterizedTest(name = "graph partitioned: {0}")
    @ValueSource(booleans = {false, true})
    void shouldKeepACaseWhileAnyOfItsReferralsWasAnnouncedWithinTheRetentionAndThenForgetItWhole(boolean partitioned) {
        try (RouterDriver router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned))) {
            // Given a police referral, and 300 days later Victim Support's referral of the same victim, linked to it:
            // one case of two referrals (on the partitioned graph, homes on different partitions, one root)
            router.police(Fixtures.police("PR-1", "42/10001/26"));
            String policeCase = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();
            router.driver.advanceWallClockTime(Duration.ofDays(300));
            router.victimSupport(imelda("VS-1"));
            assertThat(single(router.outcomes(SourceAgency.VICTIM_SUPPORT)).getHubCaseId())
                    .isEqualTo(policeCase);
            List<String> held = graphKeys(router, partitioned ? CaseOwnersProcessor.OWNERS : CaseGraphProcessor.NODES);
            // (on the partitioned graph the root's component is stored in parts, under keys beginning with a NUL: its
            // two nodes, two summaries and one case; the retention must delete them too)
            assertThat(held.stream().filter(k -> !k.startsWith("\u0000")))
                    .containsExactlyInAnyOrder(POLICE_REFERRAL, VICTIM_SUPPORT_REFERRAL);
            assertThat(held.stream().filter(k -> k.startsWith("\u0000"))).hasSize(partitioned ? 5 : 0);

            // When a year and an hour pass since the police referral, but not since Victim Support's
            router.driver.advanceWallClockTime(Duration.ofDays(65).plusHours(1).plusMinutes(1));

            // Then the case is kept whole: a case is forgotten only when none of its referrals was announced within
            assertThat(graphKeys(router, partitioned ? CaseOwnersProcessor.OWNERS : CaseGraphProcessor.NODES))
                    .containsExactlyInAnyOrderElementsOf(held);
            if (partitioned) {
                assertThat(graphKeys(router, CaseOwnersProcessor.ADDRESSES)).hasSize(2);
            } else {
                assertThat(graphKeys(router, CaseGraphProcessor.CASES)).containsExactly(policeCase);
            }

            // When a year and an hour pass since Victim Support's referral too
            router.driver.advanceWallClockTime(Duration.ofDays(300));

            // Then the case is forgotten whole: on the partitioned graph the root's entry, and, sent over the graph
            // topic, the other referral's entry at its home and both case addresses
            if (partitioned) {
                assertThat(graphKeys(router, CaseOwnersProcessor.OWNERS)).isEmpty();
                assertThat(graphKeys(router, CaseOwnersProcessor.ADDRESSES)).isEmpty();
            } else {
                assertThat(graphKeys(router, CaseGraphProcessor.NODES)).isEmpty();
                assertThat(graphKeys(router, CaseGraphProcessor.CASES)).isEmpty();
                assertThat(graphKeys(router, CaseGraphProcessor.SUMMARIES)).isEmpty();
            }

            // and the police referral sent again opens a case of its own
            router.police(Fixtures.police("PR-1", "42/10001/26"));
            assertThat(single(router.outcomes(SourceAgency.POLICE)).getEventType())
                    .isEqualTo(OutcomeType.RECEIVED);
        }
    }

    /** The victim of {@link Fixtures#police(String, String)}, as Victim Support refers her. */
    private static org.rjhub.contracts.victimsupport.VictimSupportReferral imelda(String id) {
        return Fixtures.victimSupport(id, null, "Imelda", "Quarrington", "1971-05-06", "CM20 1AB");
    }

    private static List<String> blockMembersOf(RouterDriver router, String referral) {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, StoredReferral> members = router.driver.getKeyValueStore(BlockingProcessor.STORE);
        try (var it = members.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.hubReferralId().equals(referral)) {
                    keys.add(kv.key);
                }
            });
        }
        return keys;
    }

    private static List<String> graphKeys(RouterDriver router, String store) {
        List<String> keys = new ArrayList<>();
        KeyValueStore<String, Object> kv = router.driver.getKeyValueStore(store);
        try (var it = kv.all()) {
            it.forEachRemaining(e -> keys.add(e.key));
        }
        return keys;
    }

    private static Outcome single(List<Outcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0);
    }
}
