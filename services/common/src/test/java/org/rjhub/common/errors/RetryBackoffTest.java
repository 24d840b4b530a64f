package org.rjhub.common.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private static final RetryBackoff POLICY = new RetryBackoff(
            Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.2, Duration.ofSeconds(10), Duration.ofSeconds(60));

    private Instant now = Instant.parse("2026-11-02T09:00:00Z");
    private final List<Duration> slept = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldDoubleTheWaitUpToTheMaximumWithoutJitterAtTheMiddle() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream()
                        .map(n -> POLICY.delay(n, 0.5).toMillis())
                        .toList())
                .containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L);
    }

    @Test
    void shouldSpreadEachWaitByTheJitterButNeverAboveTheMaximum() {
        assertThat(POLICY.delay(3, 0.0)).isEqualTo(Duration.ofMillis(320));
        assertThat(POLICY.delay(3, 0.999_999)).isEqualTo(Duration.ofMillis(480));
        assertThat(POLICY.delay(5, 0.999_999)).as("1600 ms + 20 % = 1920 ms").isEqualTo(Duration.ofMillis(1920));
        assertThat(POLICY.delay(6, 0.999_999)).as("capped").isEqualTo(Duration.ofSeconds(2));
        assertThat(POLICY.delay(6, 0.0)).isEqualTo(Duration.ofMillis(1600));
    }

    @Test
    void shouldGiveUpWhenTheNextWaitWouldPassTheBudget() throws InterruptedException {
        // Given a streak whose waits are 100, 200, 400, 800, 1600, 2000 ... ms, each slept on a fake clock
        RetryStreak streak = streak();

        // When failures keep coming
        List<Long> waits = new ArrayList<>();
        Optional<Duration> delay;
        while ((delay = streak.next()).isPresent()) {
            waits.add(delay.get().toMillis());
            streak.sleep(delay.get());
        }

        // Then it waited within the 10 s budget and gave up at the first wait that would pass it
        assertThat(waits).containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
        assertThat(streak.elapsed()).isEqualTo(Duration.ofMillis(9100));
        assertThat(streak.failures()).isEqualTo(9);
        assertThat(registry.get("rj.retries").tag("service", "test").counter().count())
                .isEqualTo(8.0);
        assertThat(registry.get("rj.retries.exhausted")
                        .tag("service", "test")
                        .counter()
                        .count())
                .isEqualTo(1.0);
    }

    @Test
    void shouldStartAgainFromTheShortestWaitAfterAReset() {
        RetryStreak streak = streak();
        streak.next();
        streak.next();
        now = now.plusSeconds(3600);

        streak.reset();

        assertThat(streak.failures()).isZero();
        assertThat(streak.elapsed()).isZero();
        assertThat(streak.next()).contains(Duration.ofMillis(100));
    }

    @Test
    void shouldNeverRetryWithAZeroBudget() {
        RetryBackoff none =
                new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.0, Duration.ZERO, Duration.ZERO);

        assertThat(none.streak("test", registry, () -> now, slept::add, () -> 0.5)
                        .next())
                .isEmpty();
    }

    @Test
    void shouldReadItsSettingsFromAServiceConfigAndRefuseBadOnes() {
        ConfigDef def = RetryBackoff.define(new ConfigDef());

        RetryBackoff read = RetryBackoff.from(new AbstractConfig(
                def,
                Map.of(
                        RetryBackoff.INITIAL_MS,
                        "250",
                        RetryBackoff.MAX_MS,
                        "5000",
                        RetryBackoff.MULTIPLIER,
                        "1.5",
                        RetryBackoff.JITTER,
                        "0",
                        RetryBackoff.BUDGET_MS,
                        "60000",
                        RetryBackoff.RESET_AFTER_MS,
                        "1000")));

        assertThat(read)
                .isEqualTo(new RetryBackoff(
                        Duration.ofMillis(250),
                        Duration.ofSeconds(5),
                        1.5,
                        0.0,
                        Duration.ofMinutes(1),
                        Duration.ofSeconds(1)));
        assertThat(RetryBackoff.from(new AbstractConfig(def, Map.of()))).isEqualTo(RetryBackoff.defaults());
        assertThatThrownBy(() -> new AbstractConfig(def, Map.of(RetryBackoff.JITTER, "1.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(RetryBackoff.JITTER);
        assertThatThrownBy(() -> RetryBackoff.from(new AbstractConfig(def, Map.of(RetryBackoff.MAX_MS, "10"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initial <= max");
    }

    private RetryStreak streak() {
        return POLICY.streak(
                "test",
                registry,
                () -> now,
                d -> {
                    slept.add(d);
                    now = now.plus(d);
                },
                () -> 0.5);
    }
}
