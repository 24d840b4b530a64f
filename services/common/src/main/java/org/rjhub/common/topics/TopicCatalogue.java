package org.rjhub.common.topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rjhub.schemas.Contracts;

/**
 * The declarative topic catalogue ({@code deploy/topics.yaml}), read once and immutable.
 * Facilitator queues are declared by short name and become {@code rj.queue.<name>.v1}.
 */
public final class TopicCatalogue {

    private static final String RESOURCE = "/org/rjhub/common/topics/topics.yaml";

    private final Map<String, TopicSpec> topics;
    private final List<String> queues;
    private final int replicationFactor;
    private final int minInsyncReplicas;

    private TopicCatalogue(
            Map<String, TopicSpec> topics, List<String> queues, int replicationFactor, int minInsyncReplicas) {
        this.topics = Collections.unmodifiableMap(topics);
        this.queues = List.copyOf(queues);
        this.replicationFactor = replicationFactor;
        this.minInsyncReplicas = minInsyncReplicas;
    }

    /**
     * The catalogue shipped with the hub, read once per JVM (it cannot change while the JVM runs, and every service's
     * record handlers, one per Kafka Streams task, ask for it).
     */
    public static TopicCatalogue load() {
        return Shipped.CATALOGUE;
    }

    /** Holds the shipped catalogue, read on first use (the class's initialisation is thread-safe). */
    private static final class Shipped {
        static final TopicCatalogue CATALOGUE = read();
    }

    private static TopicCatalogue read() {
        try (InputStream in = TopicCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("topic catalogue " + RESOURCE + " is missing from the classpath");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic catalogue " + RESOURCE, e);
        }
    }

    static TopicCatalogue parse(JsonNode root) {
        JsonNode defaults = root.path("defaults");
        int defaultPartitions = defaults.path("partitions").asInt(6);
        int defaultRetention = defaults.path("retentionDays").asInt(90);
        Map<String, TopicSpec> topics = new LinkedHashMap<>();
        for (JsonNode t : root.path("topics")) {
            add(topics, spec(t, t.path("name").asText(), defaultPartitions, defaultRetention, null));
        }
        List<String> queues = new ArrayList<>();
        JsonNode queueDefaults = root.path("queueDefaults");
        for (JsonNode q : root.path("queues")) {
            String queue = q.path("name").asText();
            queues.add(queue);
            add(topics, spec(q, queueTopic(queue), defaultPartitions, defaultRetention, queueDefaults));
        }
        return new TopicCatalogue(
                topics,
                queues,
                defaults.path("replicationFactor").asInt(3),
                defaults.path("minInsyncReplicas").asInt(2));
    }

    private static void add(Map<String, TopicSpec> topics, TopicSpec spec) {
        if (topics.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalStateException("topic catalogue declares " + spec.name() + " twice");
        }
    }

    private static TopicSpec spec(JsonNode t, String name, int partitions, int retention, JsonNode fallback) {
        JsonNode base = fallback == null ? t : fallback;
        Map<String, String> config = new LinkedHashMap<>();
        t.path("config")
                .properties()
                .forEach(e -> config.put(e.getKey(), e.getValue().asText()));
        String value = t.path("value").asText(base.path("value").asText(""));
        String retentionReason = t.path("retentionReason")
                .asText(base.path("retentionReason").asText(""))
                .trim();
        if (retentionReason.isEmpty()) {
            throw new IllegalStateException("topic catalogue: " + name
                    + " declares no retentionReason (why its data is kept as long as retentionDays says)");
        }
        return new TopicSpec(
                name,
                t.path("owner").asText(base.path("owner").asText("hub")),
                t.path("description").asText(""),
                t.path("partitions").asInt(base.path("partitions").asInt(partitions)),
                "compact".equals(t.path("cleanup").asText(base.path("cleanup").asText("delete"))),
                t.path("retentionDays").asInt(base.path("retentionDays").asInt(retention)),
                value.isEmpty() ? Optional.empty() : Optional.of(value),
                config,
                t.has("limits") ? Optional.of(TopicLimits.parse(name, t.path("limits"))) : Optional.empty(),
                retentionReason);
    }

    /** The topic name of a facilitator queue. */
    public static String queueTopic(String queue) {
        return Contracts.queueTopic(queue);
    }

    /** The partitions of every topic, by its real name ({@code naming}: identity in production, a test's prefix). */
    public java.util.Map<String, Integer> partitions(java.util.function.UnaryOperator<String> naming) {
        java.util.Map<String, Integer> partitions = new java.util.HashMap<>();
        all().forEach(t -> partitions.put(naming.apply(t.name()), t.partitions()));
        return partitions;
    }

    public List<TopicSpec> all() {
        return List.copyOf(topics.values());
    }

    public TopicSpec get(String name) {
        TopicSpec spec = topics.get(name);
        if (spec == null) {
            throw new NoSuchElementException("topic " + name + " is not in the catalogue");
        }
        return spec;
    }

    public boolean contains(String name) {
        return topics.containsKey(name);
    }

    /** Short names of the facilitator queues, in catalogue order. */
    public List<String> queues() {
        return queues;
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public int minInsyncReplicas() {
        return minInsyncReplicas;
    }
}
