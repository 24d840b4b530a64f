package org.rjhub.router.graph;

import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The case graph's clock: the time its writes are stamped with, later than every stamp it gave before (a Lamport clock
 * in milliseconds). A message's own time cannot order the items: referrals arrive from three agencies' topics, not in
 * the order of their timestamps, so a case merged later could carry an earlier time than the case it absorbed. The
 * case service decides which case holds a referral by the items' times ({@code createdAt}), so they must follow the
 * order the graph decided in. Kept in a store (changelogged, exactly once), so a restarted task goes on from it; the
 * partitioned graph stamps the messages it sends with it, so a referral's items stay ordered across owners too.
 */
public final class GraphClock {

    /** The store: one entry per task. */
    public static final String STORE = "graph-clock";

    private static final String KEY = "clock";

    private final KeyValueStore<String, Long> store;

    public GraphClock(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** The stamp for a message of time {@code timestamp}: that time, or just after the last stamp if not later. */
    public Instant tick(long timestamp) {
        Long last = store.get(KEY);
        long stamp = last == null ? timestamp : Math.max(timestamp, last + 1);
        store.put(KEY, stamp);
        return Instant.ofEpochMilli(stamp);
    }
}
