package org.rjhub.lagmonitor.offsets;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.lagmonitor.LagMonitorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads groups and offsets with the Admin client: {@code ListGroups}, {@code OffsetFetch} and {@code ListOffsets}
 * (latest, read-uncommitted: the log-end offset {@code kafka-consumer-groups.sh --describe} also uses).
 */
public final class AdminOffsetSource implements OffsetSource {

    private static final Logger LOG = LoggerFactory.getLogger(AdminOffsetSource.class);

    private final Admin admin;
    private final Duration timeout;

    public AdminOffsetSource(Properties adminProperties, Duration timeout) {
        this.admin = KafkaClients.forCluster(adminProperties).admin();
        this.timeout = timeout;
    }

    @Override
    public List<ConsumerGroup> groups() {
        return await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all(), "list consumer groups").stream()
                .map(g -> new ConsumerGroup(
                        g.groupId(), g.groupState().map(Object::toString).orElse("Unknown")))
                .toList();
    }

    @Override
    public Map<String, Map<TopicPartition, Long>> committedOffsets(Collection<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
        groupIds.forEach(g -> specs.put(g, new ListConsumerGroupOffsetsSpec()));
        ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(specs);
        Map<String, Map<TopicPartition, Long>> committed = new LinkedHashMap<>();
        for (String group : groupIds) {
            try {
                Map<TopicPartition, Long> offsets = new HashMap<>();
                awaitOrThrow(result.partitionsToOffsetAndMetadata(group), "fetch committed offsets of " + group)
                        .forEach((tp, om) -> {
                            if (om != null && om.offset() >= 0) {
                                offsets.put(tp, om.offset());
                            }
                        });
                committed.put(group, offsets);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw LagMonitorException.of("fetch committed offsets of group " + group, e.getCause());
                }
                LOG.debug("Group {} vanished between listing and fetching its offsets", group);
            }
        }
        return committed;
    }

    @Override
    public Map<TopicPartition, Long> logEndOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(tp -> specs.put(tp, OffsetSpec.latest()));
        ListOffsetsResult result = admin.listOffsets(specs, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED));
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (TopicPartition tp : partitions) {
            try {
                ends.put(
                        tp,
                        awaitOrThrow(result.partitionResult(tp), "list the log-end offset of " + tp)
                                .offset());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw LagMonitorException.of("list the log-end offset of " + tp, e.getCause());
                }
                LOG.debug("Partition {} is gone; its committed offsets are left out", tp);
            }
        }
        return ends;
    }

    private <T> T await(KafkaFuture<T> future, String what) {
        try {
            return awaitOrThrow(future, what);
        } catch (ExecutionException e) {
            throw LagMonitorException.of(what, e.getCause());
        }
    }

    /** Waits for the future; a failure of the request itself comes back as the ExecutionException. */
    private <T> T awaitOrThrow(KafkaFuture<T> future, String what) throws ExecutionException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LagMonitorException.of(what, e);
        } catch (TimeoutException e) {
            throw LagMonitorException.of(what + " within " + timeout, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ZERO); // read-only: no call in flight is worth waiting for
    }
}
