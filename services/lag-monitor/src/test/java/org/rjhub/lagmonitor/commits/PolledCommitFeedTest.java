package org.rjhub.lagmonitor.commits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PolledCommitFeedTest {

    private static final Instant T1 = Instant.parse("2026-11-02T09:00:00Z");
    private static final Instant T2 = T1.plusSeconds(10);
    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);

    @Test
    void shouldReportTheFirstOffsetsAndThenOnlyChanges() {
        // Given a feed that saw offsets 5 and 7
        PolledCommitFeed feed = new PolledCommitFeed();
        var first = feed.poll(Map.of("g", Map.of(P0, 5L, P1, 7L)), T1);

        // When the next poll shows P0 moved and P1 did not
        var second = feed.poll(Map.of("g", Map.of(P0, 9L, P1, 7L)), T2);

        // Then the first poll reports both, the second only the change, at the poll's time
        assertThat(first)
                .containsExactlyInAnyOrder(
                        new CommitEvent.Committed("g", P0, 5, T1), new CommitEvent.Committed("g", P1, 7, T1));
        assertThat(second).containsExactly(new CommitEvent.Committed("g", P0, 9, T2));
    }

    @Test
    void shouldReportDeletionsOfPartitionsAndGroupsThatAreGone() {
        // Given two groups
        PolledCommitFeed feed = new PolledCommitFeed();
        feed.poll(Map.of("g", Map.of(P0, 5L, P1, 7L), "h", Map.of(P0, 1L)), T1);

        // When g lost P1 and h is gone
        var events = feed.poll(Map.of("g", Map.of(P0, 5L)), T2);

        // Then
        assertThat(events)
                .containsExactlyInAnyOrder(new CommitEvent.Deleted("g", P1), new CommitEvent.Deleted("h", P0));
    }
}
