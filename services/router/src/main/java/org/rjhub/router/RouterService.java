package org.rjhub.router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.rjhub.common.clients.KafkaClients;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.InternalTopics;
import org.rjhub.common.streams.InternalTopics.InternalTopic;
import org.rjhub.common.streams.StreamsService;
import org.rjhub.common.streams.StreamsServiceHandle;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.router.graph.GraphTopicPurge;

/**
 * The router running ({@link StreamsService}): builds the topology from config, starts Kafka Streams with the shared
 * retry handler (retriable failures retried with backoff within a budget, fatal ones stop the client), binds its
 * metrics once RUNNING, serves {@code /health/live}, {@code /health/ready} and {@code /metrics} on
 * {@code rj.http.host}:{@code rj.http.port} (-1 serves none), and stops cleanly.
 */
public final class RouterService extends StreamsServiceHandle {

    static final String NAME = "router";

    /** How long a router waits for a graph topic provisioning has just made to become visible to it. */
    private static final Duration GRAPH_TOPIC_WAIT = Duration.ofSeconds(30);

    /**
     * The case graph's topic's configs: those of a repartition topic, plus the router's limit of a graph message
     * ({@link RouterConfig#graphTopicLimit}). Kafka Streams purges what its own repartition topics' readers have
     * committed; this one it does not know as its own, so it keeps everything until the router's {@link GraphTopicPurge}
     * deletes what the router has committed.
     */
    private static final Map<String, String> GRAPH_TOPIC_CONFIG = Map.of(
            "cleanup.policy", "delete",
            "retention.ms", "-1",
            "segment.bytes", "52428800",
            "message.timestamp.type", "CreateTime");

    private RouterService(StreamsService service) {
        super(service);
    }

    /** The router processing, with its HTTP port open. */
    public static RouterService start(RouterConfig config) {
        return started(create(config));
    }

    /**
     * The repartition and changelog topics the router needs under {@code config}'s application id, and with
     * {@code rj.graph.partitioned} (the default) the case graph's topic ({@link RouterTopology#graphTopic}, as many partitions as
     * the largest agency topic): provisioning
     * creates them ahead, so the router's principal needs no Create.
     */
    public static List<InternalTopic> internalTopics(RouterConfig config) {
        if (!config.graphPartitioned()) {
            return config.internalTopics(RouterTopology.build(
                    config, RouterTopics.create(config.naming(), new AvroSerdes(config.connection()))));
        }
        String graph = RouterTopology.graphTopic(config);
        Map<String, Integer> sources =
                new java.util.HashMap<>(TopicCatalogue.load().partitions(config.naming()));
        sources.put(graph, RouterTopology.graphPartitions(config));
        List<InternalTopic> topics = new ArrayList<>(InternalTopics.of(
                RouterTopology.build(config, RouterTopics.create(config.naming(), new AvroSerdes(config.connection()))),
                config.getString(RouterConfig.APPLICATION_ID),
                sources));
        Map<String, String> graphConfig = new HashMap<>(GRAPH_TOPIC_CONFIG);
        graphConfig.putAll(config.graphTopicLimit());
        topics.add(new InternalTopic(graph, sources.get(graph), graphConfig));
        topics.sort(Comparator.comparing(InternalTopic::name));
        return List.copyOf(topics);
    }

    /** The router with its HTTP port open, not yet processing ({@link #start()}): what {@link RouterMain} runs. */
    public static RouterService create(RouterConfig config) {
        UnaryOperator<String> naming = config.naming();
        RouterTopics topics = RouterTopics.create(naming, new AvroSerdes(config.connection()));
        if (config.graphPartitioned()) {
            ensureGraphTopic(config);
        }
        StreamsService service = StreamsService.open(
                NAME,
                config,
                RouterTopology.build(config, topics),
                config.streamsProperties(),
                StreamsService.OPERATIONS);
        if (config.graphPartitioned() && !config.graphPurgeInterval().isZero()) {
            try {
                service.closeWith(GraphTopicPurge.start(
                        KafkaClients.of(config.connection()).admin(),
                        config.getString(RouterConfig.APPLICATION_ID),
                        RouterTopology.graphTopic(config),
                        config.graphPurgeInterval(),
                        service.registry()));
            } catch (RuntimeException e) {
                service.close();
                throw e;
            }
        }
        return new RouterService(service);
    }

    /**
     * Creates the case graph's topic when it is missing, as Kafka Streams creates its internal topics when it may (a
     * development stack); where provisioning created it ahead, this only describes it.
     */
    private static void ensureGraphTopic(RouterConfig config) {
        String graph = RouterTopology.graphTopic(config);
        try (Admin admin = KafkaClients.of(config.connection()).admin()) {
            try {
                admin.describeTopics(List.of(graph)).allTopicNames().get();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    return; // not ours to decide here: Kafka Streams reports a topic it cannot read
                }
            }
            InternalTopic topic = internalTopics(config).stream()
                    .filter(t -> t.name().equals(graph))
                    .findFirst()
                    .orElseThrow();
            try {
                admin.createTopics(List.of(new NewTopic(
                                        graph, java.util.Optional.of(topic.partitions()), java.util.Optional.empty())
                                .configs(topic.config())))
                        .all()
                        .get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException && visibleWithin(admin, graph)) {
                    return; // provisioning had just created it (or granted it): the broker had not told us yet
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the case graph's topic", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the case graph's topic", e);
        }
    }

    /**
     * Whether the topic becomes visible to the router within {@link #GRAPH_TOPIC_WAIT}: a topic (or an ACL) just made
     * by provisioning reaches the broker's metadata a moment later, and a principal that may not create topics is
     * refused rather than told the topic exists.
     */
    private static boolean visibleWithin(Admin admin, String topic) throws InterruptedException {
        long deadline = System.nanoTime() + GRAPH_TOPIC_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                admin.describeTopics(List.of(topic)).allTopicNames().get();
                return true;
            } catch (ExecutionException e) {
                Thread.sleep(250);
            }
        }
        return false;
    }
}
