package org.rjhub.router.linkage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The declared retention of the blocking store ({@link BlockingProcessor#STORE}): a referral whose probe has not come
 * for {@code rj.referral.versions.retention.days} (by the wall clock; a new version or an amendment probes again) has
 * its people deleted from every block they were in, which writes tombstones to the changelog, so a later referral is
 * never compared with them. When the referral was last probed and which member entries it wrote are kept in a store of
 * its own ({@link #STORE}, keyed by hub referral id, no personal data in the value beyond the blocking keys the members
 * are stored under), so the sweep deletes exactly those entries without scanning every block. Members stored before
 * retention existed are dated by the first sweep after a start, so they go one retention after the upgrade.
 */
public final class BlockRetention {

    /** When each referral was last probed on this shard, and the member entries it wrote. */
    public static final String STORE = "linkage-referrals-seen";

    /**
     * @param at      wall-clock milliseconds of the referral's last probe on this shard
     * @param members the keys of the member entries it wrote ({@code <blocking key>|<referral>#<party>})
     */
    public record Seen(long at, Set<String> members) {}

    private final KeyValueStore<String, Seen> seen;
    private final KeyValueStore<String, BlockProbe.Member> members;
    private final Duration retention;
    private boolean dated;

    public BlockRetention(
            KeyValueStore<String, Seen> seen, KeyValueStore<String, BlockProbe.Member> members, Duration retention) {
        this.seen = seen;
        this.members = members;
        this.retention = retention;
    }

    /** The referral was probed at {@code now} and wrote these member entries (earlier ones are kept with them). */
    void touch(String referral, Collection<String> written, long now) {
        Seen before = seen.get(referral);
        Set<String> all = new TreeSet<>(written);
        if (before != null) {
            all.addAll(before.members());
        }
        seen.put(referral, new Seen(now, all));
    }

    /** Deletes every member entry {@code referral} wrote on this shard, and forgets it (its data key was erased). */
    void forget(String referral) {
        Seen s = seen.get(referral);
        if (s == null) {
            return;
        }
        for (String entry : s.members()) {
            BlockProbe.Member m = members.get(entry);
            if (m != null && referral.equals(m.hubReferralId())) {
                members.delete(entry);
            }
        }
        seen.delete(referral);
    }

    /** Deletes the members of every referral last probed before {@code now} less the retention. */
    void sweep(long now) {
        if (!dated) {
            dateUndated(now);
            dated = true;
        }
        long cutoff = now - retention.toMillis();
        List<KeyValue<String, Seen>> expired = new ArrayList<>();
        try (var it = seen.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.at() < cutoff) {
                    expired.add(kv);
                }
            });
        }
        for (KeyValue<String, Seen> kv : expired) {
            forget(kv.key);
        }
    }

    /** Members of referrals this store has no date for (stored before retention existed) are dated {@code now}. */
    private void dateUndated(long now) {
        java.util.Map<String, Set<String>> undated = new java.util.TreeMap<>();
        try (var it = members.all()) {
            it.forEachRemaining(kv -> {
                String referral = kv.value.hubReferralId();
                if (!referral.isEmpty() && seen.get(referral) == null) {
                    undated.computeIfAbsent(referral, r -> new TreeSet<>()).add(kv.key);
                }
            });
        }
        undated.forEach((referral, entries) -> seen.put(referral, new Seen(now, entries)));
    }
}
