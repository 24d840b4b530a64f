package org.rjhub.router.linkage;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends a probe to the partition of its shard. The blocking topic has exactly as many partitions
 * as there are shards (or one, which holds every key, as in {@code TopologyTestDriver}); any other
 * count means the topic was not made by this configuration, and sending anyway would put blocking
 * keys where their members are not, so it fails loudly.
 */
public final class ShardPartitioner implements StreamPartitioner<String, BlockProbe> {

    private final int shards;

    public ShardPartitioner(int shards) {
        this.shards = shards;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String key, BlockProbe value, int numPartitions) {
        if (numPartitions != shards && numPartitions != 1) {
            throw new IllegalStateException(topic + " has " + numPartitions + " partitions but the router is "
                    + "configured for " + shards + " linkage shards (rj.linkage.shards)");
        }
        return Optional.of(Set.of(value.shard() % numPartitions));
    }
}
