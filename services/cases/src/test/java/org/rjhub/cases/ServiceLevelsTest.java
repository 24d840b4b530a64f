package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rjhub.cases.monitoring.ServiceLevels;
import org.rjhub.common.config.KafkaConnection;

class ServiceLevelsTest {

    private final ServiceLevels levels = CasesConfig.of(
                    KafkaConnection.of("localhost:9092", "http://localhost:8080"), Map.of())
            .serviceLevels();

    @Test
    void shouldCountTenWorkingDaysOverAWeekend() {
        assertThat(levels.workingDaysAfter(Instant.parse("2026-11-02T09:00:00Z"), 10))
                .isEqualTo(Instant.parse("2026-11-17T00:00:00Z"));
    }

    @Test
    void shouldSkipChristmasAndNewYearBankHolidays() {
        // Monday 21 December 2026: 22, 23, 24, 29, 30, 31 December, 4, 5, 6, 7 January
        assertThat(levels.workingDaysAfter(Instant.parse("2026-12-21T10:00:00Z"), 10))
                .isEqualTo(Instant.parse("2027-01-08T00:00:00Z"));
    }

    @Test
    void shouldCountDaysInLondonTimeInSummer() {
        // Friday 3 July 2026, 23:30 UTC is already Saturday in London; the first working day is Monday 6 July
        assertThat(levels.workingDaysAfter(Instant.parse("2026-07-03T23:30:00Z"), 1))
                .isEqualTo(Instant.parse("2026-07-06T23:00:00Z"));
    }
}
