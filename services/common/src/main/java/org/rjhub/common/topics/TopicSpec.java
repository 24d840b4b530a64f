package org.rjhub.common.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One topic of the catalogue: its name and how it is laid out on the cluster.
 *
 * @param name          the topic name, e.g. {@code police.referrals.v1}
 * @param owner         who writes it: an agency name or {@code hub}
 * @param description   what it holds, for the README and operations
 * @param partitions    number of partitions
 * @param compacted     true for {@code cleanup.policy=compact}
 * @param retentionDays days kept, -1 for ever
 * @param valueRecord   full name of the Avro record written as value, empty when not Avro
 * @param config        any further topic-level settings
 * @param limits        the size limits of its records, when the catalogue declares them (the agencies' topics)
 * @param retentionReason why its data is kept as long as {@code retentionDays} says (required by the catalogue)
 */
public record TopicSpec(
        String name,
        String owner,
        String description,
        int partitions,
        boolean compacted,
        int retentionDays,
        Optional<String> valueRecord,
        Map<String, String> config,
        Optional<TopicLimits> limits,
        String retentionReason) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, was " + partitions);
        }
        config = Map.copyOf(config);
        limits = limits == null ? Optional.empty() : limits;
    }

    /** The retention in words, as {@code hub topics} shows it: {@code 90d} or {@code forever}. */
    public String retention() {
        return retentionDays < 0 ? "forever" : retentionDays + "d";
    }

    /** The registry subject of the value, by Confluent's TopicNameStrategy. */
    public String valueSubject() {
        return name + "-value";
    }

    /** The topic-level settings Kafka is given on creation. */
    public Map<String, String> topicConfig(int minInsyncReplicas) {
        Map<String, String> all = new HashMap<>(config);
        all.put("cleanup.policy", compacted ? "compact" : "delete");
        all.put(
                "retention.ms",
                retentionDays < 0
                        ? "-1"
                        : Long.toString(Duration.ofDays(retentionDays).toMillis()));
        all.put("min.insync.replicas", Integer.toString(minInsyncReplicas));
        return all;
    }

    /** The same spec under another name (for per-test namespaces). */
    public TopicSpec renamed(String newName) {
        return new TopicSpec(
                newName,
                owner,
                description,
                partitions,
                compacted,
                retentionDays,
                valueRecord,
                config,
                limits,
                retentionReason);
    }
}
