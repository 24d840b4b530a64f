package org.rjhub.router.linkage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.rjhub.common.serde.JsonSerde;

/**
 * Compact binary serdes of the linkage's internal records: the block members ({@code linkage-block-members}) and the
 * probes ({@code linkage-blocking} repartition). A member is read under every key it shares with a probe, so its
 * decoding is on the matching path; JSON cost a parse of every field name each time. A probe lists each of its parties
 * once, with each key naming them by position, where the JSON repeated a party (its sealed fields too) under each of
 * its keys.
 *
 * <p>A value begins with a format byte ({@link #BINARY}); one that begins with {@code '{'} is the JSON of an earlier
 * release and is still read, so a store or topic written by it needs no reset.
 */
public final class BlockSerdes {

    /** The first byte of a binary value (never {@code '{'}, with which JSON begins). */
    static final byte BINARY = 1;

    private static final JsonSerde<BlockProbe.Member> MEMBER_JSON = JsonSerde.of(BlockProbe.Member.class);
    private static final JsonSerde<BlockProbe> PROBE_JSON = JsonSerde.of(BlockProbe.class);

    private BlockSerdes() {}

    /** The serde of a stored block member. */
    public static Serde<BlockProbe.Member> members() {
        Serializer<BlockProbe.Member> serializer = (topic, m) -> {
            if (m == null) {
                return null;
            }
            Writer w = new Writer();
            w.buf.put(BINARY);
            w.member(m);
            return w.bytes();
        };
        Deserializer<BlockProbe.Member> json = MEMBER_JSON.deserializer();
        Deserializer<BlockProbe.Member> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            Reader r = new Reader(bytes, topic);
            return r.member();
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The serde of a probe on the blocking topic. */
    public static Serde<BlockProbe> probes() {
        Serializer<BlockProbe> serializer = (topic, p) -> {
            if (p == null) {
                return null;
            }
            Map<BlockProbe.Member, Integer> parties = new LinkedHashMap<>();
            p.keys().values().forEach(ms -> ms.forEach(m -> parties.putIfAbsent(m, parties.size())));
            Writer w = new Writer();
            w.buf.put(BINARY);
            w.text(p.hubReferralId());
            w.ensure(4);
            w.buf.putInt(p.shard());
            w.text(p.dataKeyId());
            w.text(p.wrappedKey());
            w.count(parties.size());
            parties.keySet().forEach(w::member);
            w.count(p.keys().size());
            p.keys().forEach((key, ms) -> {
                w.text(key);
                w.count(ms.size());
                ms.forEach(m -> w.count(parties.get(m)));
            });
            return w.bytes();
        };
        Deserializer<BlockProbe> json = PROBE_JSON.deserializer();
        Deserializer<BlockProbe> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            Reader r = new Reader(bytes, topic);
            String referral = r.text();
            int shard = r.integer();
            String dataKeyId = r.text();
            String wrappedKey = r.text();
            List<BlockProbe.Member> parties = new ArrayList<>();
            for (int i = r.count(); i > 0; i--) {
                parties.add(r.member());
            }
            Map<String, List<BlockProbe.Member>> keys = new LinkedHashMap<>();
            for (int k = r.count(); k > 0; k--) {
                String key = r.text();
                int n = r.count();
                List<BlockProbe.Member> ms = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    ms.add(r.party(parties));
                }
                keys.put(key, ms);
            }
            return new BlockProbe(referral, shard, keys, dataKeyId, wrappedKey);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** Writes into a growing buffer. */
    private static final class Writer {
        private ByteBuffer buf = ByteBuffer.allocate(256);

        void ensure(int more) {
            if (buf.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more));
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        void count(int n) {
            ensure(4);
            buf.putInt(n);
        }

        /** A string as its UTF-8 length and bytes; null as length -1. */
        void text(String s) {
            if (s == null) {
                count(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + b.length);
            buf.putInt(b.length);
            buf.put(b);
        }

        void member(BlockProbe.Member m) {
            text(m.hubReferralId());
            count(m.partyIndex());
            text(m.role());
            text(m.forename());
            text(m.surname());
            ensure(1 + 8);
            if (m.dateOfBirth() == null) {
                buf.put((byte) 0);
            } else {
                buf.put((byte) 1);
                buf.putLong(m.dateOfBirth().toEpochDay());
            }
            text(m.postcode());
            text(m.addressLine());
            ensure(1);
            buf.put((byte) (m.normalised() ? 1 : 0));
            text(m.dataKeyId());
            text(m.sealed());
            ensure(8);
            buf.putLong(m.storedAt());
        }

        byte[] bytes() {
            byte[] out = new byte[buf.position()];
            buf.flip();
            buf.get(out);
            return out;
        }
    }

    /** Reads what {@link Writer} wrote, checking every length against the bytes left. */
    private static final class Reader {
        private final ByteBuffer buf;
        private final String topic;

        Reader(byte[] bytes, String topic) {
            this.buf = ByteBuffer.wrap(bytes);
            this.topic = topic;
            if (bytes.length == 0 || buf.get() != BINARY) {
                throw malformed();
            }
        }

        private SerializationException malformed() {
            return new SerializationException("a linkage record on " + topic + " is neither binary nor JSON");
        }

        int integer() {
            if (buf.remaining() < 4) {
                throw malformed();
            }
            return buf.getInt();
        }

        int count() {
            int n = integer();
            if (n < 0 || n > buf.remaining()) {
                throw malformed();
            }
            return n;
        }

        String text() {
            int n = integer();
            if (n == -1) {
                return null;
            }
            if (n < 0 || n > buf.remaining()) {
                throw malformed();
            }
            String s = new String(buf.array(), buf.position(), n, StandardCharsets.UTF_8);
            buf.position(buf.position() + n);
            return s;
        }

        BlockProbe.Member party(List<BlockProbe.Member> parties) {
            int i = integer();
            if (i < 0 || i >= parties.size()) {
                throw malformed();
            }
            return parties.get(i);
        }

        BlockProbe.Member member() {
            String referral = text();
            int partyIndex = integer();
            String role = text();
            String forename = text();
            String surname = text();
            LocalDate dob = flag() ? LocalDate.ofEpochDay(longValue()) : null;
            String postcode = text();
            String addressLine = text();
            boolean normalised = flag();
            String dataKeyId = text();
            String sealed = text();
            long storedAt = longValue();
            return new BlockProbe.Member(
                    referral,
                    partyIndex,
                    role,
                    forename,
                    surname,
                    dob,
                    postcode,
                    addressLine,
                    normalised,
                    dataKeyId,
                    sealed,
                    storedAt);
        }

        private boolean flag() {
            if (!buf.hasRemaining()) {
                throw malformed();
            }
            return buf.get() != 0;
        }

        private long longValue() {
            if (buf.remaining() < 8) {
                throw malformed();
            }
            return buf.getLong();
        }
    }
}
