package org.rjhub.common.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.rjhub.common.streams.InternalTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue's topics that do not exist yet and checks the ones that do.
 *
 * <p>It returns only once the cluster describes every topic it was asked for (a new topic's partitions come into the
 * metadata together): a broker learns of a topic from the controller's metadata log some time after the controller
 * has answered the create (milliseconds on a quiet machine, seconds on a loaded one), and a client that looks in
 * between (a Streams application starting, a consumer assigning the topic's partitions) would see no topic.
 */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    /** How long a created topic may take to be described by the cluster before provisioning fails. */
    public static final Duration VISIBLE_WITHIN = Duration.ofMinutes(2);

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
        awaitDescribed(wanted);
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
        awaitDescribed(wanted);
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

    /**
     * Waits until the cluster describes every topic of {@code wanted}: a new topic's partitions come into the
     * metadata together, and one that existed before is as it is ({@link #checkPartitions} warns if it has fewer).
     */
    private void awaitDescribed(List<NewTopic> wanted) throws InterruptedException {
        Map<String, Integer> any = new TreeMap<>();
        wanted.forEach(t -> any.put(t.name(), 1));
        awaitDescribed(admin, any, VISIBLE_WITHIN);
    }

    /**
     * Waits until the cluster describes every topic named in {@code partitions} with at least that many partitions.
     *
     * @throws IllegalStateException naming a topic still not described so when {@code within} has passed, or with the
     *     cluster's refusal (e.g. no Describe right)
     */
    public static void awaitDescribed(Admin admin, Map<String, Integer> partitions, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long pause = 20;
        Map<String, Integer> pending = new TreeMap<>(partitions);
        while (!pending.isEmpty()) {
            for (var entry :
                    admin.describeTopics(pending.keySet()).topicNameValues().entrySet()) {
                try {
                    if (entry.getValue().get().partitions().size() >= pending.get(entry.getKey())) {
                        pending.remove(entry.getKey());
                    }
                } catch (ExecutionException e) {
                    // an unknown topic is retriable: the broker has not applied the controller's record yet
                    if (!(e.getCause() instanceof RetriableException)) {
                        throw new IllegalStateException("cannot describe topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                var first = pending.entrySet().iterator().next();
                throw new IllegalStateException(String.format(
                        "the cluster does not describe %d topic(s) as created after %d s, e.g. %s with %d partition(s);"
                                + " is the broker's metadata log behind?",
                        pending.size(), within.toSeconds(), first.getKey(), first.getValue()));
            }
            if (!pending.isEmpty()) {
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 500);
            }
        }
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
