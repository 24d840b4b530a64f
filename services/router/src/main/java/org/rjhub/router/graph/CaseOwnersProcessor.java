package org.rjhub.router.graph;

import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.router.routing.RulesStore;

/**
 * The partitioned case graph in the router's topology: runs {@link CaseOwners} over this partition's entries and
 * case addresses, and forwards, at the time of the graph's clock ({@link GraphClock}), the messages it sends on the graph topic (keyed by their
 * {@code to}) and what it writes (outcomes, queue items).
 */
public final class CaseOwnersProcessor implements Processor<String, OwnerMessage, String, CaseOwnersProcessor.Out> {

    /**
     * Each referral's entry at its home: a pointer towards its component's root; the root's holds the component, its
     * nodes, cases and summaries each under a key of its own ({@link StoredOwners}).
     */
    public static final String OWNERS = "graph-owners";
    /** Each case id's address: the referral it derives from, where a decision naming it goes. */
    public static final String ADDRESSES = "graph-case-addresses";

    /**
     * One output: a message for the graph topic, or something to write.
     *
     * @param message the message, or null
     * @param emission what to write, or null
     */
    public record Out(OwnerMessage message, Emission emission) {
        public boolean isMessage() {
            return message != null;
        }
    }

    private ProcessorContext<String, Out> context;
    private CaseOwners owners;
    private GraphClock clock;

    @Override
    public void init(ProcessorContext<String, Out> context) {
        this.context = context;
        this.clock = new GraphClock(context.getStateStore(GraphClock.STORE));
        RulesStore rules = new RulesStore(context.getStateStore(RulesStore.STORE));
        KeyValueStore<String, byte[]> entries = context.getStateStore(OWNERS);
        KeyValueStore<String, CaseOwners.Address> addresses = context.getStateStore(ADDRESSES);
        this.owners = new CaseOwners(new StoredOwners(entries, addresses), rules::current);
    }

    @Override
    public void process(Record<String, OwnerMessage> record) {
        // the messages it sends carry its clock's time, so the owner receiving one stamps later (a Lamport clock)
        Instant now = clock.tick(record.timestamp());
        CaseOwners.Step step = owners.apply(record.value(), now);
        for (OwnerMessage m : step.messages()) {
            context.forward(new Record<>(m.to(), new Out(m, null), now.toEpochMilli()));
        }
        for (KeyValue<String, Emission> e : step.emissions()) {
            context.forward(new Record<>(e.key, new Out(null, e.value), now.toEpochMilli()));
        }
    }
}
