package org.rjhub.cases.intake;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.rjhub.cases.intake.CaseInput.Claim;
import org.rjhub.cases.intake.CaseInput.Moved;

/**
 * Remembers which case holds each referral (keyed by referral, after the {@code referral-claims}
 * repartition). When a newer queue item puts a referral in another case, the previous case is told,
 * keyed by its own id: that is how a case the router merged away learns it was absorbed. Items of two cases travel on
 * different partitions, so the newer may come first: the older case is then told at once.
 *
 * <p>It also brings each referral's contact details ({@code rj.referrals.v1}, on the same repartition) to the case
 * holding the referral: at once when the case is known, else when its claim comes; again when the referral moves to
 * another case or is amended. The details are kept here ({@value #CONTACTS}) only as long as {@code rj.referrals.v1}
 * keeps the referral itself ({@code retention}, swept hourly by wall-clock time): the case keeps its own copy, erased
 * with it. A sealed referral's details travel and are kept sealed, as the router sealed it
 * ({@link org.rjhub.cases.contacts.StoredContacts}): nothing here needs, or waits for, its data key.
 */
public final class ReferralOwnersProcessor implements Processor<String, Claim, String, CaseInput> {

    public static final String STORE = "referral-owners";
    /** The contact details of each referral, by referral, while {@code rj.referrals.v1} keeps it. */
    public static final String CONTACTS = "referral-contacts";

    private static final Duration SWEEP = Duration.ofHours(1);

    private final Duration retention;
    private ProcessorContext<String, CaseInput> context;
    private KeyValueStore<String, Claim> owners;
    private KeyValueStore<String, Claim> contacts;

    /** @param retention how long the referrals' topic keeps a referral: the contact details are kept as long */
    public ReferralOwnersProcessor(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, CaseInput> context) {
        this.context = context;
        this.owners = context.getStateStore(STORE);
        this.contacts = context.getStateStore(CONTACTS);
        context.schedule(SWEEP, PunctuationType.WALL_CLOCK_TIME, now -> sweep(Instant.ofEpochMilli(now)));
    }

    @Override
    public void process(Record<String, Claim> record) {
        Claim claim = record.value();
        if (claim == null) {
            return;
        }
        if (claim.contactsOnly()) {
            Claim known = contacts.get(record.key());
            if (known != null && claim.at().isBefore(known.at())) {
                return; // an older version of the referral
            }
            contacts.put(record.key(), claim);
            Claim owner = owners.get(record.key());
            if (owner != null) {
                context.forward(record.withKey(owner.caseId()).withValue(CaseInput.contacts(claim.contacts())));
            }
            return;
        }
        Claim owner = owners.get(record.key());
        if (owner != null && claim.at().isBefore(owner.at())) {
            // an older item, overtaken by a newer one that came first (the two cases' items travel on different
            // partitions): the older case holds the referral when its item comes, so it is told at once where the
            // referral went. Its item went to the case-items topic before this claim was read, so this comes after it.
            if (!owner.caseId().equals(claim.caseId())) {
                context.forward(record.withKey(claim.caseId())
                        .withValue(CaseInput.moved(new Moved(claim.referral(), owner.caseId(), owner.at()))));
            }
            return;
        }
        owners.put(record.key(), claim);
        if (owner != null && !owner.caseId().equals(claim.caseId())) {
            context.forward(record.withKey(owner.caseId())
                    .withValue(CaseInput.moved(new Moved(claim.referral(), claim.caseId(), claim.at()))));
        }
        Claim details = contacts.get(record.key());
        if (details != null && (owner == null || !owner.caseId().equals(claim.caseId()))) {
            context.forward(record.withKey(claim.caseId()).withValue(CaseInput.contacts(details.contacts())));
        }
    }

    /** Forgets the contact details of the referrals received longer ago than the referrals' topic keeps them. */
    private void sweep(Instant now) {
        if (retention.isNegative()) {
            return;
        }
        Instant cutoff = now.minus(retention);
        List<String> expired = new ArrayList<>();
        try (var all = contacts.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value == null || kv.value.at().isBefore(cutoff)) {
                    expired.add(kv.key);
                }
            });
        }
        expired.forEach(contacts::delete);
    }
}
