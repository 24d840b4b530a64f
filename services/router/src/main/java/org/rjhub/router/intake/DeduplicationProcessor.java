package org.rjhub.router.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.agencies.mapping.Intake;

/**
 * Drops redeliveries (same agency, same referral id, same content) and marks amendments (same
 * id, changed content). Re-keys by hub referral id; every version of an agency referral arrives
 * on the same partition (the agency's key), so no repartition is needed.
 *
 * <p>Retention: each entry holds the content hash and when the router last admitted a version of the referral
 * ({@code "<hash> <epoch millis>"}, by the wall clock; a redelivery counts as seen). A wall-clock sweep ({@link #forgetUnseen}) deletes the entries
 * not seen for longer than the retention, which tombstones them in the changelog. A referral sent again after that is
 * admitted as new. Entries written before retention existed (the hash alone) are dated by the first sweep that finds
 * them, so they go one retention after the upgrade.
 */
public final class DeduplicationProcessor implements Processor<String, Intake, String, Admitted> {

    /** Hub referral id to the content hash of its latest version. */
    public static final String STORE = "referral-versions";

    private final Duration retention;
    private final Duration sweepInterval;
    private ProcessorContext<String, Admitted> context;
    private KeyValueStore<String, String> versions;
    private Sensor deduplicated;

    /** Without retention: entries are kept until replaced ({@code hub bench}'s baseline). */
    public DeduplicationProcessor() {
        this(Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param retention     how long an entry is kept after its referral was last seen
     * @param sweepInterval how often the wall-clock sweep runs; zero: never (no retention)
     */
    public DeduplicationProcessor(Duration retention, Duration sweepInterval) {
        this.retention = retention;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, Admitted> context) {
        this.context = context;
        this.versions = context.getStateStore(STORE);
        if (!sweepInterval.isZero()) {
            // by wall-clock time: a quiet partition's stream time could stand still for months
            context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::forgetUnseen);
        }
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
        ReferralVersion version = ReferralVersion.of(hash(versions.get(id)), referral.getContentHash());
        if (version == ReferralVersion.REDELIVERY) {
            deduplicated.record();
            // seen again: its retention starts again
            versions.put(id, entry(referral.getContentHash(), context.currentSystemTimeMs()));
            return;
        }
        versions.put(id, entry(referral.getContentHash(), context.currentSystemTimeMs()));
        context.forward(
                record.withKey(id).withValue(new Admitted(record.value(), version == ReferralVersion.AMENDMENT, null)));
    }

    /** Deletes the entries last admitted before {@code now} less the retention (tombstones in the changelog). */
    void forgetUnseen(long now) {
        long cutoff = now - retention.toMillis();
        List<KeyValue<String, String>> undated = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        try (var it = versions.all()) {
            while (it.hasNext()) {
                KeyValue<String, String> kv = it.next();
                long seen = seenAt(kv.value);
                if (seen < 0) {
                    undated.add(kv);
                } else if (seen < cutoff) {
                    expired.add(kv.key);
                }
            }
        }
        expired.forEach(versions::delete);
        undated.forEach(kv -> versions.put(kv.key, entry(kv.value, now)));
    }

    static String entry(String hash, long seenAtMillis) {
        return hash + " " + seenAtMillis;
    }

    /** The content hash of an entry (an entry of before retention is the hash alone); null stays null. */
    static String hash(String entry) {
        if (entry == null || seenAt(entry) < 0) {
            return entry;
        }
        return entry.substring(0, entry.lastIndexOf(' '));
    }

    /** When the entry's referral was last admitted, or -1 for an entry of before retention. */
    static long seenAt(String entry) {
        int space = entry.lastIndexOf(' ');
        if (space < 0) {
            return -1;
        }
        try {
            return Long.parseLong(entry.substring(space + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
