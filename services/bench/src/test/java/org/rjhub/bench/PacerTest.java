package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void shouldScheduleRecordsEvenlyAtTheRate() {
        // Given a pacer at 1,000 records per second starting at t = 5 s
        Pacer pacer = new Pacer(5_000_000_000L, 1_000);

        // Then record i is due i milliseconds after the start
        assertThat(pacer.dueNanos(0)).isEqualTo(5_000_000_000L);
        assertThat(pacer.dueNanos(1)).isEqualTo(5_001_000_000L);
        assertThat(pacer.dueNanos(999)).isEqualTo(5_999_000_000L);
        assertThat(pacer.dueNanos(1_000)).isEqualTo(6_000_000_000L);
    }

    @Test
    void shouldKeepTheAverageExactWhenTheGapIsNotAWholeNanosecond() {
        // Given a rate whose gap (1/3 s) cannot be written in whole nanoseconds
        Pacer pacer = new Pacer(0, 3);

        // Then the schedule does not drift: every third record lands on a whole second
        assertThat(pacer.dueNanos(1)).isEqualTo(333_333_333L);
        assertThat(pacer.dueNanos(2)).isEqualTo(666_666_666L);
        assertThat(pacer.dueNanos(3)).isEqualTo(1_000_000_000L);
        assertThat(pacer.dueNanos(3 * 3_600)).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void shouldNotOverflowForALongPhaseAtAHighRate() {
        Pacer pacer = new Pacer(0, 100_000);

        assertThat(pacer.dueNanos(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE * 10_000L);
    }

    @Test
    void shouldReturnAtOnceWithTheDueTimeWhenARecordIsLate() {
        // Given a schedule that started a minute ago
        long start = System.nanoTime() - 60_000_000_000L;
        Pacer pacer = new Pacer(start, 10);

        // When waiting for a record due long ago
        long before = System.nanoTime();
        long due = pacer.awaitDue(5);

        // Then it is sent at once and its latency counts from when it was due
        assertThat(due).isEqualTo(start + 500_000_000L);
        assertThat(System.nanoTime() - before).isLessThan(1_000_000_000L);
    }

    @Test
    void shouldWaitUntilARecordIsDue() {
        Pacer pacer = new Pacer(System.nanoTime(), 20);

        long due = pacer.awaitDue(2);

        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(due);
    }

    @Test
    void shouldCountTheRecordsOfAPhase() {
        assertThat(Pacer.count(1_000, 20)).isEqualTo(20_000);
        assertThat(Pacer.count(1, 1)).isEqualTo(1);
    }

    @Test
    void shouldRefuseAPhaseThatCannotBeSent() {
        assertThatThrownBy(() -> Pacer.count(0, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacer.count(1_000, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pacer.count(1_000_000, 3_600))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("int");
        assertThatThrownBy(() -> new Pacer(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
