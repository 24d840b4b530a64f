package org.rjhub.cases.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseState;

class BusinessLagViewTest {

    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @Test
    void shouldReportTheOldestOpenUnassignedCasePerQueue() {
        var readings = BusinessLagView.oldestUnassigned(
                List.of(
                        kase("harlow", "2026-11-20T12:00:00Z", null, CaseState.Status.OPEN),
                        kase("harlow", "2026-11-18T12:00:00Z", null, CaseState.Status.OPEN),
                        kase("harlow", "2026-11-01T12:00:00Z", "FAC-1", CaseState.Status.OPEN),
                        kase("specialist", "2026-11-10T12:00:00Z", null, CaseState.Status.CLOSED)),
                NOW);

        assertThat(readings)
                .containsExactly(new BusinessLagView.Reading(BusinessLagView.OLDEST_UNASSIGNED, "harlow", 3 * 86_400));
    }

    private static CaseState kase(String queue, String referredAt, String facilitator, CaseState.Status status) {
        CaseState c = new CaseState();
        c.caseId = queue + referredAt;
        c.queue = queue;
        c.referredAt = Instant.parse(referredAt);
        c.facilitator = facilitator;
        c.status = status;
        return c;
    }
}
