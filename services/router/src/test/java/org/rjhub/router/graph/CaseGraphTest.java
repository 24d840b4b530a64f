package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.rjhub.contracts.hub.CaseType;
import org.rjhub.contracts.hub.JusticeStage;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.OutcomeType;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.SensitivityFlag;
import org.rjhub.matching.CaseIds;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;
import org.rjhub.router.graph.GraphMessage.Edge;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.routing.RoutingRules;

/**
 * The case graph's algorithm on a store in memory: placing, linking, merging, amending, holding,
 * facilitators' decisions, splits and case ids. Synthetic referrals (invented people) only.
 */
class CaseGraphTest {

    private static final String PR1 = "POLICE/PR-1";
    private static final String PR2 = "POLICE/PR-2";
    private static final String PB1 = "PROBATION/PB-1";
    private static final String VS1 = "VICTIM_SUPPORT/VS-1";

    private static final RoutingRules RULES = RoutingRules.defaults();

    private final InMemoryGraphStore store = new InMemoryGraphStore();
    private CaseGraph graph = new CaseGraph(store, () -> RULES);
    private Instant clock = Instant.parse("2026-11-02T10:00:00Z");

    // ---- placing and linking ----

    @Test
    void shouldPlaceAReferralOnlyOnceEveryShardHasReported() {
        // Given a referral whose probes went to two shards
        assertThat(send(GraphMessage.announce(police("PR-1"), false, 2))).isEmpty();

        // When the first shard reports, nothing is decided yet
        assertThat(send(GraphMessage.blockResult(PR1, "shard-0", List.of()))).isEmpty();

        // Then the second one places it: a new case under the id derived from it, queued for the area team
        List<KeyValue<String, Emission>> out = send(GraphMessage.blockResult(PR1, "shard-1", List.of()));
        assertThat(out).extracting(kv -> kv.key).containsExactly("PR-1", CaseIds.of(PR1));
        Outcome received = outcomes(out).get(0);
        assertThat(received.getEventType()).isEqualTo(OutcomeType.RECEIVED);
        assertThat(received.getHubCaseId()).isEqualTo(CaseIds.of(PR1));
        assertThat(received.getReason()).isNull();
        assertThat(received.getOccurredAt()).isEqualTo(clock);
        QueueItem item = single(items(out));
        assertThat(item.getItemType()).isEqualTo(QueueItemType.NEW_CASE);
        assertThat(item.getQueue()).isEqualTo("harlow");
        assertThat(item.getCreatedAt()).isEqualTo(clock);
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1));
    }

    @Test
    void shouldWaitForTheAnnouncementWhenTheShardsReportFirst() {
        assertThat(send(GraphMessage.blockResult(PR1, "shard-0", List.of()))).isEmpty();

        List<KeyValue<String, Emission>> out = send(GraphMessage.announce(police("PR-1"), false, 1));

        assertThat(outcomes(out)).extracting(Outcome::getEventType).containsExactly(OutcomeType.RECEIVED);
    }

    @Test
    void shouldCountAShardThatReportsTwiceOnce() {
        send(GraphMessage.announce(police("PR-1"), false, 2));
        send(GraphMessage.blockResult(PR1, "shard-0", List.of()));

        assertThat(send(GraphMessage.blockResult(PR1, "shard-0", List.of()))).isEmpty();
        assertThat(store.cases()).isEmpty();
    }

    @Test
    void shouldLinkAMatchingReferralIntoTheExistingCase() {
        // Given a police referral in a case
        place(police("PR-1"));

        // When a Victim Support referral matches it
        List<KeyValue<String, Emission>> out = place(victimSupport("VS-1"), match(PR1));

        // Then it joins that case, and the case is queued again with both referrals
        Outcome linked = single(outcomes(out));
        assertThat(linked.getEventType()).isEqualTo(OutcomeType.LINKED);
        assertThat(linked.getAgencyReferralId()).isEqualTo("VS-1");
        assertThat(linked.getHubCaseId()).isEqualTo(CaseIds.of(PR1));
        assertThat(linked.getReason()).isNull();
        QueueItem amended = single(items(out));
        assertThat(amended.getItemType()).isEqualTo(QueueItemType.AMENDED);
        assertThat(amended.getCaseId()).isEqualTo(CaseIds.of(PR1));
        assertThat(amended.getLinkedReferrals())
                .extracting(r -> r.getAgencyReferralId())
                .containsExactly("PR-1", "VS-1");
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1));
        assertThat(store.kase(CaseIds.of(PR1)).members).containsExactly(PR1, VS1);
    }

    @ParameterizedTest
    @EnumSource(CaseGraph.IdRule.class)
    void shouldMergeTheCasesOfTwoReferralsThatANewOneMatches(CaseGraph.IdRule rule) {
        // Given two referrals in cases of their own (PB-1's case id is the smaller, PR-1 the smaller referral)
        graph = new CaseGraph(store, () -> RULES, rule);
        place(police("PR-1"));
        place(probation("PB-1"));
        assertThat(CaseIds.of(PB1)).isLessThan(CaseIds.of(PR1));
        assertThat(PR1).isLessThan(PB1);

        // When a third referral matches both
        List<KeyValue<String, Emission>> out = place(victimSupport("VS-1"), match(PR1), match(PB1));

        // Then one case remains, under the smaller case id (the opener rule) or the smallest referral's (the
        // smallest-member rule): the newcomer is linked, the moved referral is told why
        String survivor = rule == CaseGraph.IdRule.OPENER ? CaseIds.of(PB1) : CaseIds.of(PR1);
        String moved = rule == CaseGraph.IdRule.OPENER ? "PR-1" : "PB-1";
        assertThat(outcomes(out))
                .extracting(
                        Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId, Outcome::getReason)
                .containsExactly(
                        tuple(moved, OutcomeType.LINKED, survivor, "its case was merged into this one"),
                        tuple("VS-1", OutcomeType.LINKED, survivor, null));
        QueueItem amended = single(items(out));
        assertThat(amended.getItemType()).isEqualTo(QueueItemType.AMENDED);
        assertThat(amended.getCaseId()).isEqualTo(survivor);
        assertThat(amended.getLinkedReferrals()).hasSize(3);
        assertThat(store.cases()).containsOnlyKeys(survivor);
        assertThat(store.node(PR1).caseId).isEqualTo(survivor);
        assertThat(store.node(PB1).caseId).isEqualTo(survivor);
    }

    @Test
    void shouldMergeWhenALaterShardResultMatchesAPlacedReferralInAnotherCase() {
        // Given two placed referrals in two cases
        place(police("PR-1"));
        place(probation("PB-1"));

        // When a shard reports a match between them afterwards
        List<KeyValue<String, Emission>> out = send(GraphMessage.blockResult(PB1, "shard-2", List.of(match(PR1))));

        // Then the cases merge, and only the referral that moved is told
        assertThat(outcomes(out))
                .extracting(Outcome::getAgencyReferralId, Outcome::getHubCaseId, Outcome::getReason)
                .containsExactly(tuple("PR-1", CaseIds.of(PB1), "its case was merged into this one"));
        assertThat(items(out)).extracting(QueueItem::getItemType).containsExactly(QueueItemType.AMENDED);
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PB1));
    }

    @Test
    void shouldOfferTheStrongestReviewCandidateAsAPossibleDuplicate() {
        // Given two cases
        place(police("PR-1"));
        place(police("PR-2"));

        // When a referral is in the review band of both (below the join threshold)
        List<KeyValue<String, Emission>> out = place(victimSupport("VS-1"), review(PR1, 6.5), review(PR2, 8.25));

        // Then it opens its own case, queued as a possible duplicate of the closer one
        assertThat(single(outcomes(out)).getEventType()).isEqualTo(OutcomeType.RECEIVED);
        QueueItem item = single(items(out));
        assertThat(item.getItemType()).isEqualTo(QueueItemType.POSSIBLE_DUPLICATE);
        assertThat(item.getCaseId()).isEqualTo(CaseIds.of(VS1));
        assertThat(item.getCandidateCaseId()).isEqualTo(CaseIds.of(PR2));
        assertThat(item.getMatchWeight()).isEqualTo(8.25);
        assertThat(store.cases()).hasSize(3);
    }

    /** A chain A~B~C (A and C do not match each other): every arrival order ends in one case of three. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("arrivalOrders")
    void shouldEndInTheSameCaseWhateverTheArrivalOrder(List<String> order) {
        placeChain(order);

        assertThat(store.cases()).hasSize(1);
        Case only = store.cases().values().iterator().next();
        assertThat(only.members).containsExactlyInAnyOrder(PR1, VS1, PB1);
        assertThat(order.stream().map(id -> store.node(id).caseId)).containsOnly(only.caseId);
    }

    /** Places the chain PR-1 ~ VS-1 ~ PB-1 in {@code order}, each newcomer compared with those already there. */
    private void placeChain(List<String> order) {
        Map<String, ReferralSummary> referrals =
                Map.of(PR1, police("PR-1"), VS1, victimSupport("VS-1"), PB1, probation("PB-1"));
        Map<String, Set<String>> matches = Map.of(PR1, Set.of(VS1), VS1, Set.of(PR1, PB1), PB1, Set.of(VS1));
        List<String> seen = new ArrayList<>();
        for (String id : order) {
            // the shard compares the newcomer with the referrals already there
            Edge[] edges = matches.get(id).stream()
                    .filter(seen::contains)
                    .map(CaseGraphTest::match)
                    .toArray(Edge[]::new);
            place(referrals.get(id), edges);
            seen.add(id);
        }
    }

    static Stream<List<String>> arrivalOrders() {
        return Stream.of(
                List.of(PR1, VS1, PB1),
                List.of(PR1, PB1, VS1),
                List.of(VS1, PR1, PB1),
                List.of(VS1, PB1, PR1),
                List.of(PB1, PR1, VS1),
                List.of(PB1, VS1, PR1));
    }

    @Test
    void shouldDescribeALinkedCaseOnceInItsQueueItem() {
        // Given a police referral, and a probation referral naming the same people (in other letter case),
        // sentenced and flagged
        place(police("PR-1"));
        ReferralSummary sentenced = new ReferralSummary(
                PB1,
                "PROBATION",
                "PB-1",
                null,
                "ASB",
                "SENTENCED",
                "Harlow",
                null,
                null,
                null,
                List.of("HATE_CRIME"),
                List.of(
                        new PartySummary("VICTIM", "IMELDA", "quarrington", null, null, null),
                        new PartySummary("OFFENDER", "Kwabena", "Fairweather", null, null, null),
                        new PartySummary("OTHER_PARTY", "Ottoline", "Brackenbury", null, null, null)));

        // When it links to the case
        QueueItem item = single(items(place(sentenced, match(PR1))));

        // Then the item leads with the police referral, names each person once, and carries the case's worst facts
        assertThat(item.getCaseType()).isEqualTo(CaseType.CRIME);
        assertThat(item.getJusticeStage()).isEqualTo(JusticeStage.SENTENCED);
        assertThat(item.getFlags()).containsExactly(SensitivityFlag.HATE_CRIME);
        assertThat(item.getOffence().getCode()).isEqualTo("058/01");
        assertThat(item.getParties())
                .extracting(QueueParty::getSurname)
                .containsExactly("Quarrington", "Fairweather", "Brackenbury");
        // routed once, when opened: the queue stays the area team's
        assertThat(item.getQueue()).isEqualTo("harlow");
    }

    // ---- amendments and held cases ----

    @Test
    void shouldAcknowledgeAnAmendmentOfAPlacedReferralAndQueueTheCaseAgain() {
        place(police("PR-1"));

        List<KeyValue<String, Emission>> out =
                send(GraphMessage.announce(police("PR-1", "OUT_OF_COURT", List.of("STALKING")), true, 2));

        Outcome amended = single(outcomes(out));
        assertThat(amended.getEventType()).isEqualTo(OutcomeType.AMENDED);
        assertThat(amended.getHubCaseId()).isEqualTo(CaseIds.of(PR1));
        QueueItem item = single(items(out));
        assertThat(item.getItemType()).isEqualTo(QueueItemType.AMENDED);
        assertThat(item.getFlags()).containsExactly(SensitivityFlag.STALKING);
        assertThat(store.summary(PR1).flags()).containsExactly("STALKING");
    }

    @Test
    void shouldAcknowledgeAnAmendmentThatOvertakesThePlacementOnceTheReferralIsPlaced() {
        // Given a referral announced, then amended, before its shard reported
        send(GraphMessage.announce(police("PR-1"), false, 1));
        assertThat(send(GraphMessage.announce(police("PR-1", "OUT_OF_COURT", List.of("STALKING")), true, 1)))
                .isEmpty();

        // When the shard reports
        List<KeyValue<String, Emission>> out = send(GraphMessage.blockResult(PR1, "shard-0", List.of()));

        // Then it is received and then amended, in that order, in one case
        assertThat(outcomes(out))
                .extracting(Outcome::getEventType, Outcome::getHubCaseId)
                .containsExactly(
                        tuple(OutcomeType.RECEIVED, CaseIds.of(PR1)), tuple(OutcomeType.AMENDED, CaseIds.of(PR1)));
        assertThat(store.node(PR1).pendingAmendments).isZero();
    }

    @Test
    void shouldHoldACourtCaseAndReleaseItWhenAnAmendmentSaysSentenced() {
        // Given a referral awaiting court: received, held, not queued
        List<KeyValue<String, Emission>> held = place(police("PR-1", "AWAITING_COURT", List.of()));
        Outcome received = single(outcomes(held));
        assertThat(received.getEventType()).isEqualTo(OutcomeType.RECEIVED);
        assertThat(received.getReason()).isEqualTo("held until sentence");
        assertThat(items(held)).isEmpty();
        assertThat(store.kase(CaseIds.of(PR1)).held).isTrue();

        // When the amendment says sentenced
        List<KeyValue<String, Emission>> out =
                send(GraphMessage.announce(police("PR-1", "SENTENCED", List.of()), true, 2));

        // Then the case is released to its queue
        assertThat(single(outcomes(out)).getEventType()).isEqualTo(OutcomeType.AMENDED);
        QueueItem released = single(items(out));
        assertThat(released.getItemType()).isEqualTo(QueueItemType.RELEASED_AFTER_SENTENCE);
        assertThat(released.getQueue()).isEqualTo("harlow");
        assertThat(store.kase(CaseIds.of(PR1)).held).isFalse();
    }

    @Test
    void shouldKeepAHeldCaseHeldWhenAnAmendmentLeavesItAwaitingCourt() {
        place(police("PR-1", "AWAITING_COURT", List.of()));

        List<KeyValue<String, Emission>> out =
                send(GraphMessage.announce(police("PR-1", "AWAITING_COURT", List.of("STALKING")), true, 2));

        assertThat(outcomes(out)).extracting(Outcome::getEventType).containsExactly(OutcomeType.AMENDED);
        assertThat(items(out)).isEmpty();
        assertThat(store.kase(CaseIds.of(PR1)).held).isTrue();
    }

    @Test
    void shouldReleaseAHeldCaseWhenASentencedReferralLinksToIt() {
        place(police("PR-1", "AWAITING_COURT", List.of()));

        List<KeyValue<String, Emission>> out = place(probation("PB-1"), match(PR1));

        assertThat(outcomes(out))
                .extracting(Outcome::getEventType, Outcome::getHubCaseId)
                .containsExactly(tuple(OutcomeType.LINKED, CaseIds.of(PR1)));
        QueueItem released = single(items(out));
        assertThat(released.getItemType()).isEqualTo(QueueItemType.RELEASED_AFTER_SENTENCE);
        assertThat(released.getQueue()).isEqualTo("harlow");
    }

    // ---- facilitators' decisions ----

    @Test
    void shouldMergeTwoCasesOnALinkConfirmed() {
        place(police("PR-1"));
        place(probation("PB-1"));

        List<KeyValue<String, Emission>> out = send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), true));

        assertThat(outcomes(out))
                .extracting(Outcome::getAgencyReferralId, Outcome::getHubCaseId, Outcome::getReason)
                .containsExactly(tuple("PR-1", CaseIds.of(PB1), "its case was merged into this one"));
        QueueItem amended = single(items(out));
        assertThat(amended.getItemType()).isEqualTo(QueueItemType.AMENDED);
        assertThat(amended.getCaseId()).isEqualTo(CaseIds.of(PB1));
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PB1));
        assertThat(store.node(PR1).match).containsEntry(PB1, Edge.EXACT);
    }

    /** Decisions that change nothing: an unknown case on either side, or a link within one case. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("decisionsWithoutEffect")
    void shouldIgnoreADecisionThatChangesNothing(String description, GraphMessage decision) {
        place(police("PR-1"));
        place(probation("PB-1"), match(PR1));
        Map<String, Case> before = store.cases();

        assertThat(send(decision)).isEmpty();
        assertThat(store.cases()).usingRecursiveComparison().isEqualTo(before);
    }

    static Stream<Arguments> decisionsWithoutEffect() {
        String known = CaseIds.of(PR1);
        return Stream.of(
                Arguments.of("link with an unknown case", GraphMessage.decision(known, "RJ-0000000000", true)),
                Arguments.of("link from an unknown case", GraphMessage.decision("RJ-0000000000", known, true)),
                Arguments.of("keep apart from an unknown case", GraphMessage.decision(known, "RJ-0000000000", false)),
                Arguments.of("link within one case", GraphMessage.decision(known, known, true)));
    }

    @Test
    void shouldNeverLinkAgainTwoCasesKeptApart() {
        // Given two cases a facilitator kept apart
        place(police("PR-1"));
        place(probation("PB-1"), review(PR1, 7.0));
        assertThat(send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), false)))
                .isEmpty();
        assertThat(store.node(PR1).keptApart).containsExactly(PB1);
        assertThat(store.node(PR1).review).isEmpty();

        // When a later shard result matches them
        List<KeyValue<String, Emission>> out = send(GraphMessage.blockResult(PB1, "shard-3", List.of(match(PR1))));

        // Then they stay apart
        assertThat(out).isEmpty();
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1), CaseIds.of(PB1));
    }

    @Test
    void shouldLinkCasesKeptApartOnceAFacilitatorConfirmsTheLink() {
        place(police("PR-1"));
        place(probation("PB-1"));
        send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), false));

        List<KeyValue<String, Emission>> out = send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), true));

        assertThat(outcomes(out)).extracting(Outcome::getEventType).containsExactly(OutcomeType.LINKED);
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PB1));
        assertThat(store.node(PR1).keptApart).isEmpty();
    }

    @Test
    void shouldSplitACaseKeptApartWithinItselfAndGiveTheNewPieceItsOwnId() {
        // Given a case opened by PR-1 that VS-1 joined
        place(police("PR-1"));
        place(victimSupport("VS-1"), match(PR1));

        // When a facilitator keeps the case's referrals apart
        List<KeyValue<String, Emission>> out = send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PR1), false));

        // Then PR-1 keeps the case id, and VS-1 is received into a new case of its own
        assertThat(outcomes(out))
                .extracting(
                        Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId, Outcome::getReason)
                .containsExactly(tuple(
                        "VS-1", OutcomeType.RECEIVED, CaseIds.of(VS1), "separated from another case by a facilitator"));
        assertThat(items(out))
                .extracting(QueueItem::getCaseId, QueueItem::getItemType)
                .containsExactlyInAnyOrder(
                        tuple(CaseIds.of(PR1), QueueItemType.AMENDED), tuple(CaseIds.of(VS1), QueueItemType.NEW_CASE));
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1), CaseIds.of(VS1));
        assertThat(store.kase(CaseIds.of(PR1)).members).containsExactly(PR1);
    }

    @Test
    void shouldGiveBackEachReferralItsOwnIdWhenALinkedCaseIsSplitAgain() {
        // Given PR-1 and PB-1 linked by a facilitator: the case took PB-1's id, the smaller,
        // although PR-1 comes first among the members
        place(police("PR-1"));
        place(probation("PB-1"));
        send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), true));
        assertThat(PR1).isLessThan(PB1);

        // When the merged case is kept apart
        send(GraphMessage.decision(CaseIds.of(PB1), CaseIds.of(PB1), false));

        // Then the two pieces have two ids, each the one its referral opened
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1), CaseIds.of(PB1));
        assertThat(store.node(PR1).caseId).isEqualTo(CaseIds.of(PR1));
        assertThat(store.node(PB1).caseId).isEqualTo(CaseIds.of(PB1));
    }

    @Test
    void shouldRouteEachPieceOfASplitOnItsOwnReferrals() {
        // Given a police case and a probation-only referral linked into it
        place(police("PR-1"));
        place(probation("PB-1"), match(PR1));

        // When the case is split
        List<KeyValue<String, Emission>> out = send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PR1), false));

        // Then the probation-only piece goes to the post-sentence team
        assertThat(items(out))
                .extracting(QueueItem::getCaseId, QueueItem::getQueue)
                .containsExactlyInAnyOrder(tuple(CaseIds.of(PR1), "harlow"), tuple(CaseIds.of(PB1), "post-sentence"));
    }

    /**
     * A facilitator keeps PR-1's and PB-1's cases apart; VS-1 then matches both (PR-1 more strongly). Whatever
     * the order in which VS-1's announcement, its two shards' results and the decision arrive (the decision
     * before VS-1 is placed), VS-1 joins PR-1 alone, and PR-1 and PB-1 never share a case.
     */
    @ParameterizedTest(name = "{0} placed first, then {1}")
    @MethodSource("keepApartOrders")
    void shouldNeverJoinKeptApartReferralsThroughAThirdThatMatchesBoth(String first, List<String> order) {
        // Given PR-1 and PB-1 in cases of their own, in either order
        ReferralSummary pr1 = police("PR-1");
        ReferralSummary pb1 = probation("PB-1");
        place(first.equals(PR1) ? pr1 : pb1);
        place(first.equals(PR1) ? pb1 : pr1);
        List<KeyValue<String, Emission>> out = new ArrayList<>();

        // When the keep-apart and VS-1 (a match of both) arrive in this order
        for (String message : order) {
            out.addAll(send(
                    switch (message) {
                        case "announce" -> GraphMessage.announce(victimSupport("VS-1"), false, 2);
                        case "shard-0" ->
                            GraphMessage.blockResult(VS1, "shard-0", List.of(new Edge(PR1, 24.0, true, null)));
                        case "shard-1" ->
                            GraphMessage.blockResult(VS1, "shard-1", List.of(new Edge(PB1, 18.0, true, null)));
                        case "keep-apart" -> GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), false);
                        default -> throw new IllegalArgumentException(message);
                    }));
        }

        // Then VS-1 joins PR-1's case, the stronger match, and PB-1 stays on its own, ids unchanged
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1), CaseIds.of(PB1));
        assertThat(store.kase(CaseIds.of(PR1)).members).containsExactly(PR1, VS1);
        assertThat(store.kase(CaseIds.of(PB1)).members).containsExactly(PB1);
        assertThat(outcomes(out))
                .extracting(Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId)
                .containsExactly(tuple("VS-1", OutcomeType.LINKED, CaseIds.of(PR1)));
        assertThat(items(out))
                .extracting(QueueItem::getCaseId, QueueItem::getItemType)
                .containsExactly(tuple(CaseIds.of(PR1), QueueItemType.AMENDED));
    }

    /** Every order of VS-1's three messages and the decision in which the decision comes before VS-1 is placed. */
    static Stream<Arguments> keepApartOrders() {
        List<Arguments> orders = new ArrayList<>();
        for (List<String> order : permutations(List.of("announce", "shard-0", "shard-1", "keep-apart"))) {
            if (!order.get(3).equals("keep-apart")) {
                orders.add(Arguments.of(PR1, order));
                orders.add(Arguments.of(PB1, order));
            }
        }
        return orders.stream();
    }

    private static List<List<String>> permutations(List<String> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<String>> all = new ArrayList<>();
        for (String head : items) {
            List<String> rest = new ArrayList<>(items);
            rest.remove(head);
            for (List<String> tail : permutations(rest)) {
                List<String> order = new ArrayList<>(List.of(head));
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }

    @Test
    void shouldNotJoinKeptApartCasesWhenALaterShardResultMatchesTheirLink() {
        // Given PR-1 and PB-1 kept apart, and VS-1 linked to PR-1
        place(police("PR-1"));
        place(probation("PB-1"));
        send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), false));
        place(victimSupport("VS-1"), match(PR1));

        // When a later shard result matches VS-1 with PB-1 too
        List<KeyValue<String, Emission>> out = send(GraphMessage.blockResult(VS1, "shard-2", List.of(match(PB1))));

        // Then nothing changes: VS-1 is already in a case PB-1 may not join
        assertThat(out).isEmpty();
        assertThat(store.kase(CaseIds.of(PR1)).members).containsExactly(PR1, VS1);
        assertThat(store.kase(CaseIds.of(PB1)).members).containsExactly(PB1);
    }

    @Test
    void shouldKeepTheReferralsOfASplitCaseApartWhenANewReferralMatchesThemAll() {
        // Given a case of PR-1 and VS-1 that a facilitator split
        place(police("PR-1"));
        place(victimSupport("VS-1"), match(PR1));
        send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PR1), false));

        // When PB-1 matches both, VS-1 a little more strongly
        List<KeyValue<String, Emission>> out =
                place(probation("PB-1"), new Edge(PR1, 15.0, true, null), new Edge(VS1, 16.0, true, null));

        // Then PB-1 joins VS-1's case alone
        assertThat(outcomes(out))
                .extracting(Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId)
                .containsExactly(tuple("PB-1", OutcomeType.LINKED, CaseIds.of(VS1)));
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1), CaseIds.of(VS1));
        assertThat(store.kase(CaseIds.of(VS1)).members).containsExactly(PB1, VS1);
    }

    @Test
    void shouldLinkConfirmedCasesWholeAfterAnEarlierKeepApart() {
        // Given PR-1 and VS-1 in one case kept apart from PB-1's
        place(police("PR-1"));
        place(victimSupport("VS-1"), match(PR1));
        place(probation("PB-1"));
        send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), false));

        // When a facilitator confirms the link after all
        List<KeyValue<String, Emission>> out = send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PB1), true));

        // Then the two cases become one, every referral of both
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PB1));
        assertThat(store.kase(CaseIds.of(PB1)).members).containsExactly(PR1, PB1, VS1);
        assertThat(outcomes(out)).extracting(Outcome::getAgencyReferralId).containsExactly("PR-1", "VS-1");
    }

    // ---- blocking keys retired by the block size cap ----

    @Test
    void shouldSeparateAReferralLinkedOnlyUnderAKeyThatIsRetired() {
        // Given VS-1 linked to PR-1's case by a match found under one key only
        place(police("PR-1"));
        place(victimSupport("VS-1"), new Edge(PR1, 24.0, true, "K-1"));

        // When that key outgrows the block size cap
        List<KeyValue<String, Emission>> out = send(GraphMessage.keyRetired("K-1", List.of(PR1, VS1, PB1)));

        // Then the link is withdrawn: VS-1 is back in a case of its own, under its own id, and told why
        assertThat(outcomes(out))
                .extracting(Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId)
                .containsExactly(tuple("VS-1", OutcomeType.RECEIVED, CaseIds.of(VS1)));
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1), CaseIds.of(VS1));
        assertThat(store.node(PR1).match).isEmpty();
    }

    @Test
    void shouldKeepALinkThatAnotherKeyStillSupportsWhenAKeyIsRetired() {
        // Given VS-1 linked to PR-1 under two keys, more strongly under the first
        place(police("PR-1"));
        place(victimSupport("VS-1"), new Edge(PR1, 24.0, true, "K-1"), new Edge(PR1, 12.0, true, "K-2"));

        // When the first key is retired
        List<KeyValue<String, Emission>> out = send(GraphMessage.keyRetired("K-1", List.of(PR1, VS1)));

        // Then the case stands, on the weight found under the key still in use
        assertThat(out).isEmpty();
        assertThat(store.kase(CaseIds.of(PR1)).members).containsExactly(PR1, VS1);
        assertThat(store.node(VS1).match).containsExactly(Map.entry(PR1, 12.0));
    }

    // ---- case ids ----

    @ParameterizedTest
    @MethodSource("referralIds")
    void shouldDeriveTheCaseIdFromTheOpeningReferralAlone(String hubReferralId, String caseId) {
        assertThat(CaseIds.of(hubReferralId)).isEqualTo(caseId).matches("RJ-[0-9A-F]{10}");
    }

    static Stream<Arguments> referralIds() {
        return Stream.of(
                Arguments.of(PR1, "RJ-8113E8614F"),
                Arguments.of(PR2, "RJ-C88DC8BB00"),
                Arguments.of(PB1, "RJ-17123391AD"),
                Arguments.of(VS1, "RJ-F0E1B2B8FA"));
    }

    // ---- case ids on the partitioned graph: the smallest referral's ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrivalOrders")
    void shouldNameTheCaseAfterItsSmallestReferralWhateverTheArrivalOrder(List<String> order) {
        // Given the smallest-member rule, and the chain PR-1 ~ VS-1 ~ PB-1 placed in this order
        bySmallestMember();
        placeChain(order);

        // Then one case, PR-1's (the smallest referral id), whichever came first, and every referral in it
        assertThat(PR1).isLessThan(PB1).isLessThan(VS1);
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1));
        assertThat(order.stream().map(id -> store.node(id).caseId)).containsOnly(CaseIds.of(PR1));
    }

    @Test
    void shouldContinueACaseUnderTheIdOfASmallerReferralThatJoinsIt() {
        // Given a Victim Support referral in a case of its own
        bySmallestMember();
        place(victimSupport("VS-1"));

        // When a police referral, a smaller id, matches it
        List<KeyValue<String, Emission>> out = place(police("PR-1"), match(VS1));

        // Then the case is continued under PR-1's id: VS-1 is told its case was merged into it, PR-1 that it linked,
        // and the case is queued under its new id with both referrals (the case service marks the old id merged)
        assertThat(outcomes(out))
                .extracting(
                        Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId, Outcome::getReason)
                .containsExactlyInAnyOrder(
                        tuple("VS-1", OutcomeType.LINKED, CaseIds.of(PR1), "its case was merged into this one"),
                        tuple("PR-1", OutcomeType.LINKED, CaseIds.of(PR1), null));
        QueueItem item = single(items(out));
        assertThat(item.getCaseId()).isEqualTo(CaseIds.of(PR1));
        assertThat(item.getItemType()).isEqualTo(QueueItemType.NEW_CASE);
        assertThat(item.getLinkedReferrals())
                .extracting(r -> r.getAgencyReferralId())
                .containsExactly("PR-1", "VS-1");
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1));
        assertThat(store.node(VS1).caseId).isEqualTo(CaseIds.of(PR1));
    }

    @Test
    void shouldKeepQueuedACaseContinuedUnderANewIdWhoseNewReferralIsAwaitingCourt() {
        // Given a Victim Support referral's case, queued
        bySmallestMember();
        place(victimSupport("VS-1"));
        String queue = store.kase(CaseIds.of(VS1)).queue;
        assertThat(queue).isNotNull();

        // When a police referral awaiting court, a smaller id, matches it
        List<KeyValue<String, Emission>> out = place(police("PR-1", "AWAITING_COURT", List.of()), match(VS1));

        // Then the case continues under PR-1's id in the same queue, not held: its work is not taken away
        Case continued = store.kase(CaseIds.of(PR1));
        assertThat(continued.held).isFalse();
        assertThat(continued.queue).isEqualTo(queue);
        assertThat(items(out))
                .extracting(QueueItem::getCaseId, QueueItem::getItemType, QueueItem::getQueue)
                .containsExactly(tuple(CaseIds.of(PR1), QueueItemType.NEW_CASE, queue));
    }

    @Test
    void shouldCloseACaseWhoseSmallestReferralIsWithdrawnAndGiveTheRestTheirOwnSmallestId() {
        // Given PB-1 ~ VS-1 in one case, then PR-1 matching VS-1: the case is PR-1's
        bySmallestMember();
        place(probation("PB-1"));
        place(victimSupport("VS-1"), match(PB1));
        place(police("PR-1"), match(VS1));
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1));

        // When PR-1's consent is withdrawn
        List<KeyValue<String, Emission>> out = send(GraphMessage.withdraw(PR1));

        // Then PR-1's case ends (its queue told WITHDRAWN, naming no one), and the rest is a case under PB-1's id
        assertThat(items(out))
                .extracting(QueueItem::getCaseId, QueueItem::getItemType)
                .containsExactly(
                        tuple(CaseIds.of(PR1), QueueItemType.WITHDRAWN),
                        tuple(CaseIds.of(PB1), QueueItemType.NEW_CASE));
        assertThat(items(out).get(0).getLinkedReferrals()).isEmpty();
        assertThat(outcomes(out))
                .extracting(Outcome::getAgencyReferralId, Outcome::getEventType, Outcome::getHubCaseId)
                .containsExactly(
                        tuple("PB-1", OutcomeType.RECEIVED, CaseIds.of(PB1)),
                        tuple("VS-1", OutcomeType.RECEIVED, CaseIds.of(PB1)));
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PB1));
        assertThat(store.kase(CaseIds.of(PB1)).members).containsExactly(PB1, VS1);
    }

    @Test
    void shouldKeepTheIdOfTheSmallestReferralsPieceWhenACaseIsSplitUnderTheSmallestMemberRule() {
        // Given VS-1 and PR-1 in PR-1's case
        bySmallestMember();
        place(victimSupport("VS-1"));
        place(police("PR-1"), match(VS1));

        // When a facilitator keeps the case's referrals apart
        send(GraphMessage.decision(CaseIds.of(PR1), CaseIds.of(PR1), false));

        // Then each piece is named after its own smallest referral
        assertThat(store.cases()).containsOnlyKeys(CaseIds.of(PR1), CaseIds.of(VS1));
        assertThat(store.node(VS1).caseId).isEqualTo(CaseIds.of(VS1));
    }

    private void bySmallestMember() {
        graph = new CaseGraph(store, () -> RULES, CaseGraph.IdRule.SMALLEST_MEMBER);
    }

    // ---- helpers ----

    private List<KeyValue<String, Emission>> send(GraphMessage m) {
        clock = clock.plusSeconds(1);
        return graph.apply(m, clock);
    }

    /** Announces a referral with two shards, the first reporting {@code edges}; everything written. */
    private List<KeyValue<String, Emission>> place(ReferralSummary r, Edge... edges) {
        List<KeyValue<String, Emission>> out = new ArrayList<>(send(GraphMessage.announce(r, false, 2)));
        out.addAll(send(GraphMessage.blockResult(r.hubReferralId(), "shard-0", List.of(edges))));
        out.addAll(send(GraphMessage.blockResult(r.hubReferralId(), "shard-1", List.of())));
        return out;
    }

    private static Edge match(String other) {
        return new Edge(other, 24.0, true, null);
    }

    private static Edge review(String other, double weight) {
        return new Edge(other, weight, false, null);
    }

    private static ReferralSummary police(String id) {
        return police(id, "OUT_OF_COURT", List.of());
    }

    private static ReferralSummary police(String id, String stage, List<String> flags) {
        return summary("POLICE", id, stage, flags);
    }

    private static ReferralSummary probation(String id) {
        return summary("PROBATION", id, "SENTENCED", List.of());
    }

    private static ReferralSummary victimSupport(String id) {
        return summary("VICTIM_SUPPORT", id, "UNKNOWN", List.of());
    }

    /** Victim Imelda Quarrington, offender Kwabena Fairweather, criminal damage in Harlow. */
    private static ReferralSummary summary(String agency, String id, String stage, List<String> flags) {
        return new ReferralSummary(
                agency + "/" + id,
                agency,
                id,
                "42/12345/26",
                "CRIME",
                stage,
                "Harlow",
                "058/01",
                "CRIMINAL_DAMAGE_AND_ARSON",
                "Criminal damage",
                flags,
                List.of(
                        new PartySummary("VICTIM", "Imelda", "Quarrington", null, "CM20 1AB", null),
                        new PartySummary("OFFENDER", "Kwabena", "Fairweather", null, "CM20 2AB", null)));
    }

    private static List<Outcome> outcomes(List<KeyValue<String, Emission>> out) {
        return out.stream()
                .map(kv -> kv.value)
                .filter(Emission::isOutcome)
                .map(Emission::outcome)
                .collect(Collectors.toList());
    }

    private static List<QueueItem> items(List<KeyValue<String, Emission>> out) {
        return out.stream()
                .map(kv -> kv.value)
                .filter(e -> !e.isOutcome())
                .map(Emission::item)
                .collect(Collectors.toList());
    }

    private static <T> T single(List<T> values) {
        assertThat(values).hasSize(1);
        return values.get(0);
    }
}
