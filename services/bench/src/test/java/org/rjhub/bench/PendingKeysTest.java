package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PendingKeysTest {

    @Test
    void countsWhatIsNeitherSeenNorAlreadyVisible() {
        Map<String, Long> visible = new ConcurrentHashMap<>(Map.of("a", 1L, "other", 2L));
        PendingKeys pending = new PendingKeys(List.of("a", "b", "c"));
        assertThat(pending.missing()).isEqualTo(3);

        pending.removeSeen(visible);
        assertThat(pending.missing()).isEqualTo(2);

        pending.seen("b");
        pending.seen("b");
        pending.seen("not-awaited");
        assertThat(pending.missing()).isEqualTo(1);

        pending.seen("c");
        assertThat(pending.missing()).isZero();
    }

    /**
     * The watcher's protocol ({@link AckWatcher}): it puts an acknowledgement, then tells the wait it reads; the waiter
     * publishes its wait, then takes out what is visible. Whatever the interleaving, nothing seen stays pending.
     */
    @Test
    void noAcknowledgementIsMissedWhileTheWaitIsPublished() throws InterruptedException {
        for (int round = 0; round < 200; round++) {
            List<String> keys = IntStream.range(0, 500).mapToObj(i -> "R" + i).toList();
            Map<String, Long> visible = new ConcurrentHashMap<>();
            AtomicReference<PendingKeys> awaited = new AtomicReference<>();
            Thread watcher = new Thread(() -> keys.forEach(k -> {
                visible.putIfAbsent(k, 1L);
                PendingKeys waiting = awaited.get();
                if (waiting != null) {
                    waiting.seen(k);
                }
            }));
            watcher.start();
            PendingKeys pending = new PendingKeys(keys);
            awaited.set(pending);
            pending.removeSeen(visible);
            watcher.join();

            assertThat(pending.missing()).as("round %d", round).isZero();
        }
    }
}
