package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.lifecycle.CaseEvents;
import org.rjhub.contracts.hub.AgencyReference;
import org.rjhub.contracts.hub.ClosureReason;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.SourceAgency;

/** Closed cases leave the case service's store and changelog after the declared retention, by wall-clock time. */
class CaseRetentionTest {

    private static final Instant T0 = CasesDriver.START;
    private static final String OPEN_CASE = "RJ-PR-2";

    private CasesDriver cases;

    @BeforeEach
    void start() {
        cases = new CasesDriver(Map.of(
                CasesConfig.CLOSED_RETENTION_DAYS,
                30,
                CasesConfig.RETENTION_SWEEP_MS,
                Duration.ofHours(1).toMillis()));
        cases.item(CaseFixtures.threeAgencyCase(T0));
        cases.item(CaseFixtures.item(
                OPEN_CASE,
                QueueItemType.NEW_CASE,
                T0,
                List.<AgencyReference>of(CaseFixtures.ref(SourceAgency.POLICE, "PR-2026-000999"))));
    }

    @AfterEach
    void stop() {
        cases.close();
    }

    @Test
    void shouldRemoveAClosedCaseFromTheStoreAndItsChangelogOnceItsRetentionHasPassed() {
        // Given a case closed an hour after the referral (wall clock at the start)
        cases.event(CaseEvents.on(CASE, "COORD-01").closed(T0.plus(Duration.ofHours(1)), ClosureReason.NO_CONTACT));
        assertThat(cases.state(CASE).closedAt).isEqualTo(T0.plus(Duration.ofHours(1)));

        // When 29 days pass on the wall clock, it is still kept
        cases.advanceWallClock(Duration.ofDays(29));
        assertThat(cases.state(CASE)).isNotNull();

        // When the 30 days since its closure have passed
        cases.advanceWallClock(Duration.ofDays(1).plusHours(2));

        // Then it is gone from the store, its changelog ends with a tombstone, and the open case stays
        assertThat(cases.state(CASE)).isNull();
        List<TestRecord<String, byte[]>> changelog = cases.changelog("cases");
        assertThat(changelog).isNotEmpty();
        TestRecord<String, byte[]> last = changelog.stream()
                .filter(r -> CASE.equals(r.key()))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.value()).as("a tombstone").isNull();
        assertThat(cases.state(OPEN_CASE)).isNotNull();
        assertThat(changelog.stream().filter(r -> OPEN_CASE.equals(r.key())).allMatch(r -> r.value() != null))
                .isTrue();
    }

    @Test
    void shouldKeepAnOpenCaseHoweverOld() {
        cases.advanceWallClock(Duration.ofDays(400));

        assertThat(cases.state(CASE)).isNotNull();
        assertThat(cases.state(OPEN_CASE)).isNotNull();
    }
}
