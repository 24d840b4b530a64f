package org.rjhub.cases.lifecycle;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.cases.lifecycle.CaseState.Announcement;
import org.rjhub.cases.monitoring.Monitor;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.cases.monitoring.Timers;
import org.rjhub.cases.outcomes.Emission;
import org.rjhub.cases.outcomes.OutcomeFanOut;
import org.rjhub.contracts.hub.CaseEvent;
import org.rjhub.contracts.hub.CaseEventResult;
import org.rjhub.contracts.hub.CaseEventStatus;
import org.rjhub.contracts.hub.Outcome;

/**
 * Applies facilitators' case events through the {@link CaseStateMachine}, fans the resulting outcomes
 * out to every referral of the case and answers the sender. A refused event throws
 * {@link CaseEventRefusedException}: the processing-error handler dead-letters it and answers REFUSED.
 *
 * <p>Also sweeps the deadline index, on stream time (as events arrive) and on wall-clock time (when
 * the topics are quiet), firing reminders, overdue actions and service-level escalations; and, on wall-clock time,
 * removes closed cases whose retention has passed (a tombstone in the {@code cases} changelog).
 */
public final class CaseEventProcessor implements Processor<String, CaseEvent, String, Emission> {

    private final ServiceLevels levels;
    private final Duration streamTimeInterval;
    private final Duration wallClockInterval;
    private final Retention retention;
    private ProcessorContext<String, Emission> context;
    private CaseStore store;

    /**
     * How long closed cases are kept.
     *
     * @param closed how long after its closure a case is removed
     * @param sweep  wall-clock time between removal sweeps; zero turns them off
     */
    public record Retention(Duration closed, Duration sweep) {}

    /**
     * @param wallClockInterval how often to sweep on wall-clock time; zero turns it off
     */
    public CaseEventProcessor(
            ServiceLevels levels, Duration streamTimeInterval, Duration wallClockInterval, Retention retention) {
        this.levels = levels;
        this.streamTimeInterval = streamTimeInterval;
        this.wallClockInterval = wallClockInterval;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.store = new CaseStore(context, levels);
        context.schedule(streamTimeInterval, PunctuationType.STREAM_TIME, this::sweep);
        if (!wallClockInterval.isZero()) {
            context.schedule(wallClockInterval, PunctuationType.WALL_CLOCK_TIME, this::sweep);
        }
        if (!retention.sweep().isZero()) {
            // by wall-clock time: a quiet partition's stream time could stand still for months
            context.schedule(retention.sweep(), PunctuationType.WALL_CLOCK_TIME, this::forgetClosed);
        }
    }

    /** Removes the cases closed before {@code timestamp} less the retention: store entry and deadline, tombstoned. */
    void forgetClosed(long timestamp) {
        store.closedBefore(Instant.ofEpochMilli(timestamp).minus(retention.closed()))
                .forEach(store::remove);
    }

    @Override
    public void process(Record<String, CaseEvent> record) {
        CaseEvent event = record.value();
        if (event == null) {
            return;
        }
        if (!event.getCaseId().equals(record.key())) {
            throw new CaseEventRefusedException(
                    RefusalRule.KEY_NOT_CASE_ID, "the record's key is not the event's caseId " + event.getCaseId());
        }
        CaseStateMachine.Decision decision = CaseStateMachine.apply(store.get(event.getCaseId()), event);
        if (!decision.duplicate()) {
            store.save(decision.state());
            for (Announcement a : decision.announcements()) {
                emit(record, decision.state(), a);
            }
        }
        CaseEventResult result = CaseEventResult.newBuilder()
                .setEventId(event.getEventId())
                .setCaseId(event.getCaseId())
                .setEventType(event.getEventType().name())
                .setActor(event.getActor())
                .setStatus(decision.duplicate() ? CaseEventStatus.DUPLICATE : CaseEventStatus.ACCEPTED)
                .setRule(null)
                .setReason(null)
                .setDecidedAt(Instant.ofEpochMilli(record.timestamp()))
                .build();
        context.forward(new Record<>(event.getEventId(), Emission.result(result), record.timestamp()));
    }

    private void emit(Record<String, CaseEvent> record, CaseState state, Announcement a) {
        for (KeyValue<String, Outcome> o : OutcomeFanOut.outcomes(state.caseId, state.referrals, a)) {
            context.forward(new Record<>(o.key, Emission.outcome(o.value), record.timestamp()));
        }
    }

    /** Fires what is due at {@code timestamp}. */
    void sweep(long timestamp) {
        Instant now = Instant.ofEpochMilli(timestamp);
        for (String caseId : store.due(now)) {
            CaseState state = store.get(caseId);
            if (state == null) {
                continue;
            }
            Monitor.Fired fired = Monitor.fire(state, Timers.due(state, levels, now), now);
            store.save(fired.state());
            fired.queueItems().forEach(q -> context.forward(new Record<>(caseId, Emission.queue(q), timestamp)));
            fired.escalations().forEach(e -> context.forward(new Record<>(caseId, Emission.escalation(e), timestamp)));
            for (Announcement a : fired.announcements()) {
                for (KeyValue<String, Outcome> o : OutcomeFanOut.outcomes(caseId, fired.state().referrals, a)) {
                    context.forward(new Record<>(o.key, Emission.outcome(o.value), timestamp));
                }
            }
        }
    }
}
