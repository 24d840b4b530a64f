package org.rjhub.router.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * A blocking task's block index, in memory: a 64-bit hash of each blocking key to the referrals under it on this shard,
 * each referral a small number (its handle), with when it was last probed, and the keys retired. Rebuilt from the store
 * whenever the task is initialised ({@link BlockMembers#load}); the store holds one entry per referral ({@link
 * StoredReferral}), read with a point {@code get} for each referral a key's hash names. Two keys may share a hash: a
 * referral the index names under a key is under it only if its entry lists the key ({@link StoredReferral#isUnder}).
 *
 * <p>Lean for long histories: a hash to a compact array of handles in one open-addressing table (no object per key
 * beyond its array), per referral its id, the date of its last probe and the hashes of its keys.
 */
final class BlockIndex {

    /** What the index holds, for tests: hash to referrals, referral to its last probe, keys retired. */
    record View(Map<Long, Set<String>> referralsByHash, Map<String, Long> probedAt, Set<String> retired) {}

    private final ToLongFunction<String> hash;
    private final Map<String, Integer> handles = new HashMap<>();
    private final Set<String> retired = new HashSet<>();
    private String[] referrals = new String[64];
    private long[] probedAt = new long[64];
    private long[][] keyHashes = new long[64][];
    private int[] free = new int[16];
    private int freeCount;
    private int nextHandle;

    // open addressing, linear probing: a key's hash to its handles (element 0 the count)
    private long[] slotHash = new long[64];
    private int[][] slotHandles = new int[64][];
    private int slots;

    BlockIndex() {
        this(BlockIndex::hash64);
    }

    /** @param hash a blocking key's 64-bit hash (a test may give one that collides) */
    BlockIndex(ToLongFunction<String> hash) {
        this.hash = hash;
    }

    /** Forgets everything (the task is initialised again, its store restored). */
    void clear() {
        handles.clear();
        retired.clear();
        referrals = new String[64];
        probedAt = new long[64];
        keyHashes = new long[64][];
        freeCount = 0;
        nextHandle = 0;
        slotHash = new long[64];
        slotHandles = new int[64][];
        slots = 0;
    }

    /** The referral is under these keys on this shard, last probed at {@code at}; replaces what was known of it. */
    void put(String referral, Collection<String> keys, long at) {
        Integer h = handles.get(referral);
        long[] before = h == null ? new long[0] : keyHashes[h];
        long[] after = keys.stream().mapToLong(hash).distinct().sorted().toArray();
        int handle = h == null ? allocate(referral) : h;
        for (long old : before) {
            if (Arrays.binarySearch(after, old) < 0) {
                removeFromSlot(old, handle);
            }
        }
        for (long now : after) {
            if (Arrays.binarySearch(before, now) < 0) {
                addToSlot(now, handle);
            }
        }
        keyHashes[handle] = after;
        probedAt[handle] = at;
    }

    /** The referral is no longer on this shard. */
    void remove(String referral) {
        Integer h = handles.remove(referral);
        if (h == null) {
            return;
        }
        for (long old : keyHashes[h]) {
            removeFromSlot(old, h);
        }
        referrals[h] = null;
        keyHashes[h] = null;
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, freeCount * 2);
        }
        free[freeCount++] = h;
    }

    /** The referrals under a key of the same hash as {@code key} (each to be confirmed against its entry). */
    List<String> candidates(String key) {
        int i = find(hash.applyAsLong(key));
        if (i < 0) {
            return List.of();
        }
        int[] hs = slotHandles[i];
        List<String> out = new ArrayList<>(hs[0]);
        for (int k = 1; k <= hs[0]; k++) {
            out.add(referrals[hs[k]]);
        }
        return out;
    }

    void retire(String key) {
        retired.add(key);
    }

    boolean isRetired(String key) {
        return retired.contains(key);
    }

    /** The referrals last probed before {@code cutoff} (wall clock, ms). */
    List<String> probedBefore(long cutoff) {
        List<String> out = new ArrayList<>();
        handles.forEach((referral, h) -> {
            if (probedAt[h] < cutoff) {
                out.add(referral);
            }
        });
        return out;
    }

    View view() {
        Map<Long, Set<String>> byHash = new TreeMap<>();
        for (int i = 0; i < slotHandles.length; i++) {
            int[] hs = slotHandles[i];
            if (hs != null) {
                Set<String> rs = new TreeSet<>();
                for (int k = 1; k <= hs[0]; k++) {
                    rs.add(referrals[hs[k]]);
                }
                byHash.put(slotHash[i], rs);
            }
        }
        Map<String, Long> probed = new TreeMap<>();
        handles.forEach((r, h) -> probed.put(r, probedAt[h]));
        return new View(byHash, probed, new TreeSet<>(retired));
    }

    private int allocate(String referral) {
        int h;
        if (freeCount > 0) {
            h = free[--freeCount];
        } else {
            h = nextHandle++;
            if (h == referrals.length) {
                int n = h * 2;
                referrals = Arrays.copyOf(referrals, n);
                probedAt = Arrays.copyOf(probedAt, n);
                keyHashes = Arrays.copyOf(keyHashes, n);
            }
        }
        referrals[h] = referral;
        keyHashes[h] = new long[0];
        handles.put(referral, h);
        return h;
    }

    private void addToSlot(long keyHash, int handle) {
        int i = find(keyHash);
        if (i < 0) {
            if ((slots + 1) * 4 > slotHash.length * 3) {
                grow();
            }
            i = -1 - find(keyHash);
            slotHash[i] = keyHash;
            slotHandles[i] = new int[] {0, 0, 0};
            slots++;
        }
        int[] hs = slotHandles[i];
        int n = hs[0];
        if (n + 1 == hs.length) {
            hs = Arrays.copyOf(hs, hs.length * 2);
            slotHandles[i] = hs;
        }
        hs[n + 1] = handle;
        hs[0] = n + 1;
    }

    private void removeFromSlot(long keyHash, int handle) {
        int i = find(keyHash);
        if (i < 0) {
            return;
        }
        int[] hs = slotHandles[i];
        int n = hs[0];
        for (int k = 1; k <= n; k++) {
            if (hs[k] == handle) {
                hs[k] = hs[n];
                hs[0] = n - 1;
                break;
            }
        }
        if (hs[0] == 0) {
            deleteSlot(i);
        }
    }

    /** The slot of {@code keyHash}, or {@code -1 - } the empty slot where it would go. */
    private int find(long keyHash) {
        int mask = slotHash.length - 1;
        int i = home(keyHash, mask);
        while (slotHandles[i] != null) {
            if (slotHash[i] == keyHash) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    /** Empties slot {@code i}, moving back later entries of its run so that none is left behind a hole. */
    private void deleteSlot(int i) {
        int mask = slotHash.length - 1;
        slotHandles[i] = null;
        slots--;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (slotHandles[j] == null) {
                return;
            }
            int k = home(slotHash[j], mask);
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                slotHash[i] = slotHash[j];
                slotHandles[i] = slotHandles[j];
                slotHandles[j] = null;
                i = j;
            }
        }
    }

    private void grow() {
        long[] oldHash = slotHash;
        int[][] oldHandles = slotHandles;
        slotHash = new long[oldHash.length * 2];
        slotHandles = new int[oldHash.length * 2][];
        for (int i = 0; i < oldHash.length; i++) {
            if (oldHandles[i] != null) {
                int at = -1 - find(oldHash[i]);
                slotHash[at] = oldHash[i];
                slotHandles[at] = oldHandles[i];
            }
        }
    }

    private static int home(long keyHash, int mask) {
        return (int) (keyHash ^ (keyHash >>> 32)) & mask;
    }

    /** FNV-1a over the key's characters, then MurmurHash3's finaliser. */
    static long hash64(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
