package org.rjhub.cases.intake;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStore;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.cases.outcomes.Emission;
import org.rjhub.cases.outcomes.OutcomeFanOut;
import org.rjhub.contracts.hub.Outcome;

/**
 * Keeps each case in step with the router: opens it on its first queue item, takes the current
 * referrals and parties from later ones, tells a referral that joins late what already happened,
 * marks a case the router merged away, and keeps the contact details of its referrals (never announced).
 */
public final class CaseItemProcessor implements Processor<String, CaseInput, String, Emission> {

    private final ServiceLevels levels;
    private ProcessorContext<String, Emission> context;
    private CaseStore store;

    public CaseItemProcessor(ServiceLevels levels) {
        this.levels = levels;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.store = new CaseStore(context, levels);
    }

    @Override
    public void process(Record<String, CaseInput> record) {
        CaseInput input = record.value();
        if (input == null) {
            return;
        }
        CaseState current = store.get(record.key());
        if (input.item() != null) {
            CaseIntake.Result result = CaseIntake.apply(current, input.item());
            store.save(result.state());
            for (KeyValue<String, Outcome> o :
                    OutcomeFanOut.catchUp(record.key(), result.added(), result.state().announced)) {
                context.forward(new Record<>(o.key, Emission.outcome(o.value), record.timestamp()));
            }
        } else if (input.moved() != null) {
            CaseState after = CaseIntake.moved(current, input.moved());
            if (after != current) {
                store.save(after);
            }
        } else if (input.contacts() != null
                && current != null
                && current.referrals.contains(input.contacts().referral())) {
            current.contacts.put(input.contacts().referral().key(), input.contacts());
            store.save(current);
        }
    }
}
