package org.rjhub.router.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.rjhub.common.serde.JsonSerde;

class BlockSerdesTest {

    private static final String TOPIC = "rj-router-linkage-blocking-repartition";

    private static final BlockProbe.Member CLEAR = new BlockProbe.Member(
            "POLICE/PR-1", 0, "VICTIM", "zoë", "o'neil", LocalDate.of(1990, 2, 28), "AB1 2CD", "1 high st", true);
    private static final BlockProbe.Member SPARSE =
            new BlockProbe.Member("POLICE/PR-1", 1, "OFFENDER", null, "smith", null, null, null, false);
    private static final BlockProbe.Member SEALED = new BlockProbe.Member(
            "PROBATION/PB-9", 2, "OTHER_PARTY", null, null, null, null, null, true, "k-1", "c2VhbGVk", 1_700_000L);
    private static final BlockProbe.Member RETIRED =
            new BlockProbe.Member("", -1, "RETIRED", null, null, null, null, null, true);

    @Test
    void shouldReadBackEveryKindOfStoredMember() {
        Serde<BlockProbe.Member> serde = BlockSerdes.members();

        for (BlockProbe.Member m : List.of(CLEAR, SPARSE, SEALED, RETIRED)) {
            byte[] bytes = serde.serializer().serialize(TOPIC, m);

            assertThat(bytes[0]).isEqualTo(BlockSerdes.BINARY);
            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(m);
        }
    }

    @Test
    void shouldReadBackAProbeWithEachPartyWrittenOnce() {
        BlockProbe probe = new BlockProbe(
                "POLICE/PR-1",
                3,
                Map.of("C:x", List.of(), "sg:o'neil|z", List.of(CLEAR), "dob:1990", List.of(CLEAR, SPARSE)),
                "k-1",
                "d3JhcHBlZA==");
        Serde<BlockProbe> serde = BlockSerdes.probes();

        byte[] bytes = serde.serializer().serialize(TOPIC, probe);

        assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(probe);
        assertThat(occurrences(bytes, "1 high st")).isEqualTo(1);
        BlockProbe clear = new BlockProbe(
                "VICTIMSUPPORT/VS-1", 0, Map.of("nn:a|b", List.of(CLEAR, SPARSE, SEALED), "zz", List.of(SEALED)));
        assertThat(serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, clear)))
                .isEqualTo(clear);
    }

    @Test
    void shouldStillReadTheJsonOfAnEarlierRelease() {
        BlockProbe probe = new BlockProbe("POLICE/PR-1", 1, Map.of("dob:1990", List.of(CLEAR, SEALED)));

        byte[] memberJson = JsonSerde.of(BlockProbe.Member.class).serializer().serialize(TOPIC, SEALED);
        byte[] probeJson = JsonSerde.of(BlockProbe.class).serializer().serialize(TOPIC, probe);

        assertThat(BlockSerdes.members().deserializer().deserialize(TOPIC, memberJson))
                .isEqualTo(SEALED);
        assertThat(BlockSerdes.probes().deserializer().deserialize(TOPIC, probeJson))
                .isEqualTo(probe);
    }

    @Test
    void shouldRefuseTruncatedBytesWithoutReadingPastThem() {
        byte[] bytes = BlockSerdes.members().serializer().serialize(TOPIC, CLEAR);

        assertThatThrownBy(() ->
                        BlockSerdes.members().deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldReadAnEntrysKeysAtOnceAndEachPartyWhenAskedFor() {
        StoredReferral entry = StoredReferral.of(
                "POLICE/PR-1",
                1_700L,
                new TreeMap<>(
                        Map.of("C:x", List.of(), "P:di|1990", List.of(CLEAR, SPARSE), "P:ns|o'neil", List.of(CLEAR))));
        Serde<StoredReferral> serde = BlockSerdes.entries();
        byte[] bytes = serde.serializer().serialize(TOPIC, entry);

        StoredReferral read = serde.deserializer().deserialize(TOPIC, bytes);

        assertThat(read).isEqualTo(entry);
        assertThat(read.keys()).isEqualTo(entry.keys());
        assertThat(read.membersUnder("P:ns|o'neil")).containsExactly(CLEAR);
        assertThat(read.membersUnder("P:di|1990")).containsExactly(CLEAR, SPARSE);
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldFailOnlyThePartyThatDoesNotDecodeWhenItIsAskedFor() {
        StoredReferral entry =
                StoredReferral.of("POLICE/PR-1", 1_700L, new TreeMap<>(Map.of("P:di|1990", List.of(CLEAR, SPARSE))));
        Serde<StoredReferral> serde = BlockSerdes.entries();
        byte[] bytes = serde.serializer().serialize(TOPIC, entry);
        // CLEAR's date of birth as its epoch day, made a day past any date
        byte[] day = java.nio.ByteBuffer.allocate(Long.BYTES)
                .putLong(CLEAR.dateOfBirth().toEpochDay())
                .array();
        int at = indexOf(bytes, day);
        assertThat(at).isPositive();
        Arrays.fill(bytes, at, at + Long.BYTES, (byte) 0x7F);

        StoredReferral read = serde.deserializer().deserialize(TOPIC, bytes);

        assertThat(read.keys()).isEqualTo(entry.keys());
        assertThat(read.parties().get(1)).isEqualTo(SPARSE);
        assertThatThrownBy(() -> read.parties().get(0))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("party 0 of a stored entry of POLICE/PR-1");
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    private static int occurrences(byte[] bytes, String text) {
        String s = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        int n = 0;
        for (int i = s.indexOf(text); i >= 0; i = s.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}
