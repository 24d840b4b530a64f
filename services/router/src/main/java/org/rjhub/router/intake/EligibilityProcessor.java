package org.rjhub.router.intake;

import java.time.ZoneId;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.rjhub.router.routing.QueueRouter;
import org.rjhub.router.routing.QueueRouter.Ineligibility;
import org.rjhub.router.routing.RulesStore;

/**
 * Marks referrals the service does not take: no recorded consent to refer ({@link Consent}), a party under the youth
 * age limit, or out of area.
 */
public final class EligibilityProcessor implements FixedKeyProcessor<String, Admitted, Admitted> {

    private static final ZoneId UK = ZoneId.of("Europe/London");
    private FixedKeyProcessorContext<String, Admitted> context;
    private RulesStore rules;

    @Override
    public void init(FixedKeyProcessorContext<String, Admitted> context) {
        this.context = context;
        this.rules = new RulesStore(context.getStateStore(RulesStore.STORE));
    }

    @Override
    public void process(FixedKeyRecord<String, Admitted> record) {
        Admitted a = record.value();
        var noConsent = Consent.missing(a.intake().referral());
        if (noConsent.isPresent()) {
            context.forward(record.withValue(a.withIneligibility(new Ineligibility(false, noConsent.get()))));
            return;
        }
        var summary = a.summary();
        var reason = QueueRouter.eligibility(
                rules.current(), summary, a.intake().submittedAt().atZone(UK).toLocalDate());
        // decided now, from the flags in clear, so that the case graph can route by it once they are sealed
        context.forward(record.withValue(reason.map(a::withIneligibility)
                .orElseGet(() -> a.withSpecialist(QueueRouter.specialist(rules.current(), summary)))));
    }
}
