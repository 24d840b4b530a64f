package org.rjhub.router.graph;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
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

    private final Duration retention;
    private final Duration sweepInterval;
    private ProcessorContext<String, Emission> context;
    private CaseGraph graph;
    private GraphClock clock;
    private GraphRetention kept;

    /** Without retention: the graph keeps a referral until it is withdrawn. */
    public CaseGraphProcessor() {
        this(Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param retention     how long a case stays after its referrals' last announcement ({@link GraphRetention}, its
     *                      store connected)
     * @param sweepInterval how often the wall-clock sweep runs; zero: never (no retention)
     */
    public CaseGraphProcessor(Duration retention, Duration sweepInterval) {
        this.retention = retention;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.clock = new GraphClock(context.getStateStore(GraphClock.STORE));
        RulesStore rules = new RulesStore(context.getStateStore(RulesStore.STORE));
        this.graph = new CaseGraph(
                new KeyValueGraphStore(
                        context.getStateStore(NODES), context.getStateStore(CASES), context.getStateStore(SUMMARIES)),
                rules::current);
        if (!sweepInterval.isZero()) {
            kept = new GraphRetention(
                    context.getStateStore(GraphRetention.STORE),
                    context.getStateStore(NODES),
                    context.getStateStore(CASES),
                    context.getStateStore(SUMMARIES),
                    retention);
            context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, kept::sweep);
        }
    }

    @Override
    public void process(Record<String, GraphMessage> record) {
        if (kept != null) {
            kept.touch(record.value(), context.currentSystemTimeMs());
        }
        Instant now = clock.tick(record.timestamp());
        for (KeyValue<String, Emission> e : graph.apply(record.value(), now)) {
            context.forward(new Record<>(e.key, e.value, now.toEpochMilli()));
        }
    }
}
