package org.rjhub.cases.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.rjhub.cases.lifecycle.CaseState;
import org.rjhub.cases.lifecycle.CaseStore;

/**
 * Reads cases from the running service's {@code cases} store (interactive queries). One instance
 * holds the cases of its tasks; with several instances, route by {@code KafkaStreams#queryMetadataForKey}.
 */
public final class StoreCaseReader implements CaseReader {

    private final KafkaStreams streams;

    public StoreCaseReader(KafkaStreams streams) {
        this.streams = streams;
    }

    private ReadOnlyKeyValueStore<String, CaseState> store() {
        return streams.store(StoreQueryParameters.fromNameAndType(
                CaseStore.CASES, QueryableStoreTypes.<String, CaseState>keyValueStore()));
    }

    @Override
    public Optional<CaseState> get(String caseId) {
        return Optional.ofNullable(store().get(caseId));
    }

    @Override
    public List<CaseState> all() {
        List<CaseState> all = new ArrayList<>();
        try (KeyValueIterator<String, CaseState> it = store().all()) {
            it.forEachRemaining(kv -> all.add(kv.value));
        }
        return all;
    }

    @Override
    public boolean ready() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }
}
