package org.rjhub.common.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.internals.InternalTopicConfig;
import org.apache.kafka.streams.processor.internals.InternalTopologyBuilder;

/**
 * The internal topics (repartition and changelog) a Kafka Streams application of {@code topology} needs, named,
 * sized and configured as Kafka Streams would create them itself, so that provisioning creates them ahead and the
 * service needs no Create right on the cluster. Kafka Streams finds them in place, checks their partition counts
 * (a wrong count stops it: "Existing internal topic ... has invalid partitions") and creates nothing.
 *
 * <p>The public {@link org.apache.kafka.streams.TopologyDescription} names the stores and repartition topics, but not
 * a partition count set with {@code Repartitioned.withNumberOfPartitions}, nor which stores keep a changelog; so this
 * reads the topology's internal builder, which Kafka Streams' own {@code InternalTopicManager} works from (its topic
 * configs, e.g. {@code cleanup.policy=compact} for a changelog; {@code cleanup.policy=delete},
 * {@code retention.ms=-1} and {@code segment.bytes=52428800} for a repartition topic). Partition counts follow the
 * assignor's rules: an explicit count, else the largest of the writing sub-topologies' source topics (repeated
 * through chains of repartitions); copartitioned groups get one count; a changelog has as many partitions as its
 * sub-topology has tasks, the largest of its source topics.
 */
public final class InternalTopics {

    /** Kafka Streams' default {@code windowstore.changelog.additional.retention.ms} (one day). */
    private static final long WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS = 24 * 60 * 60 * 1000L;

    /**
     * One internal topic.
     *
     * @param name       its full name, {@code <application.id>-<name>-repartition} or {@code -changelog}
     * @param partitions its partitions
     * @param config     its topic configs, as Kafka Streams sets them
     */
    public record InternalTopic(String name, int partitions, Map<String, String> config) {
        public InternalTopic {
            config = Map.copyOf(config);
        }

        /** True for a repartition topic, false for a changelog. */
        public boolean repartition() {
            return name.endsWith("-repartition");
        }
    }

    private InternalTopics() {}

    /**
     * The internal topics of {@code topology} run as {@code applicationId}.
     *
     * @param topology         the service's topology (built for this purpose: its builder is given the application id)
     * @param applicationId    the application id the service runs with
     * @param sourcePartitions partitions of each (non-internal) topic the topology reads, by its real name
     * @return the topics, sorted by name
     * @throws IllegalArgumentException if a source topic's partitions are unknown, or copartitioned topics disagree
     */
    public static List<InternalTopic> of(
            Topology topology, String applicationId, Map<String, Integer> sourcePartitions) {
        InternalTopologyBuilder builder = builderOf(topology);
        builder.setApplicationId(applicationId);
        builder.buildTopology(); // as KafkaStreams does: this names each logged store's changelog
        Collection<InternalTopologyBuilder.TopicsInfo> subtopologies =
                builder.subtopologyToTopicsInfo().values();
        Map<String, InternalTopicConfig> repartitions = new TreeMap<>();
        subtopologies.forEach(info -> repartitions.putAll(info.repartitionSourceTopics));

        Map<String, Integer> partitions = new HashMap<>(sourcePartitions);
        repartitions.forEach((name, config) -> config.numberOfPartitions().ifPresent(n -> partitions.put(name, n)));
        boolean progress = true;
        while (progress) {
            progress = false;
            for (String name : repartitions.keySet()) {
                if (partitions.containsKey(name)) {
                    continue;
                }
                Integer max = maxOfWriters(name, subtopologies, repartitions, partitions);
                if (max != null) {
                    partitions.put(name, max);
                    progress = true;
                }
            }
        }
        for (String name : repartitions.keySet()) {
            if (!partitions.containsKey(name)) {
                throw new IllegalArgumentException(
                        "cannot size " + name + ": its writers read topics of unknown partitions " + sourcePartitions);
            }
        }
        copartition(builder.copartitionGroups(), repartitions, partitions);

        List<InternalTopic> topics = new ArrayList<>();
        Map<String, String> noOverrides = Map.of();
        repartitions.forEach((name, config) -> topics.add(new InternalTopic(
                name, partitions.get(name), config.properties(noOverrides, WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS))));
        for (InternalTopologyBuilder.TopicsInfo info : subtopologies) {
            int tasks = info.sourceTopics.stream()
                    .mapToInt(t -> partitionsOf(t, partitions))
                    .max()
                    .orElseThrow();
            for (InternalTopicConfig changelog : info.nonSourceChangelogTopics()) {
                topics.add(new InternalTopic(
                        changelog.name(),
                        tasks,
                        changelog.properties(noOverrides, WINDOW_CHANGELOG_ADDITIONAL_RETENTION_MS)));
            }
        }
        topics.sort(Comparator.comparing(InternalTopic::name));
        return List.copyOf(topics);
    }

    /**
     * The largest partition count among the sources of the sub-topologies writing {@code topic}, as Kafka Streams'
     * assignor computes it: a repartition topic not sized yet is skipped (a sub-topology may read what it writes);
     * null while no candidate is known.
     */
    private static Integer maxOfWriters(
            String topic,
            Collection<InternalTopologyBuilder.TopicsInfo> subtopologies,
            Map<String, InternalTopicConfig> repartitions,
            Map<String, Integer> known) {
        int max = 0;
        for (InternalTopologyBuilder.TopicsInfo info : subtopologies) {
            if (!info.sinkTopics.contains(topic)) {
                continue;
            }
            for (String source : info.sourceTopics) {
                Integer n =
                        repartitions.containsKey(source) ? known.get(source) : (Integer) partitionsOf(source, known);
                if (n != null) {
                    max = Math.max(max, n);
                }
            }
        }
        return max == 0 ? null : max;
    }

    /**
     * Kafka Streams' copartitioning: the topics of a group (e.g. the two sides of a join) have one partition count,
     * the external topics' (which must agree), or else the largest of the group's repartition topics.
     */
    private static void copartition(
            Collection<Set<String>> groups, Map<String, InternalTopicConfig> repartitions, Map<String, Integer> sizes) {
        for (Set<String> group : groups) {
            List<String> external =
                    group.stream().filter(t -> !repartitions.containsKey(t)).toList();
            Set<Integer> externalCounts = new java.util.TreeSet<>();
            external.forEach(t -> externalCounts.add(partitionsOf(t, sizes)));
            if (externalCounts.size() > 1) {
                throw new IllegalArgumentException("copartitioned topics " + external + " have different partitions");
            }
            int count = externalCounts.isEmpty()
                    ? group.stream().mapToInt(t -> sizes.get(t)).max().orElseThrow()
                    : externalCounts.iterator().next();
            for (String t : group) {
                InternalTopicConfig config = repartitions.get(t);
                if (config != null) {
                    if (config.hasEnforcedNumberOfPartitions() && sizes.get(t) != count) {
                        throw new IllegalArgumentException(
                                t + " has " + sizes.get(t) + " partitions, copartitioned with " + count);
                    }
                    sizes.put(t, count);
                }
            }
        }
    }

    private static int partitionsOf(String topic, Map<String, Integer> sizes) {
        Integer n = sizes.get(topic);
        if (n == null) {
            throw new IllegalArgumentException("partitions of " + topic + " are unknown");
        }
        return n;
    }

    /** The builder behind a topology (a protected field of Kafka Streams' {@link Topology}). */
    private static InternalTopologyBuilder builderOf(Topology topology) {
        try {
            var field = Topology.class.getDeclaredField("internalTopologyBuilder");
            field.setAccessible(true);
            return (InternalTopologyBuilder) field.get(topology);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Kafka Streams version keeps its topology builder elsewhere", e);
        }
    }
}
