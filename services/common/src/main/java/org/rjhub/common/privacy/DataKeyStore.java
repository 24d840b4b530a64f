package org.rjhub.common.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.rjhub.contracts.hub.Referral;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data keys of {@code rj.data-keys.v1} in a Kafka Streams service: a global store (in memory, so that no wrapped
 * key is left on disk, rebuilt from the compacted topic at each start) that a tombstone ({@code hub erase}) empties,
 * and the step that opens sealed referrals read from {@code rj.referrals.v1} with it ({@link SealedReferrals}).
 *
 * <p>The router writes a referral's key in the transaction of the referral, but the global store is filled by its own
 * thread, so a referral may come before its key. The opener then parks it, still sealed, in a store of its own
 * ({@link #PARKED}, persistent and changelogged, keyed by the record's key) and every later record of that key behind
 * it (an amendment never overtakes its predecessor); a wall-clock punctuation every {@link #RETRY} forwards each key's
 * parked records in order, opened, as soon as their keys are there. A key still missing once the referral is older
 * than {@link #IN_FLIGHT} (by its timestamp, against the wall clock) was erased: the referral goes on redacted (no
 * personal field); so does one whose key's tombstone the global store has read, at once or at the next punctuation,
 * and one older than the bound read without its key. The stream thread never waits.
 */
public final class DataKeyStore {

    /** The global store's name. */
    public static final String STORE = "data-keys";

    /** The opener's store of the referrals parked until their keys are read (its changelog holds them sealed). */
    public static final String PARKED = "parked-referrals";

    /** How recent a referral must be for its missing key to be awaited rather than taken as erased. */
    public static final Duration IN_FLIGHT = Duration.ofMinutes(5);

    /** How often the parked referrals are tried again (wall-clock). */
    public static final Duration RETRY = Duration.ofMillis(250);

    /** The global store's value for a key whose tombstone was read: erased, not to be awaited. */
    private static final byte[] ERASED = new byte[0];

    private static final Logger log = LoggerFactory.getLogger(DataKeyStore.class);

    private DataKeyStore() {}

    /**
     * A wrapped key as the global store holds it, or null when it holds none: not read yet, or erased (the store's
     * {@link #ERASED} mark). What every reader of the store asks it through.
     */
    public static byte[] wrappedKey(byte[] stored) {
        return stored == null || stored.length == 0 ? null : stored;
    }

    /** Adds the global store of {@code keyTopic} (the real name of {@code rj.data-keys.v1}) to {@code builder}. */
    public static void addTo(StreamsBuilder builder, String keyTopic) {
        addTo(builder, keyTopic, new KeyTombstones());
    }

    /**
     * Adds the global store of {@code keyTopic} to {@code builder}, counting in {@code tombstones} each tombstone it
     * applies (after applying it).
     */
    public static void addTo(StreamsBuilder builder, String keyTopic, KeyTombstones tombstones) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                keyTopic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-data-keys"),
                () -> new KeyUpdater(tombstones));
    }

    /**
     * {@code referrals} (read from {@code rj.referrals.v1}) opened with the data keys of {@code keyTopic}, read into
     * the global store, when the service has a master key (the opener's {@link #PARKED} store is added with it); without
     * one, as they are (a sealed referral then names no one: as erased). The key of each record is kept: what follows
     * needs no repartition that it did not need before.
     */
    public static KStream<String, Referral> opened(
            StreamsBuilder builder, Optional<MasterKey> master, String keyTopic, KStream<String, Referral> referrals) {
        if (master.isEmpty()) {
            return referrals;
        }
        addTo(builder, keyTopic);
        return referrals.process(opener(master.get()), Named.as("open-referral"));
    }

    /**
     * The step that opens each referral with the store's keys, parking those whose keys are not there yet; the global
     * store must be {@link #addTo added}, the parking store comes with the step ({@link ProcessorSupplier#stores}).
     */
    public static ProcessorSupplier<String, Referral, String, Referral> opener(MasterKey master) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, Referral, String, Referral> get() {
                return new Opener(new DataKeys(master));
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(PARKED), Serdes.String(), ParkedReferrals.SERDE));
            }
        };
    }

    /**
     * Keeps the global store in step with the key topic: a key put; a tombstone read while running leaves an empty
     * value, {@link #ERASED}, so that a referral still awaiting that key is known never to get it (one erasure's key
     * ids, a few bytes each, until the next start). A tombstone restored at start may just delete: a referral then
     * waits for the bound ({@link #IN_FLIGHT}) instead.
     */
    private static final class KeyUpdater implements Processor<String, byte[], Void, Void> {

        private final KeyTombstones tombstones;
        private KeyValueStore<String, byte[]> keys;

        KeyUpdater(KeyTombstones tombstones) {
            this.tombstones = tombstones;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            keys = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            keys.put(record.key(), record.value() == null ? ERASED : record.value());
            if (record.value() == null) {
                tombstones.applied();
            }
        }
    }

    /**
     * Opens each referral, or parks it (with every later record of its key) until its key is read or it is old enough
     * to be taken as erased. Keys are never changed.
     */
    private static final class Opener implements Processor<String, Referral, String, Referral> {

        private final DataKeys dataKeys;
        private ProcessorContext<String, Referral> context;
        private KeyValueStore<String, byte[]> keys;
        private KeyValueStore<String, ParkedReferrals> parked;
        /** False once a punctuation found nothing parked, until something is: the idle punctuation reads nothing. */
        private boolean anyParked;

        Opener(DataKeys dataKeys) {
            this.dataKeys = dataKeys;
        }

        @Override
        public void init(ProcessorContext<String, Referral> context) {
            this.context = context;
            keys = context.getStateStore(STORE);
            parked = context.getStateStore(PARKED);
            anyParked = true; // what was parked before a restart, restored from the changelog
            context.schedule(RETRY, PunctuationType.WALL_CLOCK_TIME, this::release);
        }

        @Override
        public void process(Record<String, Referral> record) {
            String key = record.key();
            ParkedReferrals waiting = key == null ? null : parked.get(key);
            if (waiting != null) {
                parked.put(key, waiting.with(record));
                return;
            }
            if (key != null && awaited(record.value(), record.timestamp(), context.currentSystemTimeMs())) {
                log.debug(
                        "Referral parked until its data key is read: {}",
                        record.value().getDataKeyId());
                parked.put(key, ParkedReferrals.of(record));
                anyParked = true;
                return;
            }
            context.forward(record.withValue(opened(record.value())));
        }

        /** Whether {@code referral} is sealed under a key not read yet that may still come. */
        private boolean awaited(Referral referral, long timestamp, long now) {
            return referral != null
                    && SealedReferrals.isSealed(referral)
                    && keys.get(referral.getDataKeyId()) == null // not read yet; ERASED when its tombstone was
                    && timestamp > now - IN_FLIGHT.toMillis();
        }

        /** Forwards, per key in arrival order, every parked record no longer awaiting its data key. */
        private void release(long now) {
            if (!anyParked) {
                return;
            }
            List<String> waiting = new ArrayList<>();
            try (var all = parked.all()) {
                all.forEachRemaining(kv -> waiting.add(kv.key));
            }
            int left = 0;
            for (String key : waiting) {
                ParkedReferrals queue = parked.get(key);
                int released = 0;
                for (ParkedReferrals.Entry entry : queue.entries()) {
                    Referral referral = entry.read();
                    if (awaited(referral, entry.timestamp(), now)) {
                        break;
                    }
                    context.forward(new Record<>(key, opened(referral), entry.timestamp()));
                    released++;
                }
                ParkedReferrals rest = queue.without(released);
                if (rest == null) {
                    parked.delete(key);
                } else {
                    left++;
                    if (released > 0) {
                        parked.put(key, rest);
                    }
                }
            }
            anyParked = left > 0;
        }

        /** The wrapped key of {@code id}, null when it is not there or erased. */
        private byte[] wrappedKey(String id) {
            return DataKeyStore.wrappedKey(keys.get(id));
        }

        /** {@code referral} opened, or redacted when its key is not there (erased); as it is when not sealed. */
        private Referral opened(Referral referral) {
            if (referral == null || !SealedReferrals.isSealed(referral)) {
                return referral;
            }
            String id = referral.getDataKeyId();
            if (wrappedKey(id) == null) {
                log.info("Referral sealed under a data key that is not there (erased), taken as erased: {}", id);
            }
            return SealedReferrals.openOrErased(dataKeys, referral, this::wrappedKey);
        }
    }
}
