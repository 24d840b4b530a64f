package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.matching.CaseIds;
import org.rjhub.router.graph.ComponentOwners.Absorb;
import org.rjhub.router.graph.ComponentOwners.Component;
import org.rjhub.router.graph.ComponentOwners.Entry;
import org.rjhub.router.graph.ComponentOwners.Facts;
import org.rjhub.router.graph.ComponentOwners.Message;
import org.rjhub.router.graph.GraphState.Node;

/**
 * The partitioned case graph as a message-passing system: several partitions, each a {@link ComponentOwners} over its
 * own store, messages delivered in a random order (any message of any partition next, so every interleaving Kafka
 * could produce, and more, is possible). The same facts in any order, on any number of partitions, must end in the
 * cases {@link ComponentCases} gives for all of them at once, with the same ids. Synthetic ids only.
 */
class ComponentOwnersTest {

    private static final Serde<Entry> ENTRY = JsonSerde.of(Entry.class);
    private static final Serde<Component> COMPONENT = JsonSerde.of(Component.class);

    @Test
    void shouldMergeTwoComponentsAtTheSmallerRootAndLeaveAForwardingPointer() {
        // Given A and C placed alone, then B matching both (B's facts name A and C)
        Network net = new Network(3, 1);
        net.send(facts("A", Map.of(), List.of()));
        net.send(facts("C", Map.of(), List.of()));
        net.drain();
        net.send(facts("B", Map.of("A", 20.0, "C", 18.0), List.of()));
        net.drain();

        // Then one component rooted at A, the smallest; C forwards; one case named after A
        assertThat(net.entry("A").isRoot()).isTrue();
        assertThat(net.entry("A").component.members).containsExactly("A", "B", "C");
        assertThat(net.entry("C").isRoot()).isFalse();
        assertThat(net.entry("C").pointer).isEqualTo("A");
        assertThat(net.finalCases())
                .containsOnly(
                        Map.entry("A", CaseIds.of("A")),
                        Map.entry("B", CaseIds.of("A")),
                        Map.entry("C", CaseIds.of("A")));
    }

    @Test
    void shouldNeverPutAKeptApartPairInOneCaseWhateverJoinsTheirComponent() {
        // Given X and Y kept apart, then Z matching both, more strongly X
        Network net = new Network(2, 7);
        net.send(facts("X", Map.of(), List.of("Y")));
        net.send(facts("Y", Map.of(), List.of("X")));
        net.send(facts("Z", Map.of("X", 25.0, "Y", 15.0), List.of()));
        net.drain();

        // Then one component, two cases: Z with X
        Map<String, String> cases = net.finalCases();
        assertThat(cases.get("Z")).isEqualTo(cases.get("X")).isEqualTo(CaseIds.of("X"));
        assertThat(cases.get("Y")).isEqualTo(CaseIds.of("Y"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6, 12})
    void shouldEndInTheSameCasesWithTheSameIdsInAnyOrderOnAnyNumberOfPartitions(int partitions) {
        for (int seed = 0; seed < 20; seed++) {
            // Given a random graph of referrals: matches, confirmed links, keep-aparts
            List<Node> facts = randomFacts(new SplittableRandom(seed), 60);
            Map<String, String> expected = oracle(facts);

            // When they are sent in a shuffled order and the messages delivered in a random one
            Network net = new Network(partitions, seed * 31L + partitions);
            List<Node> shuffled = new ArrayList<>(facts);
            Collections.shuffle(shuffled, new java.util.Random(seed + 1000L * partitions));
            net.sendInterleaved(shuffled);

            // Then the cases, ids included, are those of all the facts decided at once
            assertThat(net.finalCases()).as("seed %d", seed).isEqualTo(expected);
            // and each referral's last assignment is its final case
            assertThat(net.lastAssigned()).as("seed %d", seed).isEqualTo(expected);
            // and each component has one root, its smallest referral
            net.roots()
                    .forEach(root ->
                            assertThat(Collections.min(root.component.members)).isEqualTo(root.id));
        }
    }

    @Test
    void shouldForwardAnyMessageInAFewHopsOnceRepointed() {
        // Given a chain of 40 referrals, each matching the previous one, placed largest id first
        Network net = new Network(4, 3);
        for (int i = 39; i >= 0; i--) {
            Map<String, Double> match = i > 0 ? Map.of(id(i - 1), 20.0) : Map.of();
            net.send(facts(id(i), match, List.of()));
            net.drain();
        }

        // Then every entry points at the root directly: a later message reaches it in at most two steps
        for (int i = 1; i < 40; i++) {
            assertThat(net.entry(id(i)).pointer).as(id(i)).isEqualTo(id(0));
        }
        assertThat(net.entry(id(0)).component.members).hasSize(40);
    }

    // ---- the oracle: every fact at once, one union-find ----

    private static Map<String, String> oracle(List<Node> facts) {
        Map<String, Node> all = new TreeMap<>();
        for (Node n : facts) {
            all.put(n.id, copy(n));
        }
        Map<String, String> caseOf = new TreeMap<>();
        for (var kase : ComponentCases.partition(all)) {
            String id = CaseIds.of(kase.iterator().next());
            kase.forEach(r -> caseOf.put(r, id));
        }
        return caseOf;
    }

    private static List<Node> randomFacts(SplittableRandom random, int referrals) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < referrals; i++) {
            Node n = new Node(id(random.nextInt(1_000_000)));
            if (nodes.stream().anyMatch(o -> o.id.equals(n.id))) {
                continue;
            }
            // edges to earlier referrals only, as the blocking shards find them (the later one compares)
            for (Node earlier : nodes) {
                int roll = random.nextInt(100);
                if (roll < 4) {
                    n.match.put(earlier.id, 10.0 + random.nextInt(20) + random.nextInt(4) / 4.0);
                } else if (roll < 5) {
                    n.confirmed.add(earlier.id);
                } else if (roll < 6) {
                    n.keptApart.add(earlier.id);
                    earlier.keptApart.add(n.id);
                }
            }
            nodes.add(n);
        }
        return nodes;
    }

    private static Node facts(String id, Map<String, Double> match, List<String> keptApart) {
        Node n = new Node(id);
        n.match.putAll(match);
        n.keptApart.addAll(keptApart);
        return n;
    }

    private static String id(int i) {
        return String.format("POLICE/PR-%06d", i);
    }

    private static Node copy(Node n) {
        Node c = new Node(n.id);
        c.match.putAll(n.match);
        c.confirmed.addAll(n.confirmed);
        c.keptApart.addAll(n.keptApart);
        return c;
    }

    /**
     * Partitions exchanging messages. Entries and shipped components go through JSON both ways, as through RocksDB and
     * a repartition topic, so nothing is shared between partitions by reference.
     */
    private static final class Network {
        private final int partitions;
        private final SplittableRandom random;
        private final List<Map<String, byte[]>> stores = new ArrayList<>();
        private final List<ComponentOwners> owners = new ArrayList<>();
        private final List<List<Message>> queues = new ArrayList<>();
        private final Map<String, String> lastAssigned = new TreeMap<>();

        Network(int partitions, long seed) {
            this.partitions = partitions;
            this.random = new SplittableRandom(seed);
            for (int p = 0; p < partitions; p++) {
                Map<String, byte[]> entries = new HashMap<>();
                stores.add(entries);
                owners.add(new ComponentOwners(new ComponentOwners.Store() {
                    @Override
                    public Entry entry(String referral) {
                        byte[] b = entries.get(referral);
                        return b == null ? null : ENTRY.deserializer().deserialize("t", b);
                    }

                    @Override
                    public void put(Entry entry) {
                        entries.put(entry.id, ENTRY.serializer().serialize("t", entry));
                    }
                }));
                queues.add(new ArrayList<>());
            }
        }

        int home(String referral) {
            return Math.floorMod(referral.hashCode(), partitions);
        }

        void send(Node node) {
            enqueue(new Facts(node.id, copy(node)));
        }

        void enqueue(Message m) {
            if (m instanceof Absorb a) {
                byte[] wire = COMPONENT.serializer().serialize("t", a.component());
                m = new Absorb(a.to(), a.from(), COMPONENT.deserializer().deserialize("t", wire));
            }
            queues.get(home(m.to())).add(m);
        }

        /** Sends the facts one by one, delivering a random number of random messages in between. */
        void sendInterleaved(List<Node> facts) {
            for (Node n : facts) {
                send(n);
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

        /** Delivers one message, chosen at random among all pending ones; false when none is pending. */
        boolean deliverOne() {
            List<Integer> busy = IntStream.range(0, partitions)
                    .filter(p -> !queues.get(p).isEmpty())
                    .boxed()
                    .toList();
            if (busy.isEmpty()) {
                return false;
            }
            int p = busy.get(random.nextInt(busy.size()));
            List<Message> queue = queues.get(p);
            Message m = queue.remove(random.nextInt(queue.size()));
            ComponentOwners.Step step = owners.get(p).apply(m);
            step.messages().forEach(this::enqueue);
            step.assignments().forEach(a -> lastAssigned.put(a.referral(), a.caseId()));
            return true;
        }

        Entry entry(String referral) {
            byte[] b = stores.get(home(referral)).get(referral);
            return b == null ? null : ENTRY.deserializer().deserialize("t", b);
        }

        List<Entry> roots() {
            List<Entry> out = new ArrayList<>();
            for (Map<String, byte[]> s : stores) {
                for (byte[] b : s.values()) {
                    Entry e = ENTRY.deserializer().deserialize("t", b);
                    if (e.isRoot()) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        /** Every placed referral's case as its root holds it. */
        Map<String, String> finalCases() {
            Map<String, String> out = new TreeMap<>();
            roots().forEach(r -> out.putAll(r.component.caseOf));
            return out;
        }

        Map<String, String> lastAssigned() {
            return lastAssigned;
        }
    }
}
