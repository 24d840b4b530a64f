package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.rjhub.common.errors.ErrorClassifier;
import org.rjhub.common.serde.BinarySerde;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

class GraphSerdesTest {

    private static final String A = GraphSamples.A;
    private static final String B = GraphSamples.B;
    private static final String C = GraphSamples.C;
    private static final ReferralSummary CLEAR = GraphSamples.CLEAR;
    private static final ReferralSummary SEALED = GraphSamples.SEALED;
    private static final String TOPIC = "rj-router-graph-owners-changelog";

    @Test
    void shouldWriteARootsHeadWithItsNodesCasesAndSummariesByIdOnly() {
        CaseOwners.Entry root = GraphSamples.root();

        CaseOwners.Entry head = GraphSerdes.entryHeads()
                .deserializer()
                .deserialize(TOPIC, GraphSerdes.entryHeads().serializer().serialize(TOPIC, root));

        assertThat(head.id).isEqualTo(A);
        assertThat(head.pointer).isEqualTo(A);
        assertThat(head.component.members).containsExactlyInAnyOrder(A, B, C);
        assertThat(head.component.nodes).containsOnlyKeys(A, B).containsValues((Node) null);
        assertThat(head.component.cases).containsOnlyKeys("C-1").containsValues((Case) null);
        assertThat(head.component.summaries).containsOnlyKeys(A, B).containsValues((ReferralSummary) null);
        assertThat(head.component.retiredKeys).containsExactly("dob:1990");
        assertThat(head.component.parked).isEqualTo(root.component.parked);
        assertThat(head.component.seen).isEqualTo(root.component.seen).isNotEmpty();
        CaseOwners.Entry pointer = new CaseOwners.Entry();
        pointer.id = C;
        pointer.pointer = A;
        assertReadsBackAsJson(GraphSerdes.entryHeads(), CaseOwners.Entry.class, pointer);
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
                OwnerMessage.join(C, A),
                OwnerMessage.control(OwnerMessage.Kind.SURRENDER, C, A),
                OwnerMessage.control(OwnerMessage.Kind.REPOINT, C, A),
                OwnerMessage.forget(B, A),
                OwnerMessage.forgetAddress("C-2", B),
                OwnerMessage.review(B, "C-2", blockResult.edges()),
                OwnerMessage.reviewAnswer(B, "C-2", blockResult.edges().get(1), "C-1"),
                OwnerMessage.reviewAnswer(B, "C-2", null, null),
                absorb());

        assertThat(messages.stream().map(OwnerMessage::kind)).contains(OwnerMessage.Kind.values());
        for (OwnerMessage m : messages) {
            assertThat(GraphSerdes.ownerMessages()
                            .deserializer()
                            .deserialize(
                                    TOPIC,
                                    GraphSerdes.ownerMessages().serializer().serialize(TOPIC, m))
                            .referrals())
                    .isEqualTo(m.referrals());
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
        CaseOwners.Component c = GraphSamples.root().component;

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
        OwnerMessage absorb = absorb();

        byte[] binary = GraphSerdes.ownerMessages().serializer().serialize(TOPIC, absorb);
        byte[] json = JsonSerde.of(OwnerMessage.class).serializer().serialize(TOPIC, absorb);

        assertThat(binary[0]).isEqualTo(BinarySerde.BINARY);
        assertThat(occurrences(binary, B)).isEqualTo(1);
        assertThat(occurrences(json, B)).isGreaterThan(5);
        assertThat(binary.length).isLessThan(json.length / 3);
    }

    @Test
    void shouldStillReadTheJsonOfAnEarlierRelease() {
        CaseOwners.Entry root = GraphSamples.root();
        Serde<CaseOwners.Entry> json = JsonSerde.of(CaseOwners.Entry.class);

        CaseOwners.Entry read = GraphSerdes.entryHeads()
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
    void shouldReadAComponentWrittenWithoutDatesAsOneWithNone() {
        CaseOwners.Entry root = GraphSamples.root();
        root.component.seen.clear();
        byte[] dated = GraphSerdes.entryHeads().serializer().serialize(TOPIC, root);
        // as written before the retention: the head's tag without dates (2, not 4), and no count of dates at the end
        int tag = 1 + 1 + 1 + A.length() + 1;
        assertThat(dated[tag]).isEqualTo((byte) 4);
        assertThat(dated[dated.length - 1]).isEqualTo((byte) 0);
        byte[] undated = Arrays.copyOf(dated, dated.length - 1);
        undated[tag] = 2;

        CaseOwners.Entry read = GraphSerdes.entryHeads().deserializer().deserialize(TOPIC, undated);

        assertThat(read.component.seen).isEmpty();
        assertThat(json(read))
                .isEqualTo(json(GraphSerdes.entryHeads().deserializer().deserialize(TOPIC, dated)));
        // an ABSORB written before the retention: its component's flag was a boolean (1), with no dates
        OwnerMessage absorb = OwnerMessage.absorb(A, B, root.component);
        byte[] message = GraphSerdes.ownerMessages().serializer().serialize(TOPIC, absorb);
        assertThat(message[message.length - 1]).isEqualTo((byte) 0);
        byte[] oldMessage = Arrays.copyOf(message, message.length - 1);
        int flag = indexOfComponentFlag(oldMessage);
        oldMessage[flag] = 1;
        OwnerMessage readMessage = GraphSerdes.ownerMessages().deserializer().deserialize(TOPIC, oldMessage);
        assertThat(readMessage.component().seen).isEmpty();
        assertThat(readMessage.component().members).containsExactlyInAnyOrder(A, B, C);
    }

    @Test
    void shouldRefuseEveryTruncationAsTheRecordsFault() {
        byte[] bytes = GraphSerdes.ownerMessages().serializer().serialize(TOPIC, absorb());

        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> GraphSerdes.ownerMessages().deserializer().deserialize(TOPIC, cut))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("OwnerMessage on " + TOPIC + " is neither binary nor JSON")
                    .satisfies(e -> assertThat(ErrorClassifier.classify(e)).isEqualTo(ErrorClassifier.Kind.FATAL));
        }
    }

    @Test
    void shouldRefuseGarbageWithoutAllocatingWhatItClaims() {
        byte[] bytes = GraphSerdes.ownerMessages().serializer().serialize(TOPIC, absorb());
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        byte[] otherFormat = bytes.clone();
        otherFormat[0] = 2;
        // a JOIN whose address claims 2^31-1 bytes; one naming a string not written before; a kind unknown
        byte[] huge = {BinarySerde.BINARY, 2, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        byte[] unknownString = {BinarySerde.BINARY, 2, 5, 0, 0, 0, 0};
        byte[] unknownKind = {BinarySerde.BINARY, 99, 0, 0, 0, 0, 0};

        for (byte[] garbage : List.of(longer, otherFormat, huge, unknownString, unknownKind)) {
            assertThatThrownBy(() -> GraphSerdes.ownerMessages().deserializer().deserialize(TOPIC, garbage))
                    .isInstanceOf(SerializationException.class);
        }
        byte[] unknownComponent = {BinarySerde.BINARY, 0, 0, 5};
        assertThatThrownBy(() -> GraphSerdes.entryHeads().deserializer().deserialize(TOPIC, unknownComponent))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> GraphSerdes.entryHeads()
                        .deserializer()
                        .deserialize(TOPIC, "{\"id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }

    /** A whole component given up: every kind of record inside. */
    private static OwnerMessage absorb() {
        return OwnerMessage.absorb(A, B, GraphSamples.root().component);
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

    /** The ABSORB's component tag: after its kind, {@code to} (new), no graph, no referrals, {@code root} (new). */
    private static int indexOfComponentFlag(byte[] absorb) {
        int at = 1 + 1 + 1 + 1 + A.length() + 1 + 1 + 1 + 1 + B.length();
        assertThat(absorb[at]).isEqualTo((byte) 3);
        return at;
    }

    private static String json(CaseOwners.Entry e) {
        Serde<CaseOwners.Entry> json = JsonSerde.of(CaseOwners.Entry.class);
        return new String(json.serializer().serialize(TOPIC, e), StandardCharsets.UTF_8);
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
