package org.rjhub.router.graph;

import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.router.routing.RulesStore;

/**
 * The case graph in the router's topology (one partition): runs {@link CaseGraph} over the three
 * graph stores and the routing rules' global store, and forwards what it writes at the time of the graph's clock
 * ({@link GraphClock}: the message's time, or later when an earlier-stamped message came first).
 */
public final class CaseGraphProcessor implements Processor<String, GraphMessage, String, Emission> {

    public static final String NODES = "graph-referrals";
    public static final String CASES = "graph-cases";
    /** Each referral's summary, apart from its node: written once per version, not on every edge. */
    public static final String SUMMARIES = "graph-summaries";

    private ProcessorContext<String, Emission> context;
    private CaseGraph graph;
    private GraphClock clock;

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.clock = new GraphClock(context.getStateStore(GraphClock.STORE));
        RulesStore rules = new RulesStore(context.getStateStore(RulesStore.STORE));
        this.graph = new CaseGraph(
                new KeyValueGraphStore(
                        context.getStateStore(NODES), context.getStateStore(CASES), context.getStateStore(SUMMARIES)),
                rules::current);
    }

    @Override
    public void process(Record<String, GraphMessage> record) {
        Instant now = clock.tickInstant(record.timestamp());
        for (KeyValue<String, Emission> e : graph.apply(record.value(), now)) {
            context.forward(new Record<>(e.key, e.value, now.toEpochMilli()));
        }
    }
}
