package org.rjhub.router.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/** The graph's clock: stamps always later than the last, written to its store about once a second, not per step. */
class GraphClockTest {

    @Test
    void shouldStampLaterThanEverythingBeforeARestartWhileWritingTheStoreOncePerReservation() {
        // Given a clock over a store, ticked with times running forwards and backwards
        KeyValueStore<String, Long> store = store();
        SplittableRandom random = new SplittableRandom(7);
        long time = 1_764_000_000_000L;
        List<Long> stamps = new ArrayList<>();
        long writes = 0;
        GraphClock clock = new GraphClock(store);
        for (int i = 0; i < 5_000; i++) {
            time += random.nextInt(-3, 5);
            Long before = store.get("clock");
            stamps.add(clock.tick(time).toEpochMilli());
            writes += before == null || !before.equals(store.get("clock")) ? 1 : 0;

            // Then every stamp is later than the one before, and at or before what the store holds
            if (i > 0) {
                assertThat(stamps.get(i)).isGreaterThan(stamps.get(i - 1));
            }
            assertThat(store.get("clock")).isGreaterThanOrEqualTo(stamps.get(i));
        }
        // the store written far less often than once per stamp
        assertThat(writes).isLessThan(stamps.size() / 50);

        // When the task restarts from the store, with times earlier than those stamped
        GraphClock restarted = new GraphClock(store);

        // Then it stamps later than every stamp given before
        assertThat(restarted.tick(time - 10_000).toEpochMilli()).isGreaterThan(stamps.get(stamps.size() - 1));
    }

    @Test
    void shouldGoOnFromTheLastStampTheEarlierReleaseStored() {
        // Given the store as the earlier release left it: the last stamp itself
        KeyValueStore<String, Long> store = store();
        store.put("clock", 5_000L);

        // When the clock is ticked with an earlier time
        long stamp = new GraphClock(store).tick(4_000L).toEpochMilli();

        // Then it stamps after it
        assertThat(stamp).isEqualTo(5_001L);
    }

    private static KeyValueStore<String, Long> store() {
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(GraphClock.STORE), Serdes.String(), Serdes.Long())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
