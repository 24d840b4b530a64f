package org.rjhub.router.graph;

import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The case graph's clock: the time its writes are stamped with, later than every stamp it gave before (a Lamport clock
 * in milliseconds). A message's own time cannot order the items: referrals arrive from three agencies' topics, not in
 * the order of their timestamps, so a case merged later could carry an earlier time than the case it absorbed. The
 * case service decides which case holds a referral by the items' times ({@code createdAt}), so they must follow the
 * order the graph decided in. The partitioned graph stamps the messages it sends with it, so a referral's items stay
 * ordered across owners too.
 *
 * <p>The clock runs in memory; its store (changelogged, exactly once) holds a reservation: a time at or after every
 * stamp given, written only when a stamp passes it, then {@link #RESERVATION_MS} ahead of that stamp. A restarted task
 * goes on from the reservation, so it never stamps at or before anything committed (a reservation is written in the
 * transaction of the step whose stamp passed the one before); the store takes about one write per second of stamps
 * instead of one per step. A stored value of the earlier release (the last stamp itself) reads as a reservation.
 */
public final class GraphClock {

    /** The store: one entry per task. */
    public static final String STORE = "graph-clock";

    /** How far ahead of a stamp the reservation is written: at most the jump of a restarted task's stamps. */
    static final long RESERVATION_MS = 1_000;

    private static final String KEY = "clock";

    private final KeyValueStore<String, Long> store;
    /** The last stamp given, once the store has been read. */
    private Long last;
    /** The reservation stored: every stamp given is at or before it. */
    private long reserved;

    public GraphClock(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    /** The stamp for a message of time {@code timestamp}: that time, or just after the last stamp if not later. */
    public Instant tick(long timestamp) {
        if (last == null) {
            Long stored = store.get(KEY);
            reserved = stored == null ? Long.MIN_VALUE : stored;
            last = stored;
        }
        long stamp = last == null ? timestamp : Math.max(timestamp, last + 1);
        if (stamp > reserved) {
            reserved = stamp + RESERVATION_MS;
            store.put(KEY, reserved);
        }
        last = stamp;
        return Instant.ofEpochMilli(stamp);
    }
}
