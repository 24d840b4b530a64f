package org.rjhub.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End-to-end latencies of one phase, recorded in microseconds with three significant digits
 * (values up to an hour; a larger one is clamped, never dropped).
 */
final class LatencyStats {

    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);

    /** Records one latency given in nanoseconds; negative values (clock noise) count as zero. */
    void recordNanos(long nanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos));
        histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0 to 100) in milliseconds; 0 when nothing was recorded. */
    double percentileMillis(double percentile) {
        if (percentile < 0 || percentile > 100) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, was " + percentile);
        }
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return count() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }

    double meanMillis() {
        return count() == 0 ? 0 : histogram.getMean() / 1000.0;
    }
}
