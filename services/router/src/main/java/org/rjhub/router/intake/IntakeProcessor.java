package org.rjhub.router.intake;

import java.time.Instant;
import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.rjhub.agencies.mapping.Intake;
import org.rjhub.router.routing.RulesStore;

/**
 * Reads an agency's referral from its bytes ({@link AgencyRecordReader}), maps it to the canonical form and
 * validates it. A record that does not decode, breaks a limit or a rule throws {@link InvalidReferralException};
 * the processing-error handler dead-letters the record and tells the agency (nothing is lost, nothing
 * half-processed, never retried). A registry that cannot be reached throws a retriable failure instead.
 *
 * @param <A> the agency's record type
 */
public final class IntakeProcessor<A extends SpecificRecord> implements FixedKeyProcessor<String, byte[], Intake> {

    private final AgencyRecordReader<A> reader;
    private final BiFunction<A, Instant, Intake> mapper;
    private FixedKeyProcessorContext<String, Intake> context;
    private RulesStore rules;

    public IntakeProcessor(AgencyRecordReader<A> reader, BiFunction<A, Instant, Intake> mapper) {
        this.reader = reader;
        this.mapper = mapper;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Intake> context) {
        this.context = context;
        this.rules = new RulesStore(context.getStateStore(RulesStore.STORE));
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        A referral = reader.read(record.key(), record.value());
        Intake intake = mapper.apply(referral, Instant.ofEpochMilli(record.timestamp()));
        ReferralValidator.validate(intake, rules.current());
        context.forward(record.withValue(intake));
    }
}
