package org.rjhub.router.linkage;

import java.time.Duration;
import java.util.Set;

/**
 * The declared retention of the blocking store ({@link BlockingProcessor#STORE}): a referral whose probe has not come
 * for {@code rj.referral.versions.retention.days} (by the wall clock; a new version or an amendment probes again) has
 * its entry deleted, which writes a tombstone to the changelog, so a later referral is never compared with its people.
 * When it was last probed is in its entry ({@link StoredReferral#probedAt}), and in the task's index in memory, so the
 * sweep reads no store.
 *
 * <p>{@link #STORE} is the earlier layout's record of each referral's last probe and member entries: read once, when
 * a task converts those entries ({@link BlockMembers#load}), its records deleted then; nothing is written to it.
 */
public final class BlockRetention {

    /** The earlier layout's retention store: when each referral was last probed, and the member entries it wrote. */
    public static final String STORE = "linkage-referrals-seen";

    /**
     * @param at      wall-clock milliseconds of the referral's last probe on this shard
     * @param members the keys of the member entries it wrote ({@code <blocking key>|<referral>#<party>})
     */
    public record Seen(long at, Set<String> members) {}

    private final BlockMembers members;
    private final Duration retention;

    BlockRetention(BlockMembers members, Duration retention) {
        this.members = members;
        this.retention = retention;
    }

    /** Deletes the entry of every referral last probed before {@code now} less the retention. */
    void sweep(long now) {
        members.probedBefore(now - retention.toMillis()).forEach(members::delete);
    }
}
