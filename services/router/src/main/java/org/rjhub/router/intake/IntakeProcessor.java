package org.rjhub.router.intake;

import org.rjhub.agencies.mapping.Intake;

import java.time.Instant;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.rjhub.router.routing.RulesStore;

/**
 * Maps an agency's referral to the canonical form and validates it. A broken rule throws
 * {@link InvalidReferralException}; the processing-error handler dead-letters the record and
 * tells the agency (nothing is lost, nothing half-processed).
 *
 * @param <A> the agency's record type
 */
public final class IntakeProcessor<A> implements FixedKeyProcessor<String, A, Intake> {

    private final BiFunction<A, Instant, Intake> mapper;
    private FixedKeyProcessorContext<String, Intake> context;
    private RulesStore rules;

    public IntakeProcessor(BiFunction<A, Instant, Intake> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Intake> context) {
        this.context = context;
        this.rules = new RulesStore(context.getStateStore(RulesStore.STORE));
    }

    @Override
    public void process(FixedKeyRecord<String, A> record) {
        Intake intake = mapper.apply(record.value(), Instant.ofEpochMilli(record.timestamp()));
        ReferralValidator.validate(intake, rules.current());
        context.forward(record.withValue(intake));
    }
}
