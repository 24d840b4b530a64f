package org.rjhub.lagmonitor;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.rjhub.lagmonitor.status.GroupStatus;

/**
 * One consumer group: its partitions, sorted by topic and partition, and its overall status.
 *
 * @param group      the group id
 * @param state      the coordinator's state of the group ({@code Stable}, {@code Empty}, ...)
 * @param status     the worst partition status, STOP, STALL and REWIND counting as ERR
 * @param partitions the partitions the group has committed offsets for
 */
public record GroupLag(String group, String state, GroupStatus status, List<PartitionLag> partitions) {

    public GroupLag {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(status, "status");
        partitions = partitions.stream()
                .sorted(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition))
                .toList();
    }

    public long totalLag() {
        return partitions.stream().mapToLong(PartitionLag::lag).sum();
    }

    /** The summed lag of each topic, by topic name. */
    public Map<String, Long> lagByTopic() {
        Map<String, Long> sums = new TreeMap<>();
        partitions.forEach(p -> sums.merge(p.topic(), p.lag(), Long::sum));
        return sums;
    }

    public Optional<PartitionLag> partition(String topic, int partition) {
        return partitions.stream()
                .filter(p -> p.topic().equals(topic) && p.partition() == partition)
                .findFirst();
    }
}
