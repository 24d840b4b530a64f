package org.rjhub.lagmonitor.commits;

import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/** Something that happened to a group's committed offset on one partition. */
public sealed interface CommitEvent {

    String group();

    TopicPartition partition();

    /** The group committed {@code offset} at {@code timestamp} (the broker's commit timestamp). */
    record Committed(String group, TopicPartition partition, long offset, Instant timestamp) implements CommitEvent {
        public Committed {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(partition, "partition");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    /** The group's offset was deleted (group deleted, offsets expired or removed by an administrator). */
    record Deleted(String group, TopicPartition partition) implements CommitEvent {
        public Deleted {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(partition, "partition");
        }
    }
}
