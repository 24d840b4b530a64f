package org.rjhub.lagmonitor.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a partition's status was decided on, so that an operator can check it.
 *
 * @param evaluatedAt         the moment of the evaluation
 * @param currentLag          log-end offset minus committed offset at that moment
 * @param window              the offset commits, oldest first
 * @param recentLogEndOffsets the last log-end offsets polled, oldest first (a stop is not declared while one of
 *                            them shows the consumer was caught up)
 * @param complete            fraction of the window's slots filled
 */
public record Evidence(
        Instant evaluatedAt,
        long currentLag,
        List<WindowEntry> window,
        List<Long> recentLogEndOffsets,
        double complete) {

    public Evidence {
        Objects.requireNonNull(evaluatedAt, "evaluatedAt");
        window = List.copyOf(window);
        recentLogEndOffsets = List.copyOf(recentLogEndOffsets);
    }
}
