package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.serde.BinarySerde;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

class GraphSerdesTest {

    private static final String TOPIC = "rj-router-graph-owners-changelog";
    private static final String A = "POLICE/PR-1";
    private static final String B = "PROBATION/PB-7";
    private static final String C = "VICTIMSUPPORT/VS-3";

    private static final ReferralSummary CLEAR = new ReferralSummary(
            A,
            "POLICE",
            "PR-1",
            "CR/1/26",
            "ADULT",
            "PRE_SENTENCE",
            "North",
            "BURG",
            "PROPERTY",
            "burglary, dwelling",
            List.of("DOMESTIC"),
            List.of(
                    new PartySummary("VICTIM", "zoë", "o'neil", LocalDate.of(1990, 2, 28), "AB1 2CD", "1 high st"),
                    new PartySummary("OFFENDER", null, "smith", null, null, null)));
    private static final ReferralSummary SEALED = new ReferralSummary(
                    B,
                    "PROBATION",
                    "PB-7",
                    null,
                    "ADULT",
                    "POST_SENTENCE",
                    "South",
                    "ASSAULT",
                    "VIOLENCE",
                    "",
                    List.of(),
                    List.of(new PartySummary("VICTIM", "", "", null, null, null, "k-1", "c2VhbGVk", "id-9")))
            .withSealedDetails("k-1", "ZGV0YWlscw==", true);

    @Test
    void shouldReadBackARootWithItsComponentAsItsJsonReadsBack() {
        CaseOwners.Entry root = root();

        assertReadsBackAsJson(GraphSerdes.entries(), CaseOwners.Entry.class, root);
        CaseOwners.Entry pointer = new CaseOwners.Entry();
        pointer.id = C;
        pointer.pointer = A;
        assertReadsBackAsJson(GraphSerdes.entries(), CaseOwners.Entry.class, pointer);
    }

    @Test
    void shouldReadBackEveryMessageOfTheGraphTopics() {
        GraphMessage blockResult = GraphMessage.blockResult(
                B,
                "shard-2",
                List.of(
                        new GraphMessage.Edge(A, 23.25, true, "sg:o'neil|z"),
                        new GraphMessage.Edge(C, 7.5, false, null)));
        GraphMessage decision = GraphMessage.decision("C-1", "C-2", false);
        List<OwnerMessage> messages = List.of(
                OwnerMessage.about(A, GraphMessage.announce(CLEAR, false, 6)),
                OwnerMessage.about(B, GraphMessage.withdraw(B)),
                OwnerMessage.about(B, GraphMessage.keyRetired("dob:1990", List.of(B))),
                OwnerMessage.graph(B, blockResult, List.of(B, A, C)),
                OwnerMessage.caseAddress("C-1", A),
                OwnerMessage.decision(decision),
                OwnerMessage.control(OwnerMessage.Kind.JOIN, C, A),
                OwnerMessage.absorb(A, B, root().component));

        for (OwnerMessage m : messages) {
            assertReadsBackAsJson(GraphSerdes.ownerMessages(), OwnerMessage.class, m);
            if (m.graph() != null) {
                assertReadsBackAsJson(GraphSerdes.graphMessages(), GraphMessage.class, m.graph());
            }
        }
        CaseOwners.Address address = new CaseOwners.Address("C-2");
        address.waiting.add(OwnerMessage.decision(decision));
        assertReadsBackAsJson(GraphSerdes.addresses(), CaseOwners.Address.class, address);
    }

    @Test
    void shouldReadBackTheOnePartitionGraphsRecords() {
        CaseOwners.Component c = root().component;

        assertReadsBackAsJson(GraphSerdes.nodes(), Node.class, c.nodes.get(A));
        assertReadsBackAsJson(GraphSerdes.cases(), Case.class, c.cases.get("C-1"));
        assertReadsBackAsJson(GraphSerdes.summaries(), ReferralSummary.class, CLEAR);
        assertReadsBackAsJson(GraphSerdes.summaries(), ReferralSummary.class, SEALED);
        byte[] sealed = GraphSerdes.summaries().serializer().serialize(TOPIC, SEALED);
        assertThat(GraphSerdes.summaries().deserializer().deserialize(TOPIC, sealed))
                .isEqualTo(SEALED);
    }

    @Test
    void shouldWriteEachReferralIdOnceAndFarSmallerThanJson() {
        CaseOwners.Entry root = root();

        byte[] binary = GraphSerdes.entries().serializer().serialize(TOPIC, root);
        byte[] json = JsonSerde.of(CaseOwners.Entry.class).serializer().serialize(TOPIC, root);

        assertThat(binary[0]).isEqualTo(BinarySerde.BINARY);
        assertThat(occurrences(binary, B)).isEqualTo(1);
        assertThat(occurrences(json, B)).isGreaterThan(5);
        assertThat(binary.length).isLessThan(json.length / 3);
    }

    @Test
    void shouldStillReadTheJsonOfAnEarlierRelease() {
        CaseOwners.Entry root = root();
        Serde<CaseOwners.Entry> json = JsonSerde.of(CaseOwners.Entry.class);

        CaseOwners.Entry read = GraphSerdes.entries()
                .deserializer()
                .deserialize(TOPIC, json.serializer().serialize(TOPIC, root));

        assertThat(json.serializer().serialize(TOPIC, read))
                .isEqualTo(json.serializer()
                        .serialize(
                                TOPIC,
                                json.deserializer()
                                        .deserialize(TOPIC, json.serializer().serialize(TOPIC, root))));
        OwnerMessage announce = OwnerMessage.about(A, GraphMessage.announce(CLEAR, true, 6));
        assertThat(GraphSerdes.ownerMessages()
                        .deserializer()
                        .deserialize(
                                TOPIC,
                                JsonSerde.of(OwnerMessage.class).serializer().serialize(TOPIC, announce)))
                .isEqualTo(announce);
    }

    @Test
    void shouldRefuseEveryTruncationAsTheRecordsFault() {
        byte[] bytes = GraphSerdes.entries().serializer().serialize(TOPIC, root());

        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> GraphSerdes.entries().deserializer().deserialize(TOPIC, cut))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("Entry on " + TOPIC + " is neither binary nor JSON")
                    .satisfies(e -> assertThat(ErrorClassifier.classify(e)).isEqualTo(ErrorClassifier.Kind.FATAL));
        }
    }

    @Test
    void shouldRefuseGarbageWithoutAllocatingWhatItClaims() {
        byte[] bytes = GraphSerdes.entries().serializer().serialize(TOPIC, root());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = 2;
        // an entry whose id claims 2^31-1 bytes; one whose id names a string not written before
        byte[] huge = {BinarySerde.BINARY, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        byte[] unknownString = {BinarySerde.BINARY, 5, 0, 0};
        byte[] unknownKind = {BinarySerde.BINARY, 99, 0, 0, 0, 0, 0, 0};

        for (byte[] garbage : List.of(longer, otherFormat, huge, unknownString)) {
            assertThatThrownBy(() -> GraphSerdes.entries().deserializer().deserialize(TOPIC, garbage))
                    .isInstanceOf(SerializationException.class);
        }
        assertThatThrownBy(() -> GraphSerdes.ownerMessages().deserializer().deserialize(TOPIC, unknownKind))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> GraphSerdes.entries()
                        .deserializer()
                        .deserialize(TOPIC, "{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    /** A root of three referrals, two placed and linked, with a retired key and a block result parked. */
    private static CaseOwners.Entry root() {
        CaseOwners.Entry root = new CaseOwners.Entry(A);
        CaseOwners.Component c = root.component;
        c.members.addAll(List.of(B, C));
        Node a = node(A, B, 23.25);
        a.keptApart.add(C);
        a.pendingAmendments = 1;
        Node b = node(B, A, 23.25);
        b.review.put(C, 4.5);
        b.reviewByKey.put(C, new TreeMap<>(Map.of("pc:ab1", 4.5)));
        b.confirmed.add(A);
        c.nodes.put(A, a);
        c.nodes.put(B, b);
        Case kase = new Case("C-1");
        kase.members.addAll(List.of(A, B));
        kase.queue = "north-adult";
        kase.held = true;
        c.cases.put(kase.caseId, kase);
        c.summaries.put(A, CLEAR);
        c.summaries.put(B, SEALED);
        c.retiredKeys.add("dob:1990");
        c.parked.add(OwnerMessage.graph(
                C,
                GraphMessage.blockResult(C, "shard-1", List.of(new GraphMessage.Edge(B, 4.5, false, "pc:ab1"))),
                List.of(C, B)));
        return root;
    }

    private static Node node(String id, String other, double weight) {
        Node n = new Node(id);
        n.announced = true;
        n.expected = 6;
        n.received.addAll(List.of("shard-0", "shard-1"));
        n.match.put(other, weight);
        n.matchByKey.put(other, new TreeMap<>(Map.of("sg:o'neil|z", weight, "dob:1990", weight - 1)));
        n.placed = true;
        n.caseId = "C-1";
        return n;
    }

    /**
     * The value read back from binary is the one read back from its JSON: the same fields and the same collections
     * in the same order (JSON written from each compares byte for byte).
     */
    private static <T> void assertReadsBackAsJson(Serde<T> binary, Class<T> type, T value) {
        Serde<T> json = JsonSerde.of(type);
        byte[] bytes = binary.serializer().serialize(TOPIC, value);
        T fromBinary = binary.deserializer().deserialize(TOPIC, bytes);
        T fromJson = json.deserializer().deserialize(TOPIC, json.serializer().serialize(TOPIC, value));

        assertThat(bytes[0]).isEqualTo(BinarySerde.BINARY);
        assertThat(new String(json.serializer().serialize(TOPIC, fromBinary), StandardCharsets.UTF_8))
                .isEqualTo(new String(json.serializer().serialize(TOPIC, fromJson), StandardCharsets.UTF_8));
    }

    private static int occurrences(byte[] bytes, String text) {
        String s = new String(bytes, StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}
