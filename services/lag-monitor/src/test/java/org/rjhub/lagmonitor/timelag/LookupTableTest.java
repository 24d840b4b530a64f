package org.rjhub.lagmonitor.timelag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.rjhub.lagmonitor.timelag.LookupTable.Point;

class LookupTableTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");

    private static Instant at(double seconds) {
        return T0.plusMillis(Math.round(seconds * 1000));
    }

    @Test
    void shouldReportZeroWhenTheCommittedOffsetIsTheLogEndOffset() {
        // Given a partition whose log end reached 300
        LookupTable table = table(new long[] {100, 200, 300}, 0, 10, 20);

        // When a consumer has committed 300
        TimeLag lag = table.lag(300, at(25));

        // Then it is caught up
        assertThat(lag).isEqualTo(TimeLag.CAUGHT_UP);
    }

    @Test
    void shouldReportZeroWhenTheCommittedOffsetIsBeyondTheLastRecordedLogEnd() {
        // Given a table whose newest point is older than the consumer's commit
        LookupTable table = table(new long[] {100, 200}, 0, 10);

        // When the consumer committed past it
        TimeLag lag = table.lag(250, at(15));

        // Then it is caught up, not negative
        assertThat(lag).isEqualTo(TimeLag.CAUGHT_UP);
    }

    @Test
    void shouldInterpolateBetweenTheTwoPointsAroundTheCommittedOffset() {
        // Given the log end went from 100 at t=0 s to 200 at t=10 s, then to 300 at t=20 s
        LookupTable table = table(new long[] {100, 200, 300}, 0, 10, 20);

        // When a consumer committed 150, halfway between the first two points, and it is now t=30 s
        TimeLag lag = table.lag(150, at(30));

        // Then offset 150 was the log end at t=5 s: 25 s ago
        assertThat(lag.method()).isEqualTo(TimeLag.Method.INTERPOLATED);
        assertThat(lag.seconds()).isCloseTo(25.0, within(1e-6));
    }

    @Test
    void shouldUseThePointItselfWhenTheCommittedOffsetWasRecorded() {
        // Given the log end stood at 200 at t=10 s
        LookupTable table = table(new long[] {100, 200, 300}, 0, 10, 20);

        // When a consumer committed exactly 200
        TimeLag lag = table.lag(200, at(30));

        // Then its lag started at t=10 s
        assertThat(lag.seconds()).isCloseTo(20.0, within(1e-6));
    }

    @Test
    void shouldUseTheLastMomentTheLogEndStoodAtTheOffsetOnAFlatLine() {
        // Given the log end stood at 200 from t=10 s to t=40 s, then moved to 260 at t=50 s
        LookupTable table = table(new long[] {100, 200, 200, 200, 260}, 0, 10, 20, 40, 50);

        // When a consumer committed 200
        TimeLag lag = table.lag(200, at(60));

        // Then the record at 200 did not exist before t=40 s: the lag is 20 s, not 50 s
        assertThat(lag.method()).isEqualTo(TimeLag.Method.INTERPOLATED);
        assertThat(lag.seconds()).isCloseTo(20.0, within(1e-6));
    }

    @Test
    void shouldExtrapolateBeforeTheFirstPointAlongTheTrendOfTheWholeTable() {
        // Given 100 records every 10 s between t=100 s and t=120 s (offsets 1000 to 1200)
        LookupTable table = table(new long[] {1000, 1100, 1200}, 100, 110, 120);

        // When a consumer committed 500, older than the table
        TimeLag lag = table.lag(500, at(120));

        // Then at 10 records a second offset 500 was the log end at t=50 s: 70 s ago
        assertThat(lag.method()).isEqualTo(TimeLag.Method.EXTRAPOLATED);
        assertThat(lag.seconds()).isCloseTo(70.0, within(1e-6));
    }

    @Test
    void shouldReportUnknownWithFewerThanTwoPoints() {
        // Given only the first poll
        LookupTable table = table(new long[] {100}, 0);

        // When a consumer is behind
        TimeLag lag = table.lag(40, at(5));

        // Then there is no trend yet to estimate from
        assertThat(lag).isEqualTo(TimeLag.UNKNOWN);
        assertThat(lag.seconds()).isNaN();
    }

    @Test
    void shouldReportALowerBoundWhenTheLogEndNeverMovedWhileRecorded() {
        // Given a quiet topic: the log end stayed at 100 from t=0 s to t=30 s
        LookupTable table = table(new long[] {100, 100, 100}, 0, 10, 30);

        // When a consumer is at 40
        TimeLag lag = table.lag(40, at(45));

        // Then offset 40 was passed before t=0 s: at least 45 s
        assertThat(lag.method()).isEqualTo(TimeLag.Method.LOWER_BOUND);
        assertThat(lag.seconds()).isCloseTo(45.0, within(1e-6));
    }

    @Test
    void shouldCompressAFlatLineToItsTwoEnds() {
        // Given the log end at 100 on four polls
        LookupTable table = table(new long[] {50, 100, 100, 100, 100}, 0, 10, 20, 30, 40);

        // Then only the first and the latest moment at 100 are kept
        assertThat(table.points())
                .containsExactly(new Point(50, at(0)), new Point(100, at(10)), new Point(100, at(40)));
    }

    @Test
    void shouldDropTheOldestPointWhenFull() {
        // Given a table of three points
        LookupTable table = new LookupTable(3);

        // When four different log ends are recorded
        table.add(10, at(0));
        table.add(20, at(1));
        table.add(30, at(2));
        table.add(40, at(3));

        // Then the oldest is gone
        assertThat(table.points()).extracting(Point::offset).containsExactly(20L, 30L, 40L);
    }

    @Test
    void shouldStartAgainWhenTheLogEndGoesBackwards() {
        // Given a table up to 500
        LookupTable table = table(new long[] {400, 500}, 0, 10);

        // When the log end is 3 (the topic was deleted and created again)
        table.add(3, at(20));

        // Then the old history is dropped
        assertThat(table.points()).containsExactly(new Point(3, at(20)));
    }

    @Test
    void shouldIgnoreAPointThatIsNotNewerThanTheLastOne() {
        // Given a point at t=10 s
        LookupTable table = table(new long[] {100}, 10);

        // When a point with an earlier time arrives
        table.add(200, at(5));

        // Then it is ignored
        assertThat(table.points()).containsExactly(new Point(100, at(10)));
    }

    @Test
    void shouldNeverReportANegativeLag() {
        // Given a table recorded after "now" (the wall clock stepped back)
        LookupTable table = table(new long[] {100, 200}, 10, 20);

        // When the lag is asked at a time before the estimated time of the offset
        TimeLag lag = table.lag(150, at(0));

        // Then it is zero, not negative
        assertThat(lag.seconds()).isZero();
    }

    @Test
    void shouldTellTheLogEndKnownAtAGivenTime() {
        // Given log ends 100 at t=0 s, 200 at t=10 s and 200 until t=30 s
        LookupTable table = table(new long[] {100, 200, 200, 200}, 0, 10, 20, 30);

        // Then
        assertThat(table.offsetAt(at(-1))).isEmpty();
        assertThat(table.offsetAt(at(0))).hasValue(100);
        assertThat(table.offsetAt(at(9.9))).hasValue(100);
        assertThat(table.offsetAt(at(25))).hasValue(200);
        assertThat(table.offsetAt(at(99))).hasValue(200);
    }

    @Test
    void shouldRefuseATableTooSmallToInterpolate() {
        assertThatThrownBy(() -> new LookupTable(1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LookupTable table(long[] offsets, double... seconds) {
        LookupTable table = new LookupTable(60);
        for (int i = 0; i < offsets.length; i++) {
            table.add(offsets[i], at(seconds[i]));
        }
        return table;
    }
}
