package org.rjhub.lagmonitor.business;

import java.time.Duration;
import java.util.Objects;

/**
 * One reading of lag as the service's users feel it, exported as {@code rj_business_lag_seconds{measure,queue}}.
 *
 * @param measure what is measured, in snake case: e.g. {@code oldest_unassigned_case_age},
 *                {@code time_to_first_contact}
 * @param queue   the facilitator queue (or other unit) the reading is about
 * @param age     the value
 */
public record BusinessLag(String measure, String queue, Duration age) {

    public BusinessLag {
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(age, "age");
        if (!measure.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("measure must be snake case, was " + measure);
        }
    }
}
