package org.rjhub.router.intake;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.agencies.mapping.Intake;

/**
 * Drops redeliveries (same agency, same referral id, same content) and marks amendments (same
 * id, changed content). Re-keys by hub referral id; every version of an agency referral arrives
 * on the same partition (the agency's key), so no repartition is needed.
 */
public final class DeduplicationProcessor implements Processor<String, Intake, String, Admitted> {

    /** Hub referral id to the content hash of its latest version. */
    public static final String STORE = "referral-versions";

    private ProcessorContext<String, Admitted> context;
    private KeyValueStore<String, String> versions;
    private Sensor deduplicated;

    @Override
    public void init(ProcessorContext<String, Admitted> context) {
        this.context = context;
        this.versions = context.getStateStore(STORE);
        this.deduplicated = context.metrics()
                .addRateTotalSensor(
                        "rj-router",
                        "referrals",
                        "deduplicated",
                        org.apache.kafka.common.metrics.Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, Intake> record) {
        var referral = record.value().referral();
        String id = referral.getHubReferralId();
        ReferralVersion version = ReferralVersion.of(versions.get(id), referral.getContentHash());
        if (version == ReferralVersion.REDELIVERY) {
            deduplicated.record();
            return;
        }
        versions.put(id, referral.getContentHash());
        context.forward(
                record.withKey(id).withValue(new Admitted(record.value(), version == ReferralVersion.AMENDMENT, null)));
    }
}
