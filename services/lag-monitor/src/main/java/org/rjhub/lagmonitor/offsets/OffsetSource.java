package org.rjhub.lagmonitor.offsets;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Where groups, committed offsets and log-end offsets are read. One poller calls it. */
public interface OffsetSource extends AutoCloseable {

    /** The consumer groups of the cluster (classic and consumer protocol). */
    List<ConsumerGroup> groups();

    /**
     * The committed offsets of each group, per partition. A group that vanished since {@link #groups()} is left out,
     * as is a partition without a committed offset.
     */
    Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groupIds);

    /** The log-end offsets (high watermarks) of the partitions; a partition whose topic is gone is left out. */
    Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions);

    @Override
    void close();
}
