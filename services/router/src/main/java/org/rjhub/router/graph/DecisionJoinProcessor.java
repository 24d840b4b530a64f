package org.rjhub.router.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases a facilitator's linkage decision to the case graph only once the case service has ACCEPTED
 * it. Keyed by case event id: whichever of the decision and its answer arrives first waits in the store,
 * so arrival order does not matter. ACCEPTED releases the decision; REFUSED (e.g. the case is unknown,
 * closed or merged) and DUPLICATE (an earlier copy was accepted and released) release nothing. An entry
 * whose partner has not arrived within the configured age is dropped by a wall-clock punctuation and
 * counted ({@code pending-decisions-expired-total}); wall-clock because decisions are rare, so stream
 * time on their partition may not move for weeks.
 */
public final class DecisionJoinProcessor implements Processor<String, DecisionHalf, String, GraphMessage> {

    /** Case event id to the half (or halves) of its decision waiting for the other. */
    public static final String STORE = "linkage-pending-decisions";

    private static final Logger LOG = LoggerFactory.getLogger(DecisionJoinProcessor.class);
    private static final Duration MOST_BETWEEN_SWEEPS = Duration.ofHours(1);

    private final Duration maxAge;
    private ProcessorContext<String, GraphMessage> context;
    private KeyValueStore<String, PendingDecision> pending;
    private Sensor expired;

    /**
     * @param maxAge how long one half waits for the other before it is dropped
     */
    public DecisionJoinProcessor(Duration maxAge) {
        this.maxAge = maxAge;
    }

    @Override
    public void init(ProcessorContext<String, GraphMessage> context) {
        this.context = context;
        this.pending = context.getStateStore(STORE);
        this.expired = context.metrics()
                .addRateTotalSensor(
                        "rj-router", "linkage-decisions", "pending-decisions-expired", Sensor.RecordingLevel.INFO);
        Duration sweep = maxAge.compareTo(MOST_BETWEEN_SWEEPS) < 0 ? maxAge : MOST_BETWEEN_SWEEPS;
        context.schedule(sweep, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, DecisionHalf> record) {
        PendingDecision entry = pending.get(record.key());
        if (entry == null) {
            entry = PendingDecision.open(context.currentSystemTimeMs());
        }
        DecisionHalf half = record.value();
        entry = half.decision() != null ? entry.withEvent(half.decision()) : entry.withAnswer(half.answer());
        while (entry.canPair()) {
            CaseEventStatus answer = entry.answers().get(0);
            entry = entry.paired();
            if (answer == CaseEventStatus.ACCEPTED) {
                context.forward(record.withValue(entry.decision()));
            }
        }
        if (entry.isSettled()) {
            pending.delete(record.key());
        } else {
            pending.put(record.key(), entry);
        }
    }

    private void expire(long now) {
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, PendingDecision> all = pending.all()) {
            all.forEachRemaining(kv -> {
                if (now - kv.value.since() >= maxAge.toMillis()) {
                    old.add(kv.key);
                }
            });
        }
        if (old.isEmpty()) {
            return;
        }
        for (String id : old) {
            pending.delete(id);
            expired.record();
        }
        LOG.info(
                "Dropped {} linkage decision(s) or answer(s) whose other half did not arrive within {}",
                old.size(),
                maxAge);
    }
}
