package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LivenessTest {

    @ParameterizedTest
    @EnumSource(
            value = KafkaStreams.State.class,
            names = {"CREATED", "REBALANCING", "RUNNING"})
    void shouldKeepWaitingForAStreamsClientThatCanStillProcess(KafkaStreams.State state) {
        Liveness router = Liveness.ofStreams("the router", () -> state);

        assertThat(router.stopped()).isEmpty();
        assertThatCode(() -> router.check("3 of 300 referrals not acknowledged"))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(
            value = KafkaStreams.State.class,
            names = {"ERROR", "PENDING_ERROR"})
    void shouldFailTheWaitAtOnceWhenTheRouterStoppedOnAnError(KafkaStreams.State state) {
        Liveness router = Liveness.ofStreams("the router", () -> state);

        assertThatThrownBy(() -> router.check("12 of 300 referrals not acknowledged"))
                .isInstanceOf(Liveness.StoppedException.class)
                .hasMessageStartingWith("12 of 300 referrals not acknowledged: the router stopped")
                .hasMessageContaining("state " + state)
                .hasMessageContaining("a fatal error, or retriable failures past the retry budget")
                .hasMessageContaining("its log, with the cause, is the bench's standard error");
    }

    @ParameterizedTest
    @EnumSource(
            value = KafkaStreams.State.class,
            names = {"PENDING_SHUTDOWN", "NOT_RUNNING"})
    void shouldFailTheWaitAtOnceWhenTheClientWasClosed(KafkaStreams.State state) {
        Liveness baseline = Liveness.ofStreams("the exactly-once baseline", () -> state);

        assertThatThrownBy(() -> baseline.check("1 of 50 referrals not acknowledged"))
                .isInstanceOf(Liveness.StoppedException.class)
                .hasMessage("1 of 50 referrals not acknowledged: the exactly-once baseline was closed: its Kafka "
                        + "Streams client is in state " + state);
    }

    @Test
    void shouldNameTheStackProcessThatExitedBeforeTheRouterItLeavesRunning() {
        Liveness stack = () -> Optional.of("kafka broker (pid 4242) exited with code 137; its log: /data/broker.log");
        Liveness waited = stack.and(Liveness.ofStreams("the router", () -> KafkaStreams.State.RUNNING));

        assertThatThrownBy(() -> waited.check("300 of 300 referrals not acknowledged"))
                .isInstanceOf(Liveness.StoppedException.class)
                .hasMessage("300 of 300 referrals not acknowledged: kafka broker (pid 4242) exited with code 137; "
                        + "its log: /data/broker.log");
    }

    @Test
    void shouldNameTheRouterWhenTheStackRuns() {
        Liveness stack = Optional::empty;
        Liveness waited = stack.and(Liveness.ofStreams("the router", () -> KafkaStreams.State.ERROR));

        assertThat(waited.stopped()).hasValueSatisfying(what -> assertThat(what).startsWith("the router stopped"));
        assertThat(stack.and(Liveness.ofStreams("the router", () -> KafkaStreams.State.RUNNING))
                        .stopped())
                .isEmpty();
    }

    @Test
    void shouldReadTheStateAtEachCheck() {
        AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
        Liveness router = Liveness.ofStreams("the router", state::get);
        router.check("waiting");

        state.set(KafkaStreams.State.ERROR);

        assertThatThrownBy(() -> router.check("waiting")).isInstanceOf(Liveness.StoppedException.class);
    }
}
