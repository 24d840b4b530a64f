package org.rjhub.cases.intake;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.cases.intake.CaseInput.Claim;
import org.rjhub.cases.intake.CaseInput.Moved;

/**
 * Remembers which case holds each referral (keyed by referral, after the {@code referral-claims}
 * repartition). When a newer queue item puts a referral in another case, the previous case is told,
 * keyed by its own id: that is how a case the router merged away learns it was absorbed.
 */
public final class ReferralOwnersProcessor implements Processor<String, Claim, String, CaseInput> {

    public static final String STORE = "referral-owners";

    private ProcessorContext<String, CaseInput> context;
    private KeyValueStore<String, Claim> owners;

    @Override
    public void init(ProcessorContext<String, CaseInput> context) {
        this.context = context;
        this.owners = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, Claim> record) {
        Claim claim = record.value();
        if (claim == null) {
            return;
        }
        Claim owner = owners.get(record.key());
        if (owner != null && claim.at().isBefore(owner.at())) {
            return; // an older item, overtaken by a newer one
        }
        owners.put(record.key(), claim);
        if (owner != null && !owner.caseId().equals(claim.caseId())) {
            context.forward(record.withKey(owner.caseId())
                    .withValue(CaseInput.moved(new Moved(claim.referral(), claim.caseId(), claim.at()))));
        }
    }
}
