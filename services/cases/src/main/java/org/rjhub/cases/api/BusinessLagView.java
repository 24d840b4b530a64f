package org.rjhub.cases.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rjhub.cases.lifecycle.CaseState;

/**
 * Business lag as facilitators' coordinators feel it: per facilitator queue, how long the oldest
 * open case without a facilitator has waited since referral. Served on {@code GET /business-lag}
 * for the lag monitor ({@code rj_business_lag_seconds}).
 */
public final class BusinessLagView {

    /** Measure name of the oldest unassigned case's age. */
    public static final String OLDEST_UNASSIGNED = "oldest_unassigned_case_age";

    private BusinessLagView() {}

    /**
     * One reading.
     *
     * @param measure    {@link #OLDEST_UNASSIGNED}
     * @param queue      facilitator queue
     * @param ageSeconds age in seconds
     */
    public record Reading(String measure, String queue, long ageSeconds) {}

    public static List<Reading> oldestUnassigned(List<CaseState> cases, Instant now) {
        Map<String, Instant> oldest = new TreeMap<>();
        for (CaseState c : cases) {
            if (c.status == CaseState.Status.OPEN && c.facilitator == null && c.queue != null && c.referredAt != null) {
                oldest.merge(c.queue, c.referredAt, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<Reading> out = new ArrayList<>();
        oldest.forEach((queue, at) -> out.add(new Reading(
                OLDEST_UNASSIGNED, queue, Math.max(0, Duration.between(at, now).toSeconds()))));
        return out;
    }
}
