package org.rjhub.lagmonitor.status;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

/**
 * The last N offset commits of one group on one partition, as Burrow stores them: a commit closer than the minimum
 * distance to the previous one replaces it but keeps the previous timestamp (so a consumer committing more often than
 * that still fills the window over time); otherwise it takes a new slot and, when full, the oldest commit goes.
 * Not thread-safe: one poller owns it.
 */
public final class CommitWindow {

    private final int size;
    private final Duration minDistance;
    private final Deque<WindowEntry> entries;

    public CommitWindow(int size, Duration minDistance) {
        if (size < 1) {
            throw new IllegalArgumentException("a window holds at least one commit, got " + size);
        }
        this.size = size;
        this.minDistance = minDistance;
        this.entries = new ArrayDeque<>(size);
    }

    /** Adds a commit of {@code offset} at {@code timestamp}, with the offset lag at that moment if known. */
    public void add(long offset, Instant timestamp, OptionalLong lag) {
        WindowEntry last = entries.peekLast();
        if (last != null && Duration.between(last.timestamp(), timestamp).compareTo(minDistance) < 0) {
            entries.removeLast();
            entries.addLast(new WindowEntry(offset, last.timestamp(), lag));
            return;
        }
        if (entries.size() == size) {
            entries.removeFirst();
        }
        entries.addLast(new WindowEntry(offset, timestamp, lag));
    }

    /** The commits, oldest first. */
    public List<WindowEntry> entries() {
        return List.copyOf(entries);
    }

    public int size() {
        return size;
    }
}
