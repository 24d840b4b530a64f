package org.rjhub.lagmonitor.commits;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Commits derived from the committed offsets polled with the Admin client, for clusters where
 * {@code __consumer_offsets} may not be read: the first offset seen, and every change, becomes a commit at the poll's
 * time. A consumer re-committing the same offset is invisible here, so STALL shows as STOP.
 */
public final class PolledCommitFeed implements CommitFeed {

    private final Map<String, Map<TopicPartition, Long>> previous = new HashMap<>();

    @Override
    public List<CommitEvent> poll(Map<String, Map<TopicPartition, Long>> committedNow, Instant now) {
        List<CommitEvent> events = new ArrayList<>();
        committedNow.forEach((group, offsets) -> {
            Map<TopicPartition, Long> before = previous.getOrDefault(group, Map.of());
            offsets.forEach((tp, offset) -> {
                if (!offset.equals(before.get(tp))) {
                    events.add(new CommitEvent.Committed(group, tp, offset, now));
                }
            });
            before.keySet().stream()
                    .filter(tp -> !offsets.containsKey(tp))
                    .forEach(tp -> events.add(new CommitEvent.Deleted(group, tp)));
        });
        previous.keySet().stream()
                .filter(g -> !committedNow.containsKey(g))
                .forEach(g -> previous.get(g).keySet().forEach(tp -> events.add(new CommitEvent.Deleted(g, tp))));
        previous.clear();
        committedNow.forEach((group, offsets) -> previous.put(group, Map.copyOf(offsets)));
        return events;
    }

    @Override
    public void close() {
        // nothing held
    }
}
