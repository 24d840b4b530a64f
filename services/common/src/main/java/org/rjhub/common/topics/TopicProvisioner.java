package org.rjhub.common.topics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.rjhub.common.streams.InternalTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the catalogue's topics that do not exist yet and checks the ones that do. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;

    public TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates every topic of the catalogue, named through {@code naming} (identity in production,
     * a per-test prefix in tests).
     *
     * @param replicationFactor   replication factor (the catalogue's, or 1 on a single local broker)
     * @param minInsyncReplicas   topic-level min.insync.replicas
     * @return the names created now (existing ones are left as they are)
     */
    public List<String> provision(
            TopicCatalogue catalogue, UnaryOperator<String> naming, short replicationFactor, int minInsyncReplicas)
            throws InterruptedException {
        List<NewTopic> wanted = new ArrayList<>();
        for (TopicSpec spec : catalogue.all()) {
            wanted.add(new NewTopic(naming.apply(spec.name()), spec.partitions(), replicationFactor)
                    .configs(spec.topicConfig(minInsyncReplicas)));
        }
        List<String> created = createMissing(wanted);
        checkPartitions(catalogue, naming, created);
        LOG.info("Topic catalogue in place: {} topics, {} created now", wanted.size(), created.size());
        return created;
    }

    /**
     * Creates a Kafka Streams application's internal topics ahead ({@link InternalTopics}), so the application
     * needs no Create right; existing ones are left as they are (Kafka Streams checks their partitions).
     *
     * @return the names created now
     */
    public List<String> provisionInternal(List<InternalTopics.InternalTopic> topics, short replicationFactor)
            throws InterruptedException {
        List<NewTopic> wanted = new ArrayList<>();
        for (InternalTopics.InternalTopic t : topics) {
            wanted.add(new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.config()));
        }
        List<String> created = createMissing(wanted);
        LOG.info("Internal topics in place: {} topics, {} created now", wanted.size(), created.size());
        return created;
    }

    private List<String> createMissing(List<NewTopic> wanted) throws InterruptedException {
        List<String> created = new ArrayList<>();
        var results = admin.createTopics(wanted).values();
        for (var entry : results.entrySet()) {
            try {
                entry.getValue().get();
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                }
            }
        }
        return created;
    }

    /** Warns about topics that existed before with fewer partitions than declared (new ones are as declared). */
    private void checkPartitions(TopicCatalogue catalogue, UnaryOperator<String> naming, List<String> created)
            throws InterruptedException {
        Set<String> names = new java.util.TreeSet<>();
        catalogue.all().forEach(s -> names.add(naming.apply(s.name())));
        names.removeAll(created);
        if (names.isEmpty()) {
            return;
        }
        try {
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get();
            for (TopicSpec spec : catalogue.all()) {
                if (!described.containsKey(naming.apply(spec.name()))) {
                    continue;
                }
                int actual =
                        described.get(naming.apply(spec.name())).partitions().size();
                if (actual < spec.partitions()) {
                    LOG.warn(
                            "Topic {} has {} partitions, the catalogue asks for {}; grow it with kafka-topics --alter",
                            naming.apply(spec.name()),
                            actual,
                            spec.partitions());
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the catalogue's topics", e.getCause());
        }
    }
}
