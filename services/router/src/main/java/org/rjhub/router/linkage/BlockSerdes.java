package org.rjhub.router.linkage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
 * release and is still read, so a store or topic written by it needs no reset. A member's matching fields are written
 * as {@link MemberFields} writes them for {@link SealedLinkage} to seal.
 */
public final class BlockSerdes {

    /** The first byte of a binary value (never {@code '{'}, with which JSON begins). */
    static final byte BINARY = 1;

    private static final JsonSerde<BlockProbe.Member> MEMBER_JSON = JsonSerde.of(BlockProbe.Member.class);
    private static final JsonSerde<BlockProbe> PROBE_JSON = JsonSerde.of(BlockProbe.class);

    private BlockSerdes() {}

    /** The serde of a stored block member. */
    public static Serde<BlockProbe.Member> members() {
        return serde(MEMBER_JSON.deserializer(), BlockSerdes::writeMember, BlockSerdes::readMember);
    }

    /** The serde of a probe on the blocking topic. */
    public static Serde<BlockProbe> probes() {
        return serde(PROBE_JSON.deserializer(), BlockSerdes::writeProbe, BlockSerdes::readProbe);
    }

    private interface Writing<T> {
        void write(DataOutputStream out, T value) throws IOException;
    }

    private interface Reading<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Binary after the format byte, null as null; reads the JSON of an earlier release too. */
    private static <T> Serde<T> serde(Deserializer<T> json, Writing<T> writing, Reading<T> reading) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(BINARY);
                writing.write(out, value);
            } catch (IOException e) {
                throw new SerializationException("a linkage record for " + topic + " does not encode", e);
            }
            return bytes.toByteArray();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                if (in.readByte() != BINARY) {
                    throw new IOException("no format byte");
                }
                return reading.read(in);
            } catch (IOException e) {
                throw new SerializationException("a linkage record on " + topic + " is neither binary nor JSON", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static void writeMember(DataOutputStream out, BlockProbe.Member m) throws IOException {
        MemberFields.writeText(out, m.hubReferralId());
        out.writeInt(m.partyIndex());
        MemberFields.writeText(out, m.role());
        MemberFields.writeText(out, m.dataKeyId());
        MemberFields.writeText(out, m.sealed());
        out.writeLong(m.storedAt());
        MemberFields.write(out, m);
    }

    private static BlockProbe.Member readMember(DataInputStream in) throws IOException {
        String referral = MemberFields.readText(in);
        int partyIndex = in.readInt();
        String role = MemberFields.readText(in);
        String dataKeyId = MemberFields.readText(in);
        String sealed = MemberFields.readText(in);
        long storedAt = in.readLong();
        BlockProbe.Member m = MemberFields.read(in, referral, partyIndex, role);
        return new BlockProbe.Member(
                referral,
                partyIndex,
                role,
                m.forename(),
                m.surname(),
                m.dateOfBirth(),
                m.postcode(),
                m.addressLine(),
                m.normalised(),
                dataKeyId,
                sealed,
                storedAt);
    }

    /** Each party once, then each key with its parties by position. */
    private static void writeProbe(DataOutputStream out, BlockProbe p) throws IOException {
        Map<BlockProbe.Member, Integer> parties = new LinkedHashMap<>();
        p.keys().values().forEach(ms -> ms.forEach(m -> parties.putIfAbsent(m, parties.size())));
        MemberFields.writeText(out, p.hubReferralId());
        out.writeInt(p.shard());
        MemberFields.writeText(out, p.dataKeyId());
        MemberFields.writeText(out, p.wrappedKey());
        out.writeInt(parties.size());
        for (BlockProbe.Member m : parties.keySet()) {
            writeMember(out, m);
        }
        out.writeInt(p.keys().size());
        for (var key : p.keys().entrySet()) {
            MemberFields.writeText(out, key.getKey());
            out.writeInt(key.getValue().size());
            for (BlockProbe.Member m : key.getValue()) {
                out.writeInt(parties.get(m));
            }
        }
    }

    private static BlockProbe readProbe(DataInputStream in) throws IOException {
        String referral = MemberFields.readText(in);
        int shard = in.readInt();
        String dataKeyId = MemberFields.readText(in);
        String wrappedKey = MemberFields.readText(in);
        List<BlockProbe.Member> parties = new ArrayList<>();
        for (int i = MemberFields.count(in); i > 0; i--) {
            parties.add(readMember(in));
        }
        Map<String, List<BlockProbe.Member>> keys = new LinkedHashMap<>();
        for (int k = MemberFields.count(in); k > 0; k--) {
            String key = MemberFields.readText(in);
            int n = MemberFields.count(in);
            List<BlockProbe.Member> ms = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int party = in.readInt();
                if (party < 0 || party >= parties.size()) {
                    throw new IOException("party " + party + " of " + parties.size());
                }
                ms.add(parties.get(party));
            }
            keys.put(key, ms);
        }
        return new BlockProbe(referral, shard, keys, dataKeyId, wrappedKey);
    }
}
