package org.rjhub.lagmonitor.commits;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Where the offset commits of the Burrow windows come from. One poller calls it; not thread-safe. */
public interface CommitFeed extends AutoCloseable {

    /**
     * The commits made since the previous call, in commit order for each group and partition.
     *
     * @param committedNow the committed offsets the Admin client just returned, per group
     * @param now          the moment of this poll
     */
    List<CommitEvent> poll(Map<String, Map<TopicPartition, Long>> committedNow, Instant now);

    @Override
    void close();
}
