package org.rjhub.lagmonitor.timelag;

import java.util.Objects;

/**
 * How far behind a consumer is, in seconds: now minus the estimated time at which its committed offset was the
 * partition's log-end offset (the method of kafka-lag-exporter).
 *
 * @param seconds the estimate; {@code NaN} when {@link Method#UNKNOWN}; never negative otherwise
 * @param method  how the estimate was obtained
 */
public record TimeLag(double seconds, Method method) {

    /** How the time was estimated. */
    public enum Method {
        /** The committed offset is the log-end offset: no lag. */
        CAUGHT_UP,
        /** Between two recorded (offset, time) points. */
        INTERPOLATED,
        /** Before the oldest point, along the trend of the whole table. */
        EXTRAPOLATED,
        /** The log-end offset did not move while recorded, so only "at least this long" is known. */
        LOWER_BOUND,
        /** Fewer than two points recorded yet (the first poll). */
        UNKNOWN
    }

    public static final TimeLag CAUGHT_UP = new TimeLag(0, Method.CAUGHT_UP);
    public static final TimeLag UNKNOWN = new TimeLag(Double.NaN, Method.UNKNOWN);

    public TimeLag {
        Objects.requireNonNull(method, "method");
        if (method == Method.UNKNOWN != Double.isNaN(seconds)) {
            throw new IllegalArgumentException("seconds is NaN exactly when the method is UNKNOWN");
        }
        if (seconds < 0) {
            throw new IllegalArgumentException("a lag is never negative, was " + seconds);
        }
    }

    public boolean known() {
        return method != Method.UNKNOWN;
    }
}
