package org.rjhub.cases.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStore;
import org.rjhub.common.privacy.DataKeyStore;

/**
 * Reads cases from the running service's {@code cases} store (interactive queries), across instances: Kafka Streams'
 * metadata ({@code application.server} of each instance) says which instance holds a case
 * ({@link KafkaStreams#queryMetadataForKey}) and which partitions each holds
 * ({@link KafkaStreams#streamsMetadataForStore}). This instance reads only the partitions it holds as their active
 * copy, one partition at a time, so a partition that moves away mid-read fails the read rather than go missing from
 * it. Nothing is answered unless this instance is RUNNING (not during a rebalance or a restore), and a list only when
 * the instances together hold every partition.
 */
public final class StoreCaseReader implements CaseReader {

    private static final Serializer<String> KEYS = new StringSerializer();

    private final String caseEventsTopic;
    private final IntSupplier partitions;
    private volatile KafkaStreams streams;
    private volatile HostInfo self;

    /**
     * A reader for a service not built yet ({@link #attach}).
     *
     * @param caseEventsTopic the topic whose partitions are the case state's ({@code rj.case-events.v1})
     * @param partitions      how many partitions it has
     */
    public StoreCaseReader(String caseEventsTopic, IntSupplier partitions) {
        this.caseEventsTopic = caseEventsTopic;
        this.partitions = partitions;
    }

    /** Reads from {@code streams}, whose {@code application.server} is {@code self}. */
    public void attach(KafkaStreams streams, HostInfo self) {
        this.self = self;
        this.streams = streams;
    }

    private KafkaStreams running() {
        KafkaStreams s = streams;
        if (s == null) {
            throw new Unavailable("the case service is starting");
        }
        if (s.state() != KafkaStreams.State.RUNNING) {
            throw new Unavailable("the case service is " + s.state() + " (cases moving between instances)");
        }
        return s;
    }

    private ReadOnlyKeyValueStore<String, CaseState> store(KafkaStreams s, int partition) {
        return s.store(StoreQueryParameters.fromNameAndType(
                        CaseStore.CASES, QueryableStoreTypes.<String, CaseState>keyValueStore())
                .withPartition(partition));
    }

    private KeyQueryMetadata metadata(KafkaStreams s, String caseId) {
        KeyQueryMetadata m = s.queryMetadataForKey(CaseStore.CASES, caseId, KEYS);
        if (m == null || KeyQueryMetadata.NOT_AVAILABLE.equals(m) || m.activeHost() == null) {
            throw new Unavailable("no instance holds the case's partition now");
        }
        return m;
    }

    @Override
    public Holder holderOf(String caseId) {
        KeyQueryMetadata m = metadata(running(), caseId);
        return new Holder(m.activeHost().equals(self) ? null : instance(m.activeHost()), m.partition());
    }

    @Override
    public Optional<CaseState> get(String caseId) {
        KafkaStreams s = running();
        return Optional.ofNullable(store(s, metadata(s, caseId).partition()).get(caseId));
    }

    @Override
    public List<Share> shares() {
        KafkaStreams s = running();
        List<Share> shares = new ArrayList<>();
        Set<Integer> covered = new TreeSet<>();
        for (StreamsMetadata m : s.streamsMetadataForStore(CaseStore.CASES)) {
            Set<Integer> held = new TreeSet<>();
            for (TopicPartition tp : m.topicPartitions()) {
                if (tp.topic().equals(caseEventsTopic)) {
                    held.add(tp.partition());
                }
            }
            if (!held.isEmpty()) {
                covered.addAll(held);
                shares.add(new Share(m.hostInfo().equals(self) ? null : instance(m.hostInfo()), held));
            }
        }
        int wanted = partitions.getAsInt();
        if (covered.size() != wanted) {
            throw new Unavailable(
                    "the instances hold " + covered.size() + " of the " + wanted + " partitions of the cases now");
        }
        return shares;
    }

    @Override
    public List<CaseState> all(Set<Integer> held) {
        if (held.isEmpty()) {
            return all();
        }
        KafkaStreams s = running();
        List<CaseState> all = new ArrayList<>();
        for (int partition : new TreeSet<>(held)) {
            try (KeyValueIterator<String, CaseState> it = store(s, partition).all()) {
                it.forEachRemaining(kv -> all.add(kv.value));
            }
        }
        return all;
    }

    @Override
    public List<CaseState> all() {
        KafkaStreams s = running();
        List<CaseState> all = new ArrayList<>();
        try (KeyValueIterator<String, CaseState> it = s.store(StoreQueryParameters.fromNameAndType(
                        CaseStore.CASES, QueryableStoreTypes.<String, CaseState>keyValueStore()))
                .all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    /**
     * Data key {@code id} wrapped, as the global store {@value DataKeyStore#STORE} (of {@code rj.data-keys.v1}, on every
     * instance) holds it now; null when it holds none (erased, or not read yet). For opening the contact details kept
     * sealed ({@link org.rjhub.cases.contacts.ContactsOpener}); the service must have the store (a master key).
     */
    public byte[] dataKey(String id) {
        return running()
                .store(StoreQueryParameters.fromNameAndType(
                        DataKeyStore.STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()))
                .get(id);
    }

    @Override
    public boolean ready() {
        KafkaStreams s = streams;
        return s != null && s.state() == KafkaStreams.State.RUNNING;
    }

    private static Instance instance(HostInfo host) {
        return new Instance(host.host(), host.port());
    }
}
