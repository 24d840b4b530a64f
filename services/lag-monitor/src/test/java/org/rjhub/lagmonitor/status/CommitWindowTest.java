package org.rjhub.lagmonitor.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CommitWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void shouldKeepOnlyTheLastNCommits() {
        // Given a window of three
        CommitWindow window = new CommitWindow(3, Duration.ZERO);

        // When four commits arrive
        for (int i = 0; i < 4; i++) {
            window.add(10L * i, T0.plusSeconds(i), OptionalLong.of(i));
        }

        // Then the oldest is gone
        assertThat(window.entries()).extracting(WindowEntry::offset).containsExactly(10L, 20L, 30L);
    }

    @Test
    void shouldReplaceACommitCloserThanTheMinimumDistanceButKeepItsTimestamp() {
        // Given a window with a minimum distance of 1 s and a commit at t=0
        CommitWindow window = new CommitWindow(5, Duration.ofSeconds(1));
        window.add(10, T0, OptionalLong.of(3));

        // When another commit arrives 400 ms later
        window.add(12, T0.plusMillis(400), OptionalLong.of(2));

        // Then it replaces the first, keeping the first's time (so frequent commits still fill the window later)
        assertThat(window.entries()).containsExactly(WindowEntry.of(12, T0, 2));

        // And a commit 1 s after that first time takes a new slot
        window.add(14, T0.plusSeconds(1), OptionalLong.of(1));
        assertThat(window.entries()).hasSize(2);
    }
}
