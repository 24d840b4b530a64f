package org.rjhub.cli.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rjhub.common.topics.TopicSpec;

/**
 * What it takes to make a cluster's topics those of the catalogue: topics to create, partitions to add, topic
 * settings to change. A pure function of the catalogue and what the cluster has, so that a dry run shows exactly what
 * {@code --execute} does, and a second run finds nothing to do.
 *
 * @param changes what to do, in the catalogue's order
 * @param refused differences that cannot be applied (Kafka cannot take partitions away), to be fixed by hand
 */
public record TopicPlan(List<Change> changes, List<String> refused) {

    /**
     * A topic as the cluster has it.
     *
     * @param partitions its partition count
     * @param config     its effective topic-level settings (whatever their source)
     */
    public record Existing(int partitions, Map<String, String> config) {}

    /** One change to the cluster. */
    public sealed interface Change {
        String topic();

        /** One line for the dry run and the log. */
        String describe();
    }

    /** A topic the cluster does not have. */
    public record Create(String topic, int partitions, short replicationFactor, Map<String, String> config)
            implements Change {
        @Override
        public String describe() {
            return "+ " + topic + ": create, " + partitions + " partitions, replication factor " + replicationFactor
                    + ", " + new TreeMap<>(config);
        }
    }

    /** More partitions than the cluster's topic has (keys then map to other partitions: see the README). */
    public record AddPartitions(String topic, int from, int to) implements Change {
        @Override
        public String describe() {
            return "~ " + topic + ": partitions " + from + " -> " + to;
        }
    }

    /** A topic setting to set to the catalogue's value. */
    public record SetConfig(String topic, String key, String from, String to) implements Change {
        @Override
        public String describe() {
            return "~ " + topic + ": " + key + " " + (from == null ? "(unset)" : from) + " -> " + to;
        }
    }

    public TopicPlan {
        changes = List.copyOf(changes);
        refused = List.copyOf(refused);
    }

    /**
     * The plan for {@code wanted} (topic names as on the cluster) against {@code existing}.
     *
     * @param replicationFactor the replication factor of created topics
     * @param minInsyncReplicas the {@code min.insync.replicas} every topic gets
     */
    public static TopicPlan of(
            List<TopicSpec> wanted, Map<String, Existing> existing, short replicationFactor, int minInsyncReplicas) {
        List<Change> changes = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (TopicSpec spec : wanted) {
            Map<String, String> config = spec.topicConfig(minInsyncReplicas);
            Existing now = existing.get(spec.name());
            if (now == null) {
                changes.add(new Create(spec.name(), spec.partitions(), replicationFactor, config));
                continue;
            }
            if (now.partitions() < spec.partitions()) {
                changes.add(new AddPartitions(spec.name(), now.partitions(), spec.partitions()));
            } else if (now.partitions() > spec.partitions()) {
                refused.add(spec.name() + " has " + now.partitions() + " partitions, the catalogue "
                        + spec.partitions() + ": Kafka cannot remove partitions; raise the catalogue's figure or "
                        + "recreate the topic");
            }
            new TreeMap<>(config).forEach((key, value) -> {
                String current = now.config().get(key);
                if (!Objects.equals(current, value)) {
                    changes.add(new SetConfig(spec.name(), key, current, value));
                }
            });
        }
        return new TopicPlan(changes, refused);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The plan as lines, one per change, then the refusals; {@code "no change"} when there is nothing. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        changes.forEach(c -> lines.add(c.describe()));
        refused.forEach(r -> lines.add("! " + r));
        if (lines.isEmpty()) {
            lines.add("no change: every catalogue topic is on the cluster as declared");
        }
        return lines;
    }

    /** How many topics the plan touches. */
    public long topicsTouched() {
        return changes.stream().map(Change::topic).distinct().count();
    }
}
