package org.rjhub.router.linkage;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * One referral's people on a blocking shard, the one entry it has in {@link BlockingProcessor#STORE} (under {@link
 * #storeKey}): its parties as its probes brought them (sealed as they came with a master key), the blocking keys it is
 * under on this shard, each with the parties that produce it, and when it was last probed. A key keeps, per party, the
 * version of the party last written under it, as the earlier layout's entry {@code <key>|<referral>#<party>} did: a new
 * version of the referral replaces its parties under the keys it still produces, and keys it no longer produces keep
 * what an earlier version put there until retention, erasure or the key's retirement.
 *
 * @param hubReferralId the referral; empty for the marker of a retired key
 * @param probedAt      wall-clock milliseconds of its last probe on this shard (the retention's clock); {@link #EARLIER}
 *                      for an entry of the earlier layout, read to be converted
 * @param parties       each party version once (as read from the store, each decoded when first asked for: {@link
 *                      Parties})
 * @param keys          blocking key to the positions in {@code parties} of those under it, in key order; a
 *                      crime-reference key has none (the referral is under it as an incident)
 */
public record StoredReferral(
        String hubReferralId, long probedAt, List<BlockProbe.Member> parties, Map<String, List<Integer>> keys) {

    /** The prefix of a referral's entry key: blocking keys begin with {@code P:} or {@code C:}. */
    static final String PREFIX = "R:";

    /** {@link #probedAt} of a member entry of the earlier layout (one party under one key, the key in the store key). */
    static final long EARLIER = -1;

    /** The value of a retired key's marker {@code <key>|}. */
    static final StoredReferral RETIRED = new StoredReferral("", 0L, List.of(), Map.of());

    public StoredReferral {
        parties = parties instanceof Parties ? parties : List.copyOf(parties);
        TreeMap<String, List<Integer>> copy = new TreeMap<>();
        keys.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        keys = Collections.unmodifiableMap(copy);
    }

    /** The store key of a referral's entry. */
    static String storeKey(String hubReferralId) {
        return PREFIX + hubReferralId;
    }

    /** A member entry of the earlier layout, as read. */
    static StoredReferral earlier(BlockProbe.Member m) {
        return new StoredReferral(m.hubReferralId(), EARLIER, List.of(m), Map.of());
    }

    boolean isEarlierLayout() {
        return probedAt == EARLIER;
    }

    /** A referral's entry under these keys, each with its parties (none for a crime-reference key). */
    static StoredReferral of(String hubReferralId, long probedAt, Map<String, List<BlockProbe.Member>> byKey) {
        Map<BlockProbe.Member, Integer> positions = new LinkedHashMap<>();
        Map<String, List<Integer>> keys = new TreeMap<>();
        byKey.forEach((key, members) -> {
            List<Integer> at = new ArrayList<>(members.size());
            for (BlockProbe.Member m : members) {
                at.add(positions.computeIfAbsent(m, x -> positions.size()));
            }
            keys.put(key, at);
        });
        return new StoredReferral(hubReferralId, probedAt, new ArrayList<>(positions.keySet()), keys);
    }

    /** Whether the referral is under {@code key} here (a key of the same hash in the block index may not be). */
    boolean isUnder(String key) {
        return keys.containsKey(key);
    }

    /** The referral's members under {@code key}: its parties, or for a crime-reference key the incident. */
    List<BlockProbe.Member> membersUnder(String key) {
        List<Integer> at = keys.get(key);
        if (at == null) {
            return List.of();
        }
        if (key.startsWith(ReferralBlocking.CRIME)) {
            return List.of(incident(hubReferralId));
        }
        List<BlockProbe.Member> out = new ArrayList<>(at.size());
        at.forEach(i -> out.add(parties.get(i)));
        return out;
    }

    /** How many of the referral's people are under {@code key} (the incident counts one), as the block cap counts. */
    int countUnder(String key) {
        List<Integer> at = keys.get(key);
        if (at == null) {
            return 0;
        }
        return key.startsWith(ReferralBlocking.CRIME) ? 1 : at.size();
    }

    /** Every key with its members, as {@link #of} takes them. */
    Map<String, List<BlockProbe.Member>> byKey() {
        Map<String, List<BlockProbe.Member>> out = new TreeMap<>();
        keys.forEach((key, at) -> {
            List<BlockProbe.Member> ms = new ArrayList<>(at.size());
            at.forEach(i -> ms.add(parties.get(i)));
            out.put(key, ms);
        });
        return out;
    }

    /**
     * This entry probed again at {@code now}: under each key {@code written} names, its parties replace those of the same
     * position (others kept, as entries of their own were); other keys kept as they were.
     */
    StoredReferral with(Map<String, List<BlockProbe.Member>> written, long now) {
        Map<String, List<BlockProbe.Member>> byKey = byKey();
        written.forEach((key, mine) -> {
            Set<Integer> replaced = new HashSet<>();
            mine.forEach(m -> replaced.add(m.partyIndex()));
            List<BlockProbe.Member> merged = new ArrayList<>();
            for (BlockProbe.Member m : byKey.getOrDefault(key, List.of())) {
                if (!replaced.contains(m.partyIndex())) {
                    merged.add(m);
                }
            }
            merged.addAll(mine);
            merged.sort(java.util.Comparator.comparingInt(BlockProbe.Member::partyIndex));
            byKey.put(key, merged);
        });
        return of(hubReferralId, now, byKey);
    }

    /** This entry without {@code key} (retired), its parties under no other key dropped. */
    StoredReferral without(String key) {
        Map<String, List<BlockProbe.Member>> byKey = byKey();
        byKey.remove(key);
        return of(hubReferralId, probedAt, byKey);
    }

    /**
     * A stored referral's parties as {@link BlockSerdes} reads them: each decoded when first asked for, then kept. A
     * probe reads the entry of every candidate its keys name, and wants only the parties under the key it shares
     * (usually one of two or three); over a long history most candidates are read from the store, not found in memory.
     * Not safe for threads to share: an entry belongs to its task's thread, as the store it came from does.
     */
    static final class Parties extends AbstractList<BlockProbe.Member> implements RandomAccess {

        private final BlockProbe.Member[] decoded;
        private final IntFunction<BlockProbe.Member> decoder;

        /** @param decoder the party at a position, decoded */
        Parties(int size, IntFunction<BlockProbe.Member> decoder) {
            this.decoded = new BlockProbe.Member[size];
            this.decoder = decoder;
        }

        @Override
        public BlockProbe.Member get(int i) {
            BlockProbe.Member m = decoded[i];
            if (m == null) {
                m = decoder.apply(i);
                decoded[i] = m;
            }
            return m;
        }

        @Override
        public int size() {
            return decoded.length;
        }
    }

    static BlockProbe.Member incident(String referral) {
        return new BlockProbe.Member(referral, -1, "INCIDENT", null, null, null, null, null, true);
    }
}
