package org.rjhub.lagmonitor.status;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One offset commit in a partition's window.
 *
 * @param offset    the committed offset
 * @param timestamp when it was committed (the broker's commit timestamp)
 * @param lag       the offset lag at that moment: log-end offset known then minus the committed offset, never
 *                  negative; empty when no log-end offset was known yet (commits replayed at start-up)
 */
public record WindowEntry(long offset, Instant timestamp, OptionalLong lag) {

    public WindowEntry {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(lag, "lag");
        if (lag.isPresent() && lag.getAsLong() < 0) {
            throw new IllegalArgumentException("lag is never negative, was " + lag.getAsLong());
        }
    }

    public static WindowEntry of(long offset, Instant timestamp, long lag) {
        return new WindowEntry(offset, timestamp, OptionalLong.of(lag));
    }

    public static WindowEntry withUnknownLag(long offset, Instant timestamp) {
        return new WindowEntry(offset, timestamp, OptionalLong.empty());
    }
}
