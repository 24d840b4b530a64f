package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.contracts.hub.Outcome;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.matching.CaseIds;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;
import org.rjhub.router.graph.GraphMessage.Edge;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.routing.RoutingRules;

/**
 * The case graph on several partitions ({@link CaseOwners}), messages delivered in a random order (any pending message
 * of any partition next: every interleaving Kafka could produce, and more). The same case graph messages must end in
 * the cases one {@link CaseGraph} on one partition ends in, and every placed referral's last answer must name its
 * final case. Synthetic referrals (invented people) only.
 */
class CaseOwnersTest {

    private static final Serde<CaseOwners.Entry> ENTRY = JsonSerde.of(CaseOwners.Entry.class);
    private static final Serde<CaseOwners.Address> ADDRESS = JsonSerde.of(CaseOwners.Address.class);
    private static final Serde<OwnerMessage> MESSAGE = JsonSerde.of(OwnerMessage.class);
    private static final RoutingRules RULES = RoutingRules.defaults();
    private static final Instant NOW = Instant.parse("2026-11-02T10:00:00Z");

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6, 12})
    void shouldEndInTheCasesOfTheOnePartitionGraphInAnyOrderOnAnyNumberOfPartitions(int partitions) {
        for (int s = 0; s < 12; s++) {
            int seed = s;
            // Given referrals placed with random matches and reviews under three keys, one key retired at the end
            List<GraphMessage> messages = randomReferrals(new SplittableRandom(seed), 40);
            Set<Set<String>> expected = onePartition(messages);

            // When they are sent in a shuffled order and delivered in a random one
            Network net = new Network(partitions, seed * 31L + partitions);
            List<GraphMessage> shuffled = new ArrayList<>(messages);
            Collections.shuffle(shuffled, new java.util.Random(seed + 1000L * partitions));
            net.sendInterleaved(shuffled);

            // Then the same cases, each named after its smallest referral, each referral told its final case last,
            // each component rooted at its smallest
            assertThat(net.cases()).as("seed %d", seed).isEqualTo(expected);
            net.casesById()
                    .forEach((caseId, members) -> assertThat(caseId)
                            .as("seed %d: %s", seed, members)
                            .isEqualTo(CaseIds.of(Collections.min(members))));
            net.finalCaseOf()
                    .forEach((referral, caseId) -> assertThat(net.lastTold(referral))
                            .as("seed %d: %s", seed, referral)
                            .isEqualTo(caseId));
            net.roots()
                    .forEach(root ->
                            assertThat(Collections.min(root.component.members)).isEqualTo(root.id));
        }
    }

    @Test
    void shouldEndInTheSameCasesWithTheSameIdsInAnyOrderOnAnyNumberOfPartitions() {
        for (int seed = 0; seed < 6; seed++) {
            // Given referrals placed with random matches and reviews, sent in order to one partition
            List<GraphMessage> messages = randomReferrals(new SplittableRandom(seed), 40);
            Network one = new Network(1, seed);
            messages.forEach(one::send);
            one.drain();

            // When they are sent reversed, and shuffled and delivered in a random order, to 2, 3, 6 and 12 partitions
            for (int partitions : new int[] {2, 3, 6, 12}) {
                List<GraphMessage> order = new ArrayList<>(messages);
                if (partitions == 2) {
                    Collections.reverse(order);
                } else {
                    Collections.shuffle(order, new java.util.Random(seed * 13L + partitions));
                }
                Network net = new Network(partitions, seed * 17L + partitions);
                net.sendInterleaved(order);

                // Then the same cases under the same ids
                assertThat(net.casesById())
                        .as("seed %d, %d partitions", seed, partitions)
                        .isEqualTo(one.casesById());
            }
            assertThat(one.casesById().values().stream().filter(c -> c.size() > 1))
                    .as("seed %d: some referrals linked", seed)
                    .isNotEmpty();
        }
    }

    @Test
    void shouldLinkTwoCasesOnDifferentPartitionsOnAConfirmedLinkAndKeepApartWhatWasKeptApart() {
        // Given A and B unrelated, and C matching both: one case A+B+C... unless A and B are kept apart first
        Network net = new Network(3, 5);
        for (String id : List.of("POLICE/PR-A", "POLICE/PR-B")) {
            net.send(GraphMessage.announce(police(id), false, 1));
            net.send(GraphMessage.blockResult(id, "shard-0", List.of()));
        }
        net.drain();
        net.send(GraphMessage.decision(CaseIds.of("POLICE/PR-A"), CaseIds.of("POLICE/PR-B"), false));
        net.drain();
        net.send(GraphMessage.announce(police("POLICE/PR-C"), false, 1));
        net.send(GraphMessage.blockResult(
                "POLICE/PR-C",
                "shard-0",
                List.of(new Edge("POLICE/PR-A", 20.0, true, "k"), new Edge("POLICE/PR-B", 25.0, true, "k"))));
        net.drain();

        // Then C joins B (its stronger match), never A
        assertThat(net.cases()).containsExactlyInAnyOrder(Set.of("POLICE/PR-A"), Set.of("POLICE/PR-B", "POLICE/PR-C"));

        // When a facilitator confirms the link of the two cases
        net.send(GraphMessage.decision(CaseIds.of("POLICE/PR-A"), CaseIds.of("POLICE/PR-B"), true));
        net.drain();

        // Then they are one case
        assertThat(net.cases()).containsExactly(Set.of("POLICE/PR-A", "POLICE/PR-B", "POLICE/PR-C"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void shouldForgetEveryReferralPastTheRetentionWithMessagesInFlightAndLeaveNothingStuck(int partitions) {
        for (int s = 0; s < 12; s++) {
            int seed = s;
            // Given referrals being placed in a random order, each partition reading its messages in order (Kafka's)
            List<GraphMessage> messages = randomReferrals(new SplittableRandom(seed), 40);
            Network net = new Network(partitions, seed * 7L + partitions);
            net.inOrder = true;
            SplittableRandom random = new SplittableRandom(seed);
            for (GraphMessage m : messages) {
                net.send(m);
                for (int i = random.nextInt(4); i > 0 && net.deliverOne(); i--) {
                    // random progress between sends
                }
                // When, at random moments, every root forgets all it holds (its referrals all past the retention)
                if (random.nextInt(10) == 0) {
                    net.forgetAll();
                }
            }
            net.drain();

            // Then every message is applied: nothing waits at a root for a join that was spent on a forgotten one
            net.roots()
                    .forEach(root -> assertThat(root.component.parked)
                            .as("seed %d: %s", seed, root.id)
                            .isEmpty());

            // and once all is past the retention, the sweep and its messages leave no entry and no case address
            net.forgetAll();
            net.drain();
            assertThat(net.entryCount()).as("seed %d: entries", seed).isZero();
            assertThat(net.addressCount()).as("seed %d: case addresses", seed).isZero();
        }
    }

    @Test
    void shouldGiveAComponentUpAtOnceToASmallerReferralItNamesWithoutAJoinOrASurrender() {
        // Given A placed in a case of its own
        Network net = new Network(3, 11);
        net.placeAlone("POLICE/PR-A");

        // When B, larger, is announced, and then placed matching A
        net.send(GraphMessage.announce(police("POLICE/PR-B"), false, 1));
        net.drain();
        net.send(GraphMessage.blockResult("POLICE/PR-B", "shard-0", List.of(new Edge("POLICE/PR-A", 20.0, true, "k"))));
        net.drain();

        // Then B is in A's case, and B's component went to A in one message: no join, no surrender, and no repoint
        // (B points at A already)
        assertThat(net.casesById()).containsExactly(caseOf("POLICE/PR-A", "POLICE/PR-B"));
        assertThat(net.delivered)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        OwnerMessage.Kind.GRAPH, 2,
                        OwnerMessage.Kind.CASE_ADDRESS, 1,
                        OwnerMessage.Kind.ABSORB, 1));
    }

    @Test
    void shouldJoinTheOtherReferralsAMessageNamesAfterGivingItsComponentUpToTheSmallest() {
        // Given A and C, each in a case of its own
        Network net = new Network(3, 12);
        net.placeAlone("POLICE/PR-A", "POLICE/PR-C");

        // When D is announced, and then placed matching both: it gives its component up to A, left to join C
        net.send(GraphMessage.announce(police("POLICE/PR-D"), false, 1));
        net.drain();
        net.send(GraphMessage.blockResult(
                "POLICE/PR-D",
                "shard-0",
                List.of(new Edge("POLICE/PR-A", 20.0, true, "k"), new Edge("POLICE/PR-C", 25.0, true, "k"))));
        net.drain();

        // Then one case of the three, named after A, reached by D's absorb into A, A's join to C and C's absorb into
        // A: no surrender, and no repoint (each absorbed root points at A already)
        assertThat(net.casesById()).containsExactly(caseOf("POLICE/PR-A", "POLICE/PR-C", "POLICE/PR-D"));
        assertThat(net.delivered)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        OwnerMessage.Kind.GRAPH, 2,
                        OwnerMessage.Kind.CASE_ADDRESS, 1,
                        OwnerMessage.Kind.ABSORB, 2,
                        OwnerMessage.Kind.JOIN, 1));
    }

    @Test
    void shouldSendOneJoinTowardsAReferralThatSeveralParkedMessagesWaitFor() {
        // Given B placed in a case of its own
        Network net = new Network(1, 13);
        net.inOrder = true;
        net.placeAlone("POLICE/PR-B");

        // When A, smaller, is announced and both its shards name B, before the join towards B is applied
        net.send(GraphMessage.announce(police("POLICE/PR-A"), false, 2));
        for (String shard : List.of("shard-0", "shard-1")) {
            net.send(GraphMessage.blockResult(
                    "POLICE/PR-A", shard, List.of(new Edge("POLICE/PR-B", 20.0, true, "k" + shard))));
        }
        net.drain();

        // Then one case named after A, reached by one join towards B and B's absorb into A, not a join per shard
        assertThat(net.casesById()).containsExactly(caseOf("POLICE/PR-A", "POLICE/PR-B"));
        assertThat(net.delivered)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        OwnerMessage.Kind.GRAPH, 3,
                        OwnerMessage.Kind.CASE_ADDRESS, 1,
                        OwnerMessage.Kind.JOIN, 1,
                        OwnerMessage.Kind.ABSORB, 1));
    }

    @Test
    void shouldNotJoinComponentsOverPossibleMatchesAndStillNameTheCandidatesCase() {
        // Given A placed in a case of its own
        Network net = new Network(3, 21);
        net.placeAlone("POLICE/PR-A");

        // When B is placed with A only a possible match (review band), and C with B a possible match
        for (String[] pair : new String[][] {{"POLICE/PR-B", "POLICE/PR-A"}, {"POLICE/PR-C", "POLICE/PR-B"}}) {
            net.send(GraphMessage.announce(police(pair[0]), false, 1));
            net.send(GraphMessage.blockResult(pair[0], "shard-0", List.of(new Edge(pair[1], 8.5, false, "k"))));
            net.drain();
        }

        // Then three cases in three components, each its own root: no join, no absorb
        assertThat(net.casesById()).containsOnly(caseOf("POLICE/PR-A"), caseOf("POLICE/PR-B"), caseOf("POLICE/PR-C"));
        assertThat(net.roots())
                .allSatisfy(root -> assertThat(root.component.members).containsExactly(root.id));
        assertThat(net.delivered).doesNotContainKeys(OwnerMessage.Kind.JOIN, OwnerMessage.Kind.ABSORB);

        // And each new case is queued once, a possible duplicate of its candidate's case, asked of that component
        assertThat(net.queued)
                .extracting(QueueItem::getCaseId, QueueItem::getItemType, QueueItem::getCandidateCaseId)
                .containsExactly(
                        tuple(CaseIds.of("POLICE/PR-B"), QueueItemType.POSSIBLE_DUPLICATE, CaseIds.of("POLICE/PR-A")),
                        tuple(CaseIds.of("POLICE/PR-C"), QueueItemType.POSSIBLE_DUPLICATE, CaseIds.of("POLICE/PR-B")));
        assertThat(net.queued)
                .allSatisfy(item -> assertThat(item.getMatchWeight()).isEqualTo(8.5));
        assertThat(net.delivered)
                .containsEntry(OwnerMessage.Kind.REVIEW, 2)
                .containsEntry(OwnerMessage.Kind.REVIEW_ANSWER, 2);
    }

    @Test
    void shouldKeepAChainOfPossibleMatchesInComponentsOfOne() {
        // Given 60 referrals, each a possible match of the one before (the chain that once grew one component past
        // the producer's request size), sent shuffled on six partitions
        List<GraphMessage> messages = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = String.format("POLICE/PR-%03d", i);
            messages.add(GraphMessage.announce(police(id), false, 1));
            messages.add(GraphMessage.blockResult(
                    id,
                    "shard-0",
                    i == 0 ? List.of() : List.of(new Edge(String.format("POLICE/PR-%03d", i - 1), 9.0, false, "k"))));
        }
        Collections.shuffle(messages, new java.util.Random(7));
        Network net = new Network(6, 22);
        net.sendInterleaved(messages);

        // Then sixty cases, sixty components of one, and every case queued exactly once
        assertThat(net.casesById()).hasSize(60);
        assertThat(net.roots())
                .hasSize(60)
                .allSatisfy(root -> assertThat(root.component.members).hasSize(1));
        assertThat(net.queued.stream().map(QueueItem::getCaseId))
                .containsExactlyInAnyOrderElementsOf(net.casesById().keySet());
    }

    @Test
    void shouldTryTheNextCandidateWhenTheBestIsNotPlacedOrInTheSameCase() {
        // Given A and C placed alone, B placed with A
        Network net = new Network(4, 23);
        net.placeAlone("POLICE/PR-A", "POLICE/PR-C");
        net.send(GraphMessage.announce(police("POLICE/PR-B"), false, 1));
        net.send(GraphMessage.blockResult("POLICE/PR-B", "shard-0", List.of(new Edge("POLICE/PR-A", 20.0, true, "k"))));
        net.drain();
        net.queued.clear();

        // When D is placed: its best possible match X never announced, then B (whose case D does not share), then C
        net.send(GraphMessage.announce(police("POLICE/PR-D"), false, 1));
        net.send(GraphMessage.blockResult(
                "POLICE/PR-D",
                "shard-0",
                List.of(
                        new Edge("POLICE/PR-X", 12.0, false, "k"),
                        new Edge("POLICE/PR-C", 6.0, false, "k"),
                        new Edge("POLICE/PR-B", 9.0, false, "k"))));
        net.drain();

        // Then D's case is a possible duplicate of A's case (B's), the best placed candidate, and no entry was made
        // for X, which no home has heard of
        assertThat(net.queued)
                .extracting(QueueItem::getItemType, QueueItem::getCandidateCaseId, QueueItem::getMatchWeight)
                .containsExactly(tuple(QueueItemType.POSSIBLE_DUPLICATE, CaseIds.of("POLICE/PR-A"), 9.0));
        assertThat(net.roots()).noneMatch(root -> root.id.equals("POLICE/PR-X"));

        // When E is placed whose only possible match is X, never announced
        net.queued.clear();
        net.send(GraphMessage.announce(police("POLICE/PR-E"), false, 1));
        net.send(
                GraphMessage.blockResult("POLICE/PR-E", "shard-0", List.of(new Edge("POLICE/PR-X", 12.0, false, "k"))));
        net.drain();

        // Then its case is queued as a new case
        assertThat(net.queued)
                .extracting(QueueItem::getCaseId, QueueItem::getItemType)
                .containsExactly(tuple(CaseIds.of("POLICE/PR-E"), QueueItemType.NEW_CASE));
    }

    /** A case by id, as {@link Network#casesById()} lists it: named after its smallest referral, the first given. */
    private static Map.Entry<String, Set<String>> caseOf(String smallest, String... others) {
        Set<String> members = new java.util.TreeSet<>(List.of(others));
        members.add(smallest);
        return Map.entry(CaseIds.of(smallest), members);
    }

    // ---- the oracle: one case graph, every message in the order sent ----

    private static Set<Set<String>> onePartition(List<GraphMessage> messages) {
        InMemoryGraphStore store = new InMemoryGraphStore();
        CaseGraph graph = new CaseGraph(store, () -> RULES);
        messages.forEach(m -> graph.apply(m, NOW));
        Set<Set<String>> cases = new HashSet<>();
        store.cases().values().forEach(c -> cases.add(c.members));
        return cases;
    }

    private static List<GraphMessage> randomReferrals(SplittableRandom random, int referrals) {
        List<String> ids = new ArrayList<>();
        List<GraphMessage> out = new ArrayList<>();
        Map<String, Set<String>> underKey = new TreeMap<>();
        for (int i = 0; i < referrals; i++) {
            String id = String.format("POLICE/PR-%06d", random.nextInt(1_000_000));
            if (ids.contains(id)) {
                continue;
            }
            List<Edge> edges = new ArrayList<>();
            // edges to earlier referrals only, as the blocking shards find them (the later one compares)
            for (String earlier : ids) {
                int roll = random.nextInt(100);
                if (roll < 6) {
                    String key = "k" + random.nextInt(3);
                    edges.add(new Edge(earlier, 10.0 + random.nextInt(20) + random.nextInt(4) / 4.0, roll < 5, key));
                    underKey.computeIfAbsent(key, k -> new java.util.TreeSet<>())
                            .add(earlier);
                    underKey.get(key).add(id);
                }
            }
            ids.add(id);
            out.add(GraphMessage.announce(police(id), false, 2));
            out.add(GraphMessage.blockResult(id, "shard-0", edges));
            out.add(GraphMessage.blockResult(id, "shard-1", List.of()));
        }
        if (underKey.containsKey("k0")) {
            out.add(GraphMessage.keyRetired("k0", List.copyOf(underKey.get("k0"))));
        }
        return out;
    }

    private static ReferralSummary police(String hubId) {
        String id = hubId.substring(hubId.indexOf('/') + 1);
        return new ReferralSummary(
                hubId,
                "POLICE",
                id,
                "42/" + id,
                "CRIME",
                "OUT_OF_COURT",
                "Harlow",
                "058/01",
                "CRIMINAL_DAMAGE_AND_ARSON",
                "Criminal damage",
                List.of(),
                List.of(
                        new PartySummary("VICTIM", "Imelda", "Quarrington", null, "CM20 1AB", null),
                        new PartySummary("OFFENDER", "Kwabena", "Fairweather", null, "CM20 2AB", null)));
    }

    /**
     * Partitions exchanging messages. Entries and messages go through JSON both ways, as through RocksDB and the graph
     * topic, so nothing is shared between partitions by reference.
     */
    private static final class Network {
        private final int partitions;
        private final SplittableRandom random;
        private final List<Map<String, byte[]>> entries = new ArrayList<>();
        private final List<CaseOwners> owners = new ArrayList<>();
        private final List<List<byte[]>> queues = new ArrayList<>();
        private final Map<String, String> lastTold = new TreeMap<>();
        private final List<Map<String, byte[]>> addressStores = new ArrayList<>();
        /** Each partition's messages delivered in the order sent (as Kafka does), not in a random one. */
        boolean inOrder;
        /** The queue items written, in order. */
        final List<QueueItem> queued = new ArrayList<>();
        /** The messages delivered, by kind. */
        final Map<OwnerMessage.Kind, Integer> delivered = new java.util.EnumMap<>(OwnerMessage.Kind.class);

        Network(int partitions, long seed) {
            this.partitions = partitions;
            this.random = new SplittableRandom(seed);
            for (int p = 0; p < partitions; p++) {
                Map<String, byte[]> store = new HashMap<>();
                Map<String, byte[]> addresses = new HashMap<>();
                entries.add(store);
                addressStores.add(addresses);
                owners.add(new CaseOwners(
                        new CaseOwners.Store() {
                            @Override
                            public CaseOwners.Entry entry(String referral) {
                                byte[] b = store.get(referral);
                                return b == null ? null : ENTRY.deserializer().deserialize("t", b);
                            }

                            @Override
                            public void put(CaseOwners.Entry entry) {
                                store.put(entry.id, ENTRY.serializer().serialize("t", entry));
                            }

                            @Override
                            public void deleteEntry(String referral) {
                                store.remove(referral);
                            }

                            @Override
                            public void deleteAddress(String caseId) {
                                addresses.remove(caseId);
                            }

                            @Override
                            public CaseOwners.Address address(String caseId) {
                                byte[] b = addresses.get(caseId);
                                return b == null ? null : ADDRESS.deserializer().deserialize("t", b);
                            }

                            @Override
                            public void put(CaseOwners.Address address) {
                                addresses.put(
                                        address.caseId, ADDRESS.serializer().serialize("t", address));
                            }
                        },
                        () -> RULES));
                queues.add(new ArrayList<>());
            }
        }

        int home(String key) {
            return Math.floorMod(key.hashCode(), partitions);
        }

        void send(GraphMessage m) {
            CaseOwners.messages(m).forEach(this::enqueue);
        }

        /** Places each referral in a case of its own (no match), then forgets what was delivered so far. */
        void placeAlone(String... ids) {
            for (String id : ids) {
                send(GraphMessage.announce(police(id), false, 1));
                send(GraphMessage.blockResult(id, "shard-0", List.of()));
            }
            drain();
            delivered.clear();
            queued.clear();
        }

        void enqueue(OwnerMessage m) {
            queues.get(home(m.to())).add(MESSAGE.serializer().serialize("t", m));
        }

        /** Sends the messages one by one, delivering a random number of random messages in between. */
        void sendInterleaved(List<GraphMessage> messages) {
            for (GraphMessage m : messages) {
                send(m);
                int deliveries = random.nextInt(4);
                for (int i = 0; i < deliveries && deliverOne(); i++) {
                    // random progress between sends
                }
            }
            drain();
        }

        void drain() {
            int steps = 0;
            while (deliverOne()) {
                assertThat(++steps)
                        .as("messages delivered: the exchange must end")
                        .isLessThan(1_000_000);
            }
        }

        boolean deliverOne() {
            List<Integer> busy = IntStream.range(0, partitions)
                    .filter(p -> !queues.get(p).isEmpty())
                    .boxed()
                    .toList();
            if (busy.isEmpty()) {
                return false;
            }
            int p = busy.get(random.nextInt(busy.size()));
            List<byte[]> queue = queues.get(p);
            OwnerMessage m =
                    MESSAGE.deserializer().deserialize("t", queue.remove(inOrder ? 0 : random.nextInt(queue.size())));
            delivered.merge(m.kind(), 1, Integer::sum);
            CaseOwners.Step step = owners.get(p).apply(m, NOW);
            step.messages().forEach(this::enqueue);
            step.emissions().stream()
                    .filter(e -> e.value.isOutcome())
                    .map(e -> e.value.outcome())
                    .forEach(this::told);
            step.emissions().stream()
                    .filter(e -> !e.value.isOutcome())
                    .map(e -> e.value.item())
                    .forEach(queued::add);
            return true;
        }

        /** Every partition's retention sweep, with everything past the retention. */
        void forgetAll() {
            for (int p = 0; p < partitions; p++) {
                for (String id : List.copyOf(entries.get(p).keySet())) {
                    owners.get(p).forget(id, 0, Long.MAX_VALUE).messages().forEach(this::enqueue);
                }
            }
        }

        int entryCount() {
            return entries.stream().mapToInt(Map::size).sum();
        }

        int addressCount() {
            return addressStores.stream().mapToInt(Map::size).sum();
        }

        private void told(Outcome o) {
            if (o.getHubCaseId() != null) {
                lastTold.put(o.getAgency() + "/" + o.getAgencyReferralId(), o.getHubCaseId());
            }
        }

        String lastTold(String referral) {
            return lastTold.get(referral);
        }

        List<CaseOwners.Entry> roots() {
            List<CaseOwners.Entry> out = new ArrayList<>();
            for (Map<String, byte[]> s : entries) {
                for (byte[] b : s.values()) {
                    CaseOwners.Entry e = ENTRY.deserializer().deserialize("t", b);
                    if (e.isRoot()) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        Set<Set<String>> cases() {
            Set<Set<String>> out = new HashSet<>();
            roots().forEach(r -> r.component.cases.values().forEach(c -> out.add(c.members)));
            return out;
        }

        Map<String, Set<String>> casesById() {
            Map<String, Set<String>> out = new TreeMap<>();
            roots().forEach(r -> r.component.cases.values().forEach(c -> out.put(c.caseId, c.members)));
            return out;
        }

        Map<String, String> finalCaseOf() {
            Map<String, String> out = new TreeMap<>();
            for (CaseOwners.Entry r : roots()) {
                for (Case c : r.component.cases.values()) {
                    c.members.forEach(m -> out.put(m, c.caseId));
                }
            }
            return out;
        }
    }
}
