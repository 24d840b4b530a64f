package org.rjhub.router.linkage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.matching.BlockingKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking task's members: the store {@link BlockingProcessor#STORE}, one entry per referral on the shard ({@link
 * StoredReferral} under {@code R:<referral>}) and a marker {@code <key>|} per retired key, with its index in memory
 * ({@link BlockIndex}), kept in step: every write goes through here.
 *
 * <p>An entry of the earlier layout, one per key and party ({@code <key>|<referral>#<party>}), is converted when the
 * task is initialised ({@link #load}): each referral's entries become its one entry, dated by the earlier retention
 * store ({@link BlockRetention#STORE}, its records deleted as they are read) or, for members stored before retention
 * existed, at the conversion, so a rolling upgrade needs no application reset.
 *
 * <p>The entries last read or written are also kept decoded in memory, least recently used out past {@code cached}
 * entries: a probe reads the entry of every candidate its keys name, and popular candidates come up probe after probe
 * (decoding them was a fifth of the stream thread's time over a 30,000-referral backlog), each with its parties ready to
 * compare ({@link Decoded}). Every write goes through here, so what is held is what the store holds; a task initialised
 * again starts with a new, empty one. The store has no record cache of its own ({@code RouterTopology}): this is it.
 */
final class BlockMembers {

    private static final Logger LOG = LoggerFactory.getLogger(BlockMembers.class);

    private final KeyValueStore<String, StoredReferral> store;
    private final BlockIndex index;
    private final Map<String, Decoded> decoded;
    private int underEarlierRules;

    /** @param cached how many decoded entries to keep in memory (0: none) */
    BlockMembers(KeyValueStore<String, StoredReferral> store, BlockIndex index, int cached) {
        this.store = store;
        this.index = index;
        this.decoded = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Decoded> eldest) {
                return size() > cached;
            }
        };
    }

    /**
     * Rebuilds the index from the store (the task is initialised: at start, after restoring its store, and when it is
     * revived after a dirty close), converting entries of the earlier layout.
     *
     * @param seen the earlier layout's retention store, or null
     * @param now  wall-clock milliseconds: the date of converted members the earlier retention had not dated
     */
    void load(KeyValueStore<String, BlockRetention.Seen> seen, long now) {
        index.clear();
        decoded.clear();
        underEarlierRules = 0;
        Map<String, Map<String, List<BlockProbe.Member>>> earlier = new TreeMap<>();
        List<String> earlierEntries = new ArrayList<>();
        try (var it = store.all()) {
            while (it.hasNext()) {
                var kv = it.next();
                StoredReferral e = kv.value;
                if (kv.key.startsWith(StoredReferral.PREFIX)) {
                    index.put(e.hubReferralId(), e.keys().keySet(), e.probedAt());
                    if (e.keys().keySet().stream()
                            .anyMatch(k -> BlockingKeys.EARLIER_RULES.contains(ReferralBlocking.rule(k)))) {
                        underEarlierRules++;
                    }
                } else if (kv.key.endsWith("|")) {
                    index.retire(kv.key.substring(0, kv.key.length() - 1));
                } else {
                    BlockProbe.Member m = e.parties().get(0);
                    String suffix = "|" + m.id();
                    if (!kv.key.endsWith(suffix)) {
                        throw new IllegalStateException("a linkage member entry's key does not name its member");
                    }
                    String key = kv.key.substring(0, kv.key.length() - suffix.length());
                    List<BlockProbe.Member> under = earlier.computeIfAbsent(m.hubReferralId(), r -> new TreeMap<>())
                            .computeIfAbsent(key, k -> new ArrayList<>());
                    if (!key.startsWith(ReferralBlocking.CRIME)) {
                        under.add(m);
                    }
                    earlierEntries.add(kv.key);
                }
            }
        }
        earlier.forEach((referral, byKey) -> {
            byKey.values().forEach(ms -> ms.sort(Comparator.comparingInt(BlockProbe.Member::partyIndex)));
            BlockRetention.Seen dated = seen == null ? null : seen.get(referral);
            StoredReferral converted = StoredReferral.of(referral, dated == null ? now : dated.at(), byKey);
            StoredReferral current = store.get(StoredReferral.storeKey(referral));
            put(current == null ? converted : converted.with(current.byKey(), current.probedAt()));
        });
        earlierEntries.forEach(store::delete);
        if (seen != null) {
            List<String> dates = new ArrayList<>();
            try (var it = seen.all()) {
                it.forEachRemaining(kv -> dates.add(kv.key));
            }
            dates.forEach(seen::delete);
        }
        if (!earlier.isEmpty()) {
            LOG.info(
                    "Converted {} member entries of {} referral(s) to one entry per referral",
                    earlierEntries.size(),
                    earlier.size());
        }
    }

    /**
     * How many referrals the store held under keys of the earlier rules when last loaded ({@link
     * BlockingKeys#ofEarlierRules}): stored by an earlier release, found by later referrals under those
     * rules only while their probes look them up ({@code rj.linkage.earlier.rules}).
     */
    int underEarlierRules() {
        return underEarlierRules;
    }

    StoredReferral get(String referral) {
        Decoded d = decoded(referral);
        return d == null ? null : d.entry();
    }

    /** The referral's entry with its parties ready to compare, or null when it has none on this shard. */
    Decoded decoded(String referral) {
        Decoded d = decoded.get(referral);
        if (d == null) {
            StoredReferral e = store.get(StoredReferral.storeKey(referral));
            if (e != null) {
                d = new Decoded(e);
                decoded.put(referral, d);
            }
        }
        return d;
    }

    /**
     * An entry as decoded, each of its parties made ready to compare ({@link PreparedMember}) when first asked for and
     * kept with it: a popular candidate is prepared once while it stays in memory, not once per probe.
     */
    static final class Decoded {

        private final StoredReferral entry;
        private final PreparedMember[] parties;
        /** The members under each key asked about so far (none: not under it), so that asking again is one lookup. */
        private final Map<String, List<PreparedMember>> byKey = new HashMap<>();

        Decoded(StoredReferral entry) {
            this.entry = entry;
            this.parties = new PreparedMember[entry.parties().size()];
        }

        StoredReferral entry() {
            return entry;
        }

        /**
         * The referral's members under {@code key}, as {@link StoredReferral#membersUnder} gives them, prepared; null
         * when the referral is not under {@code key} (a key of the same hash named it).
         */
        List<PreparedMember> under(String key) {
            List<PreparedMember> members = byKey.get(key);
            if (members == null) {
                members = members(key);
                byKey.put(key, members);
            }
            return members == NOT_UNDER ? null : members;
        }

        private List<PreparedMember> members(String key) {
            List<Integer> at = entry.keys().get(key);
            if (at == null) {
                return NOT_UNDER;
            }
            if (key.startsWith(ReferralBlocking.CRIME)) {
                return List.of(new PreparedMember(StoredReferral.incident(entry.hubReferralId())));
            }
            List<PreparedMember> out = new ArrayList<>(at.size());
            for (int i : at) {
                if (parties[i] == null) {
                    parties[i] = new PreparedMember(entry.parties().get(i));
                }
                out.add(parties[i]);
            }
            return List.copyOf(out);
        }
    }

    /** {@link Decoded}'s mark of a key the referral is not under (a list of its own: an empty list is not it). */
    private static final List<PreparedMember> NOT_UNDER = new ArrayList<>(0);

    /** Stores the referral's entry (deletes it when it is under no key) and indexes it. */
    void put(StoredReferral entry) {
        if (entry.keys().isEmpty()) {
            delete(entry.hubReferralId());
            return;
        }
        store.put(StoredReferral.storeKey(entry.hubReferralId()), entry);
        decoded.put(entry.hubReferralId(), new Decoded(entry));
        index.put(entry.hubReferralId(), entry.keys().keySet(), entry.probedAt());
    }

    /** Deletes the referral's entry (a tombstone in the changelog); the entry it was, or null. */
    StoredReferral delete(String referral) {
        StoredReferral gone = store.delete(StoredReferral.storeKey(referral));
        decoded.remove(referral);
        index.remove(referral);
        return gone;
    }

    /** The referrals a key's hash names: each to be confirmed against its entry ({@link StoredReferral#isUnder}). */
    List<String> candidates(String key) {
        return index.candidates(key);
    }

    boolean isRetired(String key) {
        return index.isRetired(key);
    }

    /** Marks {@code key} retired, and takes it out of the entry of every referral under it. */
    void retire(String key) {
        for (String referral : index.candidates(key)) {
            StoredReferral e = get(referral);
            if (e != null && e.isUnder(key)) {
                put(e.without(key));
            }
        }
        store.put(key + "|", StoredReferral.RETIRED);
        index.retire(key);
    }

    /** The referrals last probed before {@code cutoff}. */
    List<String> probedBefore(long cutoff) {
        return index.probedBefore(cutoff);
    }
}
