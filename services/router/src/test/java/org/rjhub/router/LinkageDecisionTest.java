package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.CaseEventType;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.matching.CaseIds;
import org.rjhub.router.graph.DecisionJoinProcessor;
import org.rjhub.router.graph.PendingDecision;

/**
 * A facilitator's LINK_CONFIRMED or KEEP_APART changes the router's cases only once the case service has
 * answered it ACCEPTED on rj.case-event-results.v1, whichever of decision and answer arrives first; on the partitioned
 * case graph (the default) and on one partition.
 */
@ParameterizedClass(name = "graph partitioned: {0}")
@ValueSource(booleans = {true, false})
class LinkageDecisionTest {

    @Parameter
    boolean partitioned;

    private RouterDriver router;
    private String policeCase;
    private String probationCase;

    @BeforeEach
    void start() {
        router = new RouterDriver(Map.of(RouterConfig.GRAPH_PARTITIONED, partitioned));
        // Given two referrals about different people, each in its own case
        router.police(Fixtures.police("PR-1", "42/10001/26"));
        router.probation(Fixtures.probation("PROB-1", null, "Bartholomew", "Nkemelu", "1985-12-30", "CM18 7XY"));
        policeCase = single(router.outcomes(SourceAgency.POLICE)).getHubCaseId();
        probationCase = single(router.outcomes(SourceAgency.PROBATION)).getHubCaseId();
        router.allQueues();
        assertThat(policeCase).isNotEqualTo(probationCase);
    }

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void shouldMergeTwoCasesOnceTheCaseServiceAcceptsTheLink() {
        CaseEvent link = Fixtures.linkage("e1", CaseEventType.LINK_CONFIRMED, policeCase, probationCase);

        router.caseEvent(link);
        assertUnchanged();
        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.ACCEPTED));

        assertMerged();
        assertThat(pendingDecisions()).isEmpty();
    }

    @Test
    void shouldMergeTwoCasesWhenTheAcceptanceArrivesBeforeTheDecision() {
        CaseEvent link = Fixtures.linkage("e1", CaseEventType.LINK_CONFIRMED, policeCase, probationCase);

        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.ACCEPTED));
        assertUnchanged();
        router.caseEvent(link);

        assertMerged();
        assertThat(pendingDecisions()).isEmpty();
    }

    @Test
    void shouldLeaveTheCasesApartWhenTheCaseServiceRefusesTheLink() {
        CaseEvent link = Fixtures.linkage("e1", CaseEventType.LINK_CONFIRMED, policeCase, probationCase);

        router.caseEvent(link);
        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.REFUSED));

        assertUnchanged();
        assertThat(pendingDecisions()).isEmpty();
    }

    @Test
    void shouldNotApplyADecisionAgainOnADuplicateAnswer() {
        // Given a case of two referrals split by an accepted keep-apart, then joined again by an accepted link
        router.victimSupport(Fixtures.victimSupport("VS-1", "42/10001/26", "Zebedee", "Other", null, null));
        router.outcomes(SourceAgency.VICTIM_SUPPORT);
        router.allQueues();
        CaseEvent keepApart = Fixtures.linkage("e1", CaseEventType.KEEP_APART, policeCase, policeCase);
        router.caseEvent(keepApart);
        router.caseEventResult(Fixtures.answer(keepApart, CaseEventStatus.ACCEPTED));
        String separated = single(router.outcomes(SourceAgency.VICTIM_SUPPORT)).getHubCaseId();
        router.allQueues();
        CaseEvent link = Fixtures.linkage("e2", CaseEventType.LINK_CONFIRMED, policeCase, separated);
        router.caseEvent(link);
        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.ACCEPTED));
        assertThat(single(router.outcomes(SourceAgency.VICTIM_SUPPORT)).getHubCaseId())
                .isEqualTo(policeCase);
        router.allQueues();

        // When the keep-apart is sent again with the same event id, and the case service answers DUPLICATE
        router.caseEvent(keepApart);
        router.caseEventResult(Fixtures.answer(keepApart, CaseEventStatus.DUPLICATE));

        // Then the case stays whole
        assertThat(router.outcomes(SourceAgency.VICTIM_SUPPORT)).isEmpty();
        assertUnchanged();
        assertThat(pendingDecisions()).isEmpty();
    }

    @Test
    void shouldReleaseALinkSentTwiceOnceWhateverTheInterleaving() {
        CaseEvent link = Fixtures.linkage("e1", CaseEventType.LINK_CONFIRMED, policeCase, probationCase);

        router.caseEvent(link);
        router.caseEvent(link);
        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.ACCEPTED));
        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.DUPLICATE));

        assertMerged();
        assertThat(pendingDecisions()).isEmpty();
    }

    @Test
    void shouldDropADecisionWhoseAnswerNeverArrives() {
        CaseEvent link = Fixtures.linkage("e1", CaseEventType.LINK_CONFIRMED, policeCase, probationCase);
        router.caseEvent(link);
        assertThat(pendingDecisions()).hasSize(1);

        // When the default seven days pass without an answer
        router.driver.advanceWallClockTime(Duration.ofDays(7).plusHours(1));

        // Then the decision is dropped and counted, and a late acceptance finds nothing to release
        assertThat(pendingDecisions()).isEmpty();
        assertThat(router.driver.metrics().entrySet().stream()
                        .filter(e -> e.getKey().name().equals("pending-decisions-expired-total"))
                        .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                        .sum())
                .isEqualTo(1.0);
        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.ACCEPTED));
        assertUnchanged();
    }

    @Test
    void shouldGiveEachPieceItsOwnCaseIdWhenALinkedCaseIsKeptApartAgain() {
        // Given the two cases linked into one
        CaseEvent link = Fixtures.linkage("e1", CaseEventType.LINK_CONFIRMED, policeCase, probationCase);
        router.caseEvent(link);
        router.caseEventResult(Fixtures.answer(link, CaseEventStatus.ACCEPTED));
        String survivor = assertMerged();

        // When a facilitator keeps the merged case's referrals apart
        CaseEvent keepApart = Fixtures.linkage("e2", CaseEventType.KEEP_APART, survivor, survivor);
        router.caseEvent(keepApart);
        router.caseEventResult(Fixtures.answer(keepApart, CaseEventStatus.ACCEPTED));

        // Then each referral is back in a case of its own, under the id it had before the link
        Outcome separated = single(outcomes());
        assertThat(separated.getEventType()).isEqualTo(OutcomeType.RECEIVED);
        String other = survivor.equals(policeCase) ? probationCase : policeCase;
        assertThat(separated.getHubCaseId()).isEqualTo(other);
        assertThat(router.allQueues())
                .extracting(QueueItem::getCaseId, QueueItem::getItemType)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(survivor, QueueItemType.AMENDED),
                        org.assertj.core.groups.Tuple.tuple(other, QueueItemType.NEW_CASE));
    }

    /**
     * Asserts the two cases became one, named as the case graph names it: on the partitioned graph after its smallest
     * referral, on one partition the smaller case id survives; returns the surviving case id.
     */
    private String assertMerged() {
        String survivor = partitioned
                ? CaseIds.of(Stream.of(
                                CanonicalMapper.hubReferralId(SourceAgency.POLICE, "PR-1"),
                                CanonicalMapper.hubReferralId(SourceAgency.PROBATION, "PROB-1"))
                        .min(Comparator.naturalOrder())
                        .orElseThrow())
                : policeCase.compareTo(probationCase) < 0 ? policeCase : probationCase;
        Outcome moved = single(outcomes());
        assertThat(moved.getEventType()).isEqualTo(OutcomeType.LINKED);
        assertThat(moved.getHubCaseId()).isEqualTo(survivor);
        QueueItem amended = single(router.allQueues());
        assertThat(amended.getItemType()).isEqualTo(QueueItemType.AMENDED);
        assertThat(amended.getCaseId()).isEqualTo(survivor);
        assertThat(amended.getLinkedReferrals()).hasSize(2);
        return survivor;
    }

    private void assertUnchanged() {
        assertThat(outcomes()).isEmpty();
        assertThat(router.allQueues()).isEmpty();
    }

    private List<Outcome> outcomes() {
        List<Outcome> all = new ArrayList<>(router.outcomes(SourceAgency.POLICE));
        all.addAll(router.outcomes(SourceAgency.PROBATION));
        return all;
    }

    private List<String> pendingDecisions() {
        KeyValueStore<String, PendingDecision> store = router.driver.getKeyValueStore(DecisionJoinProcessor.STORE);
        List<String> ids = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining((KeyValue<String, PendingDecision> kv) -> ids.add(kv.key));
        }
        return ids;
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
