package org.rjhub.common.privacy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many key tombstones ({@code hub erase}) a service's global store {@link DataKeyStore#STORE} has applied, counted
 * after each is applied: a reader that keeps what it opened with a key can keep it while the count stands still, and
 * must ask the store again once it moves. One per topology (its global store), read by any of its stream threads.
 */
public final class KeyTombstones {

    private final AtomicLong applied = new AtomicLong();

    /** A tombstone was applied to the store: told by its updater, after applying it (or by a test standing in). */
    public void applied() {
        applied.incrementAndGet();
    }

    /** Tombstones applied so far. */
    public long count() {
        return applied.get();
    }
}
