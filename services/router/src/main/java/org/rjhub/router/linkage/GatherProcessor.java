package org.rjhub.router.linkage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.router.graph.GraphMessage;

/**
 * Collects, per referral (partitioned by hub referral id), its announcement and the result of every
 * blocking key, and passes them on to the one-partition case graph as two messages instead of one
 * per key: the graph stage does a fraction of the work and the gathering scales with partitions.
 */
public final class GatherProcessor implements Processor<String, GraphMessage, String, GraphMessage> {

    /** Referrals whose blocking keys have not all reported yet. */
    public static final String STORE = "linkage-gather";
    /** The blocking key name under which gathered edges reach the graph. */
    public static final String GATHERED = "gathered";

    private ProcessorContext<String, GraphMessage> context;
    private KeyValueStore<String, Pending> pending;

    /** A referral being gathered. */
    public static final class Pending {
        public GraphMessage announcement;
        /** Amendments announced while the referral was still being gathered. */
        public int laterAmendments;
        public TreeSet<String> received = new TreeSet<>();
        public Map<String, GraphMessage.Edge> edges = new TreeMap<>();

        public Pending() {
        }
    }

    @Override
    public void init(ProcessorContext<String, GraphMessage> context) {
        this.context = context;
        this.pending = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, GraphMessage> record) {
        GraphMessage m = record.value();
        if (m.type() == GraphMessage.Type.DECISION) {
            context.forward(record);
            return;
        }
        Pending p = pending.get(m.hubReferralId());
        if (p == null) {
            p = new Pending();
        }
        if (m.type() == GraphMessage.Type.ANNOUNCE) {
            if (p.announcement != null && m.amendment()) {
                p.laterAmendments++;
                p.announcement = GraphMessage.announce(m.summary(), p.announcement.amendment(),
                        Math.max(m.expectedKeys(), p.announcement.expectedKeys()));
            } else {
                p.announcement = m;
            }
        } else {
            p.received.add(m.blockingKey());
            for (GraphMessage.Edge e : m.edges()) {
                p.edges.merge(e.other(), e, (a, b) -> a.weight() >= b.weight() ? a : b);
            }
        }
        if (p.announcement == null || p.received.size() < p.announcement.expectedKeys()) {
            pending.put(m.hubReferralId(), p);
            return;
        }
        pending.delete(m.hubReferralId());
        GraphMessage a = p.announcement;
        boolean any = a.expectedKeys() > 0;
        context.forward(record.withValue(GraphMessage.announce(a.summary(), a.amendment(), any ? 1 : 0)));
        if (any) {
            List<GraphMessage.Edge> edges = new ArrayList<>(p.edges.values());
            context.forward(record.withValue(GraphMessage.blockResult(a.hubReferralId(), GATHERED, edges)));
        }
        for (int i = 0; i < p.laterAmendments; i++) {
            // each amendment is acknowledged once the referral is placed
            context.forward(record.withValue(GraphMessage.announce(a.summary(), true, 0)));
        }
    }
}
