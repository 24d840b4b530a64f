package org.rjhub.common.privacy;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
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
 * thread: a key not there yet for a referral written in the last {@link #IN_FLIGHT} is awaited up to {@link #WAIT};
 * a key still missing then, or missing for an older referral, was erased, and the referral goes on redacted (no
 * personal field).
 */
public final class DataKeyStore {

    /** The global store's name. */
    public static final String STORE = "data-keys";

    /** How recent a referral must be for its missing key to be awaited rather than taken as erased. */
    static final Duration IN_FLIGHT = Duration.ofMinutes(2);

    /** How long a missing key of a recent referral is awaited. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(DataKeyStore.class);

    private DataKeyStore() {}

    /** Adds the global store of {@code keyTopic} (the real name of {@code rj.data-keys.v1}) to {@code builder}. */
    public static void addTo(StreamsBuilder builder, String keyTopic) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray())
                        .withLoggingDisabled(),
                keyTopic,
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("read-data-keys"),
                KeyUpdater::new);
    }

    /**
     * {@code referrals} (read from {@code rj.referrals.v1}) opened with the data keys of {@code keyTopic}, read into
     * the global store, when the service has a master key; without one, as they are (a sealed referral then names no
     * one: as erased).
     */
    public static KStream<String, Referral> opened(
            StreamsBuilder builder, Optional<MasterKey> master, String keyTopic, KStream<String, Referral> referrals) {
        if (master.isEmpty()) {
            return referrals;
        }
        addTo(builder, keyTopic);
        return referrals.processValues(opener(master.get()), Named.as("open-referral"));
    }

    /** The step that opens each referral with the store's keys; the store must be {@link #addTo added}. */
    public static FixedKeyProcessorSupplier<String, Referral, Referral> opener(MasterKey master) {
        return () -> new Opener(new DataKeys(master));
    }

    /** Keeps the global store in step with the key topic: a key put, a tombstone deleted. */
    private static final class KeyUpdater implements Processor<String, byte[], Void, Void> {

        private KeyValueStore<String, byte[]> keys;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            keys = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            if (record.key() == null) {
                return;
            }
            if (record.value() == null) {
                keys.delete(record.key());
            } else {
                keys.put(record.key(), record.value());
            }
        }
    }

    private static final class Opener implements FixedKeyProcessor<String, Referral, Referral> {

        private final DataKeys dataKeys;
        private FixedKeyProcessorContext<String, Referral> context;
        private KeyValueStore<String, byte[]> keys;

        Opener(DataKeys dataKeys) {
            this.dataKeys = dataKeys;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Referral> context) {
            this.context = context;
            keys = context.getStateStore(STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, Referral> record) {
            Referral referral = record.value();
            if (referral == null || !SealedReferrals.isSealed(referral)) {
                context.forward(record);
                return;
            }
            String id = referral.getDataKeyId();
            if (keys.get(id) == null && recent(record.timestamp())) {
                awaitKey(id);
            }
            if (keys.get(id) == null) {
                log.info("Referral sealed under a data key that is not there (erased), taken as erased: {}", id);
            }
            context.forward(record.withValue(SealedReferrals.openOrErased(dataKeys, referral, keys::get)));
        }

        private static boolean recent(long timestamp) {
            return timestamp > System.currentTimeMillis() - IN_FLIGHT.toMillis();
        }

        private void awaitKey(String id) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (keys.get(id) == null && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
