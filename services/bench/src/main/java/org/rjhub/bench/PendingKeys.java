package org.rjhub.bench;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The referrals a wait is for that have not been acknowledged yet, kept up to date by the thread that sees the
 * acknowledgements ({@link #seen}), so the waiting thread reads how many are missing without looking at every key.
 *
 * <p>Looking at every key each time (50,000 lookups every 20 ms over a 50,000-referral backlog) cost the bench's main
 * thread about as much CPU as the router's stream thread it was measuring, on the same two cores.
 */
final class PendingKeys {

    private final Set<String> pending;

    /** @param keys the referrals waited for, all pending until {@link #seen} or {@link #removeSeen} */
    PendingKeys(Collection<String> keys) {
        pending = ConcurrentHashMap.newKeySet(keys.size());
        pending.addAll(keys);
    }

    /**
     * Takes out the keys already acknowledged in {@code visible} (the concurrent map the watcher adds to). Called once
     * the watcher can see this wait: a key the watcher put before it could is taken out here, one after it by the
     * watcher's {@link #seen}.
     */
    void removeSeen(Map<String, ?> visible) {
        pending.removeIf(visible::containsKey);
    }

    /** The watcher saw the first acknowledgement of {@code key} (one not waited for changes nothing). */
    void seen(String key) {
        pending.remove(key);
    }

    int missing() {
        return pending.size();
    }
}
