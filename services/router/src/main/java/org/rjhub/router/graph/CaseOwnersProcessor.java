package org.rjhub.router.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.router.routing.RulesStore;

/**
 * The partitioned case graph in the router's topology: runs {@link CaseOwners} over this partition's entries and
 * case addresses, and forwards, at the time of the graph's clock ({@link GraphClock}), the messages it sends on the graph topic (keyed by their
 * {@code to}) and what it writes (outcomes, queue items); on a wall-clock punctuation, the retention sweep
 * ({@link CaseOwners#forget}) at each root of its partitions.
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
     * The messages applied, by kind: {@code graph-messages-<kind>-total} (group {@code stream-rj-router-metrics}), e.g.
     * {@code graph-messages-join-total}; what the graph topic carries, read by {@code hub bench}.
     */
    public static final String MESSAGES_METRIC = "graph-messages-";

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

    private final Duration retention;
    private final Duration sweepInterval;
    private ProcessorContext<String, Out> context;
    private CaseOwners owners;
    private GraphClock clock;
    private final Map<OwnerMessage.Kind, Sensor> applied = new EnumMap<>(OwnerMessage.Kind.class);

    /**
     * @param retention     how long a case stays after its referrals' last announcement ({@link CaseOwners#forget})
     * @param sweepInterval how often the wall-clock sweep runs; zero: never (the graph keeps a referral until it is
     *                      withdrawn)
     */
    public CaseOwnersProcessor(Duration retention, Duration sweepInterval) {
        this.retention = retention;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        this.context = context;
        this.clock = new GraphClock(context.getStateStore(GraphClock.STORE));
        RulesStore rules = new RulesStore(context.getStateStore(RulesStore.STORE));
        KeyValueStore<String, byte[]> entries = context.getStateStore(OWNERS);
        KeyValueStore<String, CaseOwners.Address> addresses = context.getStateStore(ADDRESSES);
        for (OwnerMessage.Kind kind : OwnerMessage.Kind.values()) {
            applied.put(
                    kind,
                    context.metrics()
                            .addRateTotalSensor(
                                    "rj-router",
                                    "case-graph",
                                    MESSAGES_METRIC
                                            + kind.name()
                                                    .toLowerCase(Locale.ROOT)
                                                    .replace('_', '-'),
                                    Sensor.RecordingLevel.INFO));
        }
        StoredOwners stored = new StoredOwners(entries, addresses);
        this.owners = new CaseOwners(stored, rules::current, context::currentSystemTimeMs);
        if (!sweepInterval.isZero()) {
            context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, now -> sweep(stored, now));
        }
    }

    /** The retention sweep: each root of this partition forgets what is past the retention. */
    private void sweep(StoredOwners stored, long now) {
        long cutoff = now - retention.toMillis();
        for (String root : stored.roots()) {
            CaseOwners.Step step = owners.forget(root, now, cutoff);
            if (!step.messages().isEmpty()) {
                send(step, clock.tick(now));
            }
        }
    }

    @Override
    public void process(Record<String, OwnerMessage> record) {
        // the messages it sends carry its clock's time, so the owner receiving one stamps later (a Lamport clock)
        Instant now = clock.tick(record.timestamp());
        applied.get(record.value().kind()).record();
        send(owners.apply(record.value(), now), now);
    }

    private void send(CaseOwners.Step step, Instant now) {
        for (OwnerMessage m : step.messages()) {
            context.forward(new Record<>(m.to(), new Out(m, null), now.toEpochMilli()));
        }
        for (KeyValue<String, Emission> e : step.emissions()) {
            context.forward(new Record<>(e.key, new Out(null, e.value), now.toEpochMilli()));
        }
    }
}
