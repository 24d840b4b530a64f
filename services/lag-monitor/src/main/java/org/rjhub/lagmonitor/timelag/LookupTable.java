package org.rjhub.lagmonitor.timelag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * One partition's history of log-end offsets: a bounded table of (offset, wall-clock time) points, one recorded per
 * poll, from which the time a given offset was the log-end offset is estimated (kafka-lag-exporter's method).
 * <ul>
 *   <li>Points only move forward in time; a log-end offset that goes backwards (the topic was re-created) starts a
 *       new table.</li>
 *   <li>A flat line (the same offset on three or more polls) is kept as its two ends: the right end moves forward,
 *       so a quiet topic does not push real history out of the table.</li>
 *   <li>When full, the oldest point goes.</li>
 * </ul>
 * Not thread-safe: one poller owns it.
 */
public final class LookupTable {

    /** One observation: the log-end offset at a moment. */
    public record Point(long offset, Instant time) {}

    private final int capacity;
    private final List<Point> points = new ArrayList<>();

    public LookupTable(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a lookup table needs room for two points, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records the log-end offset observed at {@code time}. */
    public void add(long logEndOffset, Instant time) {
        if (!points.isEmpty()) {
            Point last = last();
            if (!time.isAfter(last.time())) {
                return;
            }
            if (logEndOffset < last.offset()) {
                points.clear();
            } else if (logEndOffset == last.offset()
                    && points.size() >= 2
                    && points.get(points.size() - 2).offset() == logEndOffset) {
                points.set(points.size() - 1, new Point(logEndOffset, time));
                return;
            }
        }
        if (points.size() == capacity) {
            points.remove(0);
        }
        points.add(new Point(logEndOffset, time));
    }

    /**
     * The lag in seconds of a consumer whose committed offset is {@code committedOffset}: {@code now} minus the
     * estimated time at which that offset was the log-end offset. Zero when it is the newest log-end offset (or
     * beyond it).
     */
    public TimeLag lag(long committedOffset, Instant now) {
        if (!points.isEmpty() && committedOffset >= last().offset()) {
            return TimeLag.CAUGHT_UP;
        }
        if (points.size() < 2) {
            return TimeLag.UNKNOWN;
        }
        // newest pair first: the latest moment the log end stood at (or passed) the offset
        for (int i = points.size() - 1; i > 0; i--) {
            Point left = points.get(i - 1);
            Point right = points.get(i);
            if (left.offset() <= committedOffset && committedOffset <= right.offset()) {
                return since(interpolate(left, right, committedOffset), now, TimeLag.Method.INTERPOLATED);
            }
        }
        Point first = points.get(0);
        Point last = last();
        if (first.offset() == last.offset()) {
            // the log end has not moved since the table began: the offset was passed before the first point
            return since(first.time(), now, TimeLag.Method.LOWER_BOUND);
        }
        return since(interpolate(first, last, committedOffset), now, TimeLag.Method.EXTRAPOLATED);
    }

    /** The log-end offset known at {@code time}: that of the newest point not after it; empty before the table. */
    public OptionalLong offsetAt(Instant time) {
        for (int i = points.size() - 1; i >= 0; i--) {
            if (!points.get(i).time().isAfter(time)) {
                return OptionalLong.of(points.get(i).offset());
            }
        }
        return OptionalLong.empty();
    }

    /** The points, oldest first. */
    public List<Point> points() {
        return List.copyOf(points);
    }

    private Point last() {
        return points.get(points.size() - 1);
    }

    /** The time on the line through {@code a} and {@code b} at which the log end was {@code offset}. */
    private static Instant interpolate(Point a, Point b, long offset) {
        if (b.offset() == a.offset()) {
            return b.time();
        }
        double nanosPerOffset = (double) Duration.between(a.time(), b.time()).toNanos() / (b.offset() - a.offset());
        return b.time().minusNanos(Math.round((b.offset() - offset) * nanosPerOffset));
    }

    private static TimeLag since(Instant time, Instant now, TimeLag.Method method) {
        double seconds = Duration.between(time, now).toNanos() / 1e9;
        return new TimeLag(Math.max(0, seconds), method);
    }
}
