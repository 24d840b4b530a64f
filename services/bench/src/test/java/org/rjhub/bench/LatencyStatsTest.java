package org.rjhub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    /** Three significant digits: a percentile may read up to 0.1 % high. */
    private static final double PRECISION = 0.001;

    @Test
    void shouldGiveTheMedianAndThe99thPercentileOfUniformLatencies() {
        // Given latencies of 1, 2, ... 1000 ms
        LatencyStats stats = new LatencyStats();
        for (int ms = 1; ms <= 1_000; ms++) {
            stats.recordNanos(TimeUnit.MILLISECONDS.toNanos(ms));
        }

        // Then the percentiles are the values at those ranks
        assertThat(stats.count()).isEqualTo(1_000);
        assertThat(stats.percentileMillis(50)).isCloseTo(500, within(500 * PRECISION));
        assertThat(stats.percentileMillis(99)).isCloseTo(990, within(990 * PRECISION));
        assertThat(stats.percentileMillis(100)).isCloseTo(1_000, within(1_000 * PRECISION));
        assertThat(stats.maxMillis()).isCloseTo(1_000, within(1_000 * PRECISION));
        assertThat(stats.meanMillis()).isCloseTo(500.5, within(500.5 * PRECISION));
    }

    @Test
    void shouldNotLetOneOutlierMoveThe99thPercentileOfAHundred() {
        // Given 99 fast acknowledgements and one stuck behind a slow commit
        LatencyStats stats = new LatencyStats();
        for (int i = 0; i < 99; i++) {
            stats.recordNanos(TimeUnit.MILLISECONDS.toNanos(12));
        }
        stats.recordNanos(TimeUnit.SECONDS.toNanos(2));

        // Then p99 is still the fast one, the maximum shows the outlier
        assertThat(stats.percentileMillis(99)).isCloseTo(12, within(12 * PRECISION));
        assertThat(stats.percentileMillis(99.9)).isCloseTo(2_000, within(2_000 * PRECISION));
        assertThat(stats.maxMillis()).isCloseTo(2_000, within(2_000 * PRECISION));
    }

    @Test
    void shouldKeepSubMillisecondResolution() {
        LatencyStats stats = new LatencyStats();
        stats.recordNanos(1_234_567);

        assertThat(stats.percentileMillis(50)).isCloseTo(1.234, within(0.002));
    }

    @Test
    void shouldCountClockNoiseAsZeroAndClampHugeValuesInsteadOfDroppingThem() {
        LatencyStats stats = new LatencyStats();
        stats.recordNanos(-5_000);
        stats.recordNanos(TimeUnit.HOURS.toNanos(3));

        assertThat(stats.count()).isEqualTo(2);
        assertThat(stats.percentileMillis(50)).isZero();
        assertThat(stats.maxMillis()).isCloseTo(3_600_000, within(3_600_000 * PRECISION));
    }

    @Test
    void shouldReportZeroWhenNothingWasRecorded() {
        LatencyStats stats = new LatencyStats();

        assertThat(stats.percentileMillis(99)).isZero();
        assertThat(stats.maxMillis()).isZero();
        assertThatThrownBy(() -> stats.percentileMillis(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
