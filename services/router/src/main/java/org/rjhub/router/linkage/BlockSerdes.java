package org.rjhub.router.linkage;

import static org.rjhub.common.serde.BinarySerde.count;
import static org.rjhub.common.serde.BinarySerde.readText;
import static org.rjhub.common.serde.BinarySerde.skipText;
import static org.rjhub.common.serde.BinarySerde.varCount;
import static org.rjhub.common.serde.BinarySerde.writeText;
import static org.rjhub.common.serde.BinarySerde.writeVarint;

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
import org.rjhub.common.serde.BinaryIn;
import org.rjhub.common.serde.BinaryOut;
import org.rjhub.common.serde.BinarySerde;

/**
 * Compact binary serdes of the linkage's internal records: the block members ({@code linkage-block-members}: one
 * entry per referral and shard, {@link StoredReferral}; the earlier layout's one per key and party still read) and the
 * probes ({@code linkage-blocking} repartition). A member is read under every key it shares with a probe, so its
 * decoding is on the matching path; JSON cost a parse of every field name each time. A probe lists each of its parties
 * once, with each key naming them by position, where the JSON repeated a party (its sealed fields too) under each of
 * its keys.
 *
 * <p>A value begins with a format byte ({@link BinarySerde}); one that begins with {@code '{'} is the JSON of an earlier
 * release and is still read, so a store or topic written by it needs no reset. A member's matching fields are written
 * as {@link MemberFields} writes them for {@link SealedLinkage} to seal.
 */
public final class BlockSerdes {

    /** The first byte of a binary value. */
    static final byte BINARY = BinarySerde.BINARY;

    /** The first byte of a referral's entry ({@link StoredReferral}), the store's other values being members. */
    static final byte ENTRY = 2;

    private BlockSerdes() {}

    /**
     * The serde of the members' store: a referral's entry, or a member entry of the earlier layout (binary or JSON,
     * read as {@link StoredReferral#earlier}, and written as that layout wrote it).
     */
    public static Serde<StoredReferral> entries() {
        Serde<StoredReferral> entry =
                BinarySerde.of(StoredReferral.class, ENTRY, BlockSerdes::writeEntry, BlockSerdes::readEntry);
        Serde<BlockProbe.Member> member = members();
        Serializer<StoredReferral> serializer = (topic, e) -> e != null && e.isEarlierLayout()
                ? member.serializer().serialize(topic, e.parties().get(0))
                : entry.serializer().serialize(topic, e);
        Deserializer<StoredReferral> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == ENTRY) {
                return entry.deserializer().deserialize(topic, bytes);
            }
            return StoredReferral.earlier(member.deserializer().deserialize(topic, bytes));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The serde of a stored block member. */
    public static Serde<BlockProbe.Member> members() {
        return BinarySerde.of(BlockProbe.Member.class, BlockSerdes::writeMember, BlockSerdes::readMember);
    }

    /** The serde of a probe on the blocking topic. */
    public static Serde<BlockProbe> probes() {
        return BinarySerde.of(BlockProbe.class, BlockSerdes::writeProbe, BlockSerdes::readProbe);
    }

    private static void writeMember(BinaryOut out, BlockProbe.Member m) throws IOException {
        writeText(out, m.hubReferralId());
        out.writeInt(m.partyIndex());
        writeParty(out, m);
    }

    private static BlockProbe.Member readMember(BinaryIn in) throws IOException {
        String referral = readText(in);
        return readParty(in, referral, in.readInt());
    }

    /** A member's fields after its referral and position. */
    private static void writeParty(BinaryOut out, BlockProbe.Member m) throws IOException {
        writeText(out, m.role());
        writeText(out, m.dataKeyId());
        writeText(out, m.sealed());
        out.writeLong(m.storedAt());
        MemberFields.write(out, m);
    }

    private static BlockProbe.Member readParty(BinaryIn in, String referral, int partyIndex) throws IOException {
        String role = readText(in);
        String dataKeyId = readText(in);
        String sealed = readText(in);
        long storedAt = in.readLong();
        BlockProbe.Member m = MemberFields.read(in, referral, partyIndex, role);
        return new BlockProbe.Member(
                m.hubReferralId(),
                m.partyIndex(),
                m.role(),
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

    /** The referral, its last probe, each party once (its referral not repeated), then each key with positions. */
    private static void writeEntry(BinaryOut out, StoredReferral e) throws IOException {
        writeText(out, e.hubReferralId());
        out.writeLong(e.probedAt());
        writeVarint(out, e.parties().size());
        for (BlockProbe.Member m : e.parties()) {
            writeVarint(out, m.partyIndex());
            writeParty(out, m);
        }
        writeVarint(out, e.keys().size());
        for (var key : e.keys().entrySet()) {
            writeText(out, key.getKey());
            writeVarint(out, key.getValue().size());
            for (int position : key.getValue()) {
                writeVarint(out, position);
            }
        }
    }

    /**
     * What {@link #writeEntry} wrote, its parties passed over (their lengths checked) and decoded only when asked for
     * ({@link StoredReferral.Parties}): a probe wants the parties under the key it shares, not all of them.
     */
    private static StoredReferral readEntry(BinaryIn in) throws IOException {
        String referral = readText(in);
        long probedAt = in.readLong();
        int n = varCount(in);
        int[] indexes = new int[n];
        int[] at = new int[n];
        for (int i = 0; i < n; i++) {
            indexes[i] = BinarySerde.readVarint(in);
            at[i] = in.position();
            skipParty(in);
        }
        Map<String, List<Integer>> keys = new LinkedHashMap<>();
        for (int k = varCount(in); k > 0; k--) {
            String key = readText(in);
            int count = varCount(in);
            List<Integer> positions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int position = BinarySerde.readVarint(in);
                if (position >= n) {
                    throw new IOException("party " + position + " of " + n);
                }
                positions.add(position);
            }
            keys.put(key, positions);
        }
        StoredReferral.Parties parties = new StoredReferral.Parties(n, i -> {
            try {
                return readParty(in.from(at[i]), referral, indexes[i]);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "party " + i + " of a stored entry of " + referral + " does not decode", e);
            }
        });
        return new StoredReferral(referral, probedAt, parties, keys);
    }

    /** Moves past what {@link #writeParty} wrote. */
    private static void skipParty(BinaryIn in) throws IOException {
        skipText(in);
        skipText(in);
        skipText(in);
        in.skip(Long.BYTES);
        MemberFields.skip(in);
    }

    /** Each party once, then each key with its parties by position. */
    private static void writeProbe(BinaryOut out, BlockProbe p) throws IOException {
        Map<BlockProbe.Member, Integer> parties = new LinkedHashMap<>();
        p.keys().values().forEach(ms -> ms.forEach(m -> parties.putIfAbsent(m, parties.size())));
        writeText(out, p.hubReferralId());
        out.writeInt(p.shard());
        writeText(out, p.dataKeyId());
        writeText(out, p.wrappedKey());
        out.writeInt(parties.size());
        for (BlockProbe.Member m : parties.keySet()) {
            writeMember(out, m);
        }
        out.writeInt(p.keys().size());
        for (var key : p.keys().entrySet()) {
            writeText(out, key.getKey());
            out.writeInt(key.getValue().size());
            for (BlockProbe.Member m : key.getValue()) {
                out.writeInt(parties.get(m));
            }
        }
    }

    private static BlockProbe readProbe(BinaryIn in) throws IOException {
        String referral = readText(in);
        int shard = in.readInt();
        String dataKeyId = readText(in);
        String wrappedKey = readText(in);
        List<BlockProbe.Member> parties = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            parties.add(readMember(in));
        }
        Map<String, List<BlockProbe.Member>> keys = new LinkedHashMap<>();
        for (int k = count(in); k > 0; k--) {
            String key = readText(in);
            int n = count(in);
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
