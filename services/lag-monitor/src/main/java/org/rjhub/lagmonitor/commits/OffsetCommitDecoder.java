package org.rjhub.lagmonitor.commits;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the offset-commit records of {@code __consumer_offsets}, whose format is Kafka's own
 * ({@code group-coordinator/src/main/resources/common/message/OffsetCommitKey.json} and {@code OffsetCommitValue.json}):
 * <ul>
 *   <li>key: int16 record type (0 or 1 for an offset commit; 2 and above are group metadata and other coordinator
 *       records, skipped), then group (string), topic (string), partition (int32);</li>
 *   <li>value: int16 version 0 to 4, then offset (int64), leader epoch (int32, version 3+), metadata (string; compact
 *       string in the flexible version 4), commit timestamp (int64), expire timestamp (int64, version 1 only), tagged
 *       fields (version 4); a null value is a tombstone: the offset was deleted.</li>
 * </ul>
 * Pure; no Kafka server classes needed.
 */
public final class OffsetCommitDecoder {

    /** The newest value version this decoder knows. */
    static final short MAX_VALUE_VERSION = 4;

    private OffsetCommitDecoder() {}

    /**
     * The commit or deletion a record describes, or empty when it is another kind of coordinator record.
     *
     * @throws IllegalArgumentException when the record claims to be an offset commit but cannot be read (a value
     *                                  version newer than {@link #MAX_VALUE_VERSION}, or truncated bytes)
     */
    public static Optional<CommitEvent> decode(byte[] key, byte[] value) {
        if (key == null || key.length < 2) {
            return Optional.empty();
        }
        try {
            ByteBuffer k = ByteBuffer.wrap(key);
            short type = k.getShort();
            if (type != 0 && type != 1) {
                return Optional.empty();
            }
            String group = readString(k);
            String topic = readString(k);
            TopicPartition partition = new TopicPartition(topic, k.getInt());
            if (value == null) {
                return Optional.of(new CommitEvent.Deleted(group, partition));
            }
            ByteBuffer v = ByteBuffer.wrap(value);
            short version = v.getShort();
            if (version < 0 || version > MAX_VALUE_VERSION) {
                throw new IllegalArgumentException("offset commit value version " + version + " of group " + group
                        + " on " + partition + " is newer than this decoder (" + MAX_VALUE_VERSION + ")");
            }
            long offset = v.getLong();
            if (version >= 3) {
                v.getInt(); // leader epoch
            }
            if (version >= 4) {
                skipCompactString(v);
            } else {
                readString(v);
            }
            long commitTimestamp = v.getLong();
            return Optional.of(
                    new CommitEvent.Committed(group, partition, offset, Instant.ofEpochMilli(commitTimestamp)));
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated offset commit record", e);
        }
    }

    /** int16 length (-1 for null) and UTF-8 bytes. */
    private static String readString(ByteBuffer b) {
        short length = b.getShort();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Unsigned varint of length + 1 (0 for null) and UTF-8 bytes. */
    private static void skipCompactString(ByteBuffer b) {
        int lengthPlusOne = readUnsignedVarint(b);
        if (lengthPlusOne > 0) {
            b.position(b.position() + lengthPlusOne - 1);
        }
    }

    private static int readUnsignedVarint(ByteBuffer b) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte next = b.get();
            value |= (next & 0x7f) << shift;
            if ((next & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 5 bytes");
    }
}
