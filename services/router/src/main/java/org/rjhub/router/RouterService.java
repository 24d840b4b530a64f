package org.rjhub.router;

import java.util.function.UnaryOperator;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.streams.StreamsService;
import org.rjhub.common.streams.StreamsServiceHandle;

/**
 * The router running ({@link StreamsService}): builds the topology from config, starts Kafka Streams with the shared
 * retry handler (retriable failures retried with backoff within a budget, fatal ones stop the client), binds its
 * metrics once RUNNING, serves {@code /health/live}, {@code /health/ready} and {@code /metrics} on
 * {@code rj.http.host}:{@code rj.http.port} (-1 serves none), and stops cleanly.
 */
public final class RouterService extends StreamsServiceHandle {

    static final String NAME = "router";

    private RouterService(StreamsService service) {
        super(service);
    }

    /** The router processing, with its HTTP port open. */
    public static RouterService start(RouterConfig config) {
        return started(create(config));
    }

    /**
     * The repartition and changelog topics the router needs under {@code config}'s application id: provisioning
     * creates them ahead, so the router's principal needs no Create.
     */
    public static java.util.List<org.rjhub.common.streams.InternalTopics.InternalTopic> internalTopics(
            RouterConfig config) {
        return config.internalTopics(RouterTopology.build(
                config, RouterTopics.create(config.naming(), new AvroSerdes(config.connection()))));
    }

    /** The router with its HTTP port open, not yet processing ({@link #start()}): what {@link RouterMain} runs. */
    public static RouterService create(RouterConfig config) {
        UnaryOperator<String> naming = config.naming();
        RouterTopics topics = RouterTopics.create(naming, new AvroSerdes(config.connection()));
        return new RouterService(StreamsService.open(
                NAME,
                config,
                RouterTopology.build(config, topics),
                config.streamsProperties(),
                StreamsService.OPERATIONS));
    }
}
