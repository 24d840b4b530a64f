package org.rjhub.lagmonitor.commits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OffsetCommitDecoderTest {

    private static final Instant COMMITTED_AT = Instant.parse("2026-11-02T09:00:00.123Z");
    private static final TopicPartition TP = new TopicPartition("police.referrals.v1", 2);

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3, 4})
    void shouldDecodeEveryValueVersionOfAnOffsetCommit(short version) {
        // Given an offset commit record as the group coordinator writes it
        byte[] key = key(1, "rj-router", TP.topic(), TP.partition());
        byte[] value = value(version, 4711, "some metadata", COMMITTED_AT.toEpochMilli());

        // When decoded
        var event = OffsetCommitDecoder.decode(key, value);

        // Then
        assertThat(event).contains(new CommitEvent.Committed("rj-router", TP, 4711, COMMITTED_AT));
    }

    @Test
    void shouldDecodeTheLegacyKeyType() {
        var event = OffsetCommitDecoder.decode(key(0, "g", "t", 0), value(1, 7, "", 1000));
        assertThat(event)
                .contains(new CommitEvent.Committed("g", new TopicPartition("t", 0), 7, Instant.ofEpochMilli(1000)));
    }

    @Test
    void shouldTurnATombstoneIntoADeletion() {
        // Given an offset commit key without a value
        var event = OffsetCommitDecoder.decode(key(1, "rj-router", TP.topic(), TP.partition()), null);

        // Then the group's offset was deleted
        assertThat(event).contains(new CommitEvent.Deleted("rj-router", TP));
    }

    @Test
    void shouldSkipOtherCoordinatorRecords() {
        // Given a group metadata record (key type 2) and a consumer-group record of the new protocol (type 3)
        byte[] groupMetadata = write(out -> {
            out.writeShort(2);
            writeString(out, "rj-router");
        });
        byte[] newProtocol = write(out -> {
            out.writeShort(3);
            writeString(out, "rj-router");
        });

        // Then they are not offset commits
        assertThat(OffsetCommitDecoder.decode(groupMetadata, new byte[] {0, 0})).isEmpty();
        assertThat(OffsetCommitDecoder.decode(newProtocol, null)).isEmpty();
        assertThat(OffsetCommitDecoder.decode(null, null)).isEmpty();
    }

    @Test
    void shouldRefuseAValueVersionNewerThanItKnows() {
        byte[] key = key(1, "g", "t", 0);
        byte[] value = write(out -> {
            out.writeShort(5);
            out.writeLong(1);
        });
        assertThatThrownBy(() -> OffsetCommitDecoder.decode(key, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 5");
    }

    @Test
    void shouldRefuseATruncatedValue() {
        byte[] key = key(1, "g", "t", 0);
        byte[] value = write(out -> {
            out.writeShort(3);
            out.writeLong(1);
        });
        assertThatThrownBy(() -> OffsetCommitDecoder.decode(key, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }

    private static byte[] key(int type, String group, String topic, int partition) {
        return write(out -> {
            out.writeShort(type);
            writeString(out, group);
            writeString(out, topic);
            out.writeInt(partition);
        });
    }

    /** The layouts of OffsetCommitValue.json, versions 0 to 4. */
    private static byte[] value(int version, long offset, String metadata, long commitTimestamp) {
        return write(out -> {
            out.writeShort(version);
            out.writeLong(offset);
            if (version >= 3) {
                out.writeInt(17); // leader epoch
            }
            if (version >= 4) {
                byte[] bytes = metadata.getBytes(StandardCharsets.UTF_8);
                writeUnsignedVarint(out, bytes.length + 1);
                out.write(bytes);
            } else {
                writeString(out, metadata);
            }
            out.writeLong(commitTimestamp);
            if (version == 1) {
                out.writeLong(commitTimestamp + 86_400_000); // expire timestamp
            }
            if (version >= 4) {
                writeUnsignedVarint(out, 0); // no tagged fields
            }
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            writer.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(bytes.length);
        out.write(bytes);
    }

    private static void writeUnsignedVarint(DataOutputStream out, int value) throws IOException {
        int v = value;
        while ((v & ~0x7f) != 0) {
            out.writeByte((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }
}
