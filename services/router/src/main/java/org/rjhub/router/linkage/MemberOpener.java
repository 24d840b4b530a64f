package org.rjhub.router.linkage;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.KeyTombstones;
import org.rjhub.common.privacy.MasterKey;

/**
 * Opens a blocking shard's sealed parties ({@link SealedLinkage}) with the data keys of {@code rj.data-keys.v1}, as the
 * router's global store {@link DataKeyStore#STORE} holds them, in memory only: a task keeps the parties it opened and
 * the keys it unwrapped in bounded caches (clear text in memory, never on disk). A party it has opened is used again
 * without asking the global store while the store has applied no tombstone since ({@link KeyTombstones}); once it has,
 * the task forgets every party it opened at its next probe and asks the store again about each party it meets, so
 * that a key's tombstone ({@code hub erase}) takes effect from the next probe. (Asking the store about every party met,
 * as it did, was 11% of the stream thread over a history of 30,000 referrals: a search of the in-memory store's sorted
 * keys for each.)
 *
 * <p>A party is {@link State#GONE} when its key's tombstone was read (the store's erased mark), or when its key is
 * nowhere to be read and the party was stored longer ago than a key takes to be read ({@link DataKeyStore#IN_FLIGHT}:
 * the store is rebuilt at each start, so a tombstone read then leaves no mark). It is {@link State#AWAITED} when its key
 * is not read yet and it is younger than that (a task moved to an instance whose global store lags): not compared this
 * time, kept. The probe being compared carries its own key ({@link BlockProbe#wrappedKey}), which the opener remembers
 * for a while, so a referral's parties open at once, before the global store has read its key. An unwrapped key and
 * the parties opened with it are forgotten {@link #KEPT} after it was unwrapped ({@link #forget}, every {@link
 * #FORGET_EVERY} by wall-clock time), so an erased key no probe asks about again does not stay in memory.
 */
final class MemberOpener {

    /** What became of a stored party. */
    enum State {
        OPEN,
        AWAITED,
        GONE
    }

    /** A party opened (ready to compare), or why not. */
    record Opened(State state, PreparedMember party) {

        /** The party in clear, or null when it is not open. */
        BlockProbe.Member member() {
            return party == null ? null : party.member();
        }
    }

    /** Opened parties kept per task (clear text in memory): at most this many, the least recently used forgotten. */
    static final int MEMBERS_CACHED = 20_000;

    /** Unwrapped data keys kept per task. */
    static final int KEYS_CACHED = 2_000;

    /**
     * How long an unwrapped key, and the parties opened with it, are kept: forgotten this long after the key was
     * unwrapped ({@link #forget}), asked for again or not, so that an erased key that no probe asks about again leaves
     * the task's memory within this bound rather than at the next restart.
     */
    static final Duration KEPT = Duration.ofMinutes(10);

    /** How often the task forgets what it has kept longer than {@link #KEPT} (wall-clock punctuation). */
    static final Duration FORGET_EVERY = Duration.ofMinutes(1);

    /** Keys carried by recent probes, until the global store has read them. */
    static final int RECENT_KEYS = 10_000;

    private static final Opened GONE = new Opened(State.GONE, null);
    private static final Opened AWAITED = new Opened(State.AWAITED, null);

    private final DataKeys dataKeys;
    private final Function<String, byte[]> keyStore;
    private final LongSupplier tombstones;
    /** The tombstones the store had applied when {@link #opened} was last known good. */
    private long tombstonesSeen;

    private final Map<String, PreparedMember> opened = SealedLinkage.lru(MEMBERS_CACHED, (k, v) -> {});
    /** The keys unwrapped into {@link #dataKeys}, each with when it was (wall clock, ms). */
    private final Map<String, Long> unwrapped;

    private final Map<String, byte[]> recent = SealedLinkage.lru(RECENT_KEYS, (k, v) -> {});

    /**
     * @param keyStore   a key id's value in the global store {@link DataKeyStore#STORE}: null when not there, the
     *                   erased mark when its tombstone was read
     * @param tombstones how many tombstones the global store has applied ({@link KeyTombstones#count})
     */
    MemberOpener(MasterKey master, Function<String, byte[]> keyStore, LongSupplier tombstones) {
        this.dataKeys = new DataKeys(master);
        this.keyStore = keyStore;
        this.tombstones = tombstones;
        this.tombstonesSeen = tombstones.getAsLong();
        this.unwrapped = SealedLinkage.lru(KEYS_CACHED, (id, x) -> dataKeys.remove(id));
    }

    /**
     * Starts a probe: remembers the key it carries, for its own parties and for the global store's lag, and, when the
     * global store has applied a tombstone since the last probe, forgets every party opened, so that the tombstone
     * takes effect from this probe.
     */
    void learn(BlockProbe probe) {
        long applied = tombstones.getAsLong();
        if (applied != tombstonesSeen) {
            opened.clear(); // a key may have been erased: each party is asked about again
            tombstonesSeen = applied;
        }
        if (probe.dataKeyId() != null && probe.wrappedKey() != null) {
            recent.put(probe.dataKeyId(), Base64.getDecoder().decode(probe.wrappedKey()));
        }
    }

    /** {@code member} in clear: itself when it is not sealed; opened; or why it cannot be, at wall-clock {@code now}. */
    Opened open(PreparedMember member, long now) {
        return member.member().hasSealedFields() ? open(member.member(), now) : new Opened(State.OPEN, member);
    }

    /** {@code member} in clear: as it is when it is not sealed; opened; or why it cannot be, at wall-clock {@code now}. */
    Opened open(BlockProbe.Member member, long now) {
        if (!member.hasSealedFields()) {
            return new Opened(State.OPEN, new PreparedMember(member));
        }
        String id = member.dataKeyId();
        String cacheKey = id + "#" + member.partyIndex();
        // opened before (in this probe, under another key, or an earlier one), and no tombstone applied since (learn)
        PreparedMember seen = opened.get(cacheKey);
        if (seen != null) {
            return new Opened(State.OPEN, seen);
        }
        byte[] stored = keyStore.apply(id);
        byte[] wrapped = DataKeyStore.wrappedKey(stored);
        if (stored != null && wrapped == null) {
            return gone(id); // the key's tombstone was read
        }
        if (wrapped == null) {
            wrapped = recent.get(id);
        }
        if (wrapped == null) {
            return member.storedAt() > 0 && now - member.storedAt() < DataKeyStore.IN_FLIGHT.toMillis()
                    ? AWAITED
                    : gone(id);
        }
        if (unwrapped.get(id) == null) {
            dataKeys.add(id, wrapped);
            unwrapped.put(id, now);
        }
        BlockProbe.Member inClear = SealedLinkage.open(dataKeys, member).orElse(null);
        if (inClear == null) {
            return GONE;
        }
        PreparedMember clear = new PreparedMember(inClear);
        opened.put(cacheKey, clear);
        return new Opened(State.OPEN, clear);
    }

    private Opened gone(String id) {
        recent.remove(id);
        drop(id);
        return GONE;
    }

    /** Forgets every key unwrapped longer than {@link #KEPT} before {@code now}, and the parties opened with it. */
    void forget(long now) {
        List<String> old = unwrapped.entrySet().stream()
                .filter(e -> now - e.getValue() >= KEPT.toMillis())
                .map(Map.Entry::getKey)
                .toList();
        old.forEach(this::drop);
    }

    /** The ids of the data keys held unwrapped in memory now. */
    Set<String> keysInMemory() {
        return dataKeys.ids();
    }

    private void drop(String id) {
        if (unwrapped.remove(id) != null) {
            dataKeys.remove(id);
        }
        opened.keySet().removeIf(k -> k.startsWith(id + "#"));
    }
}
