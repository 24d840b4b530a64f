package org.rjhub.common.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Record;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.contracts.hub.Referral;

/**
 * The records of one key of {@code rj.referrals.v1} parked by the opener ({@link DataKeyStore}), in arrival order: the
 * first a sealed referral whose data key was not in the global store yet, the others those that came after it with
 * the same key (an amendment must not overtake its predecessor). The value of the opener's store
 * ({@link DataKeyStore#PARKED}), so of its changelog: each referral is kept as it was read, sealed (Avro single-object
 * encoding of the redacted referral with its ciphertext), so nothing personal is in clear at rest.
 *
 * @param entries oldest first
 */
record ParkedReferrals(List<Entry> entries) {

    /** The store's serde. */
    static final Serde<ParkedReferrals> SERDE = JsonSerde.of(ParkedReferrals.class);

    /**
     * One parked record.
     *
     * @param timestamp its timestamp, kept when it is forwarded
     * @param referral  the referral as read ({@link SealedReferrals#encoded}); null for a tombstone
     */
    record Entry(long timestamp, byte[] referral) {

        static Entry of(Record<String, Referral> record) {
            return new Entry(
                    record.timestamp(), record.value() == null ? null : SealedReferrals.encoded(record.value()));
        }

        /** The referral as read; null for a tombstone. */
        Referral read() {
            if (referral == null) {
                return null;
            }
            try {
                return SealedReferrals.decoded(referral);
            } catch (IOException e) {
                throw new UncheckedIOException("a parked referral does not decode", e);
            }
        }
    }

    ParkedReferrals {
        entries = List.copyOf(entries);
    }

    /** {@code record} alone. */
    static ParkedReferrals of(Record<String, Referral> record) {
        return new ParkedReferrals(List.of(Entry.of(record)));
    }

    /** These with {@code record} behind them. */
    ParkedReferrals with(Record<String, Referral> record) {
        List<Entry> more = new ArrayList<>(entries);
        more.add(Entry.of(record));
        return new ParkedReferrals(more);
    }

    /** These without the first {@code n}; null when none is left. */
    ParkedReferrals without(int n) {
        return n >= entries.size() ? null : new ParkedReferrals(entries.subList(n, entries.size()));
    }
}
