package org.rjhub.lagmonitor;

import java.util.Objects;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.status.PartitionVerdict;
import org.rjhub.lagmonitor.timelag.TimeLag;

/**
 * How far one group is behind on one partition.
 *
 * @param topic           the topic
 * @param partition       the partition
 * @param committedOffset the group's committed offset (the next record it will read)
 * @param logEndOffset    the partition's log-end offset (high watermark)
 * @param lag             {@code logEndOffset - committedOffset}, never negative
 * @param timeLag         the lag in seconds
 * @param verdict         the Burrow status, its reason and evidence
 */
public record PartitionLag(
        String topic,
        int partition,
        long committedOffset,
        long logEndOffset,
        long lag,
        TimeLag timeLag,
        PartitionVerdict verdict) {

    public PartitionLag {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timeLag, "timeLag");
        Objects.requireNonNull(verdict, "verdict");
        if (lag < 0) {
            throw new IllegalArgumentException("lag is never negative, was " + lag);
        }
    }

    public PartitionStatus status() {
        return verdict.status();
    }
}
