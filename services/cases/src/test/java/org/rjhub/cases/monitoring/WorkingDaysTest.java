package org.rjhub.cases.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service levels' calendar: working days in London, weekends and bank holidays left out. */
class WorkingDaysTest {

    /** Christmas Day, the substitute for Boxing Day (a Saturday in 2026), New Year's Day. */
    private static final Set<LocalDate> HOLIDAYS =
            Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2026-12-28"), LocalDate.parse("2027-01-01"));

    private static final ServiceLevels LEVELS = new ServiceLevels(
            10, Duration.ofDays(30), Duration.ofDays(3), Duration.ofHours(2), HOLIDAYS, ZoneId.of("Europe/London"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Monday, one day: the end of Tuesday                 | 2026-11-02T09:00:00Z | 1  | 2026-11-04T00:00:00Z
            Friday, one day: over the weekend                   | 2026-11-06T09:00:00Z | 1  | 2026-11-10T00:00:00Z
            Saturday counts from Monday                         | 2026-11-07T09:00:00Z | 1  | 2026-11-10T00:00:00Z
            Sunday counts from Monday                           | 2026-11-08T21:00:00Z | 1  | 2026-11-10T00:00:00Z
            five days: a working week                           | 2026-11-02T09:00:00Z | 5  | 2026-11-10T00:00:00Z
            ten days: two weekends                              | 2026-11-02T09:00:00Z | 10 | 2026-11-17T00:00:00Z
            Christmas Eve: two bank holidays and a weekend      | 2026-12-24T10:00:00Z | 1  | 2026-12-30T00:00:00Z
            over New Year's Day                                 | 2026-12-30T10:00:00Z | 2  | 2027-01-05T00:00:00Z
            late Friday UTC is Saturday in London in summer     | 2026-07-03T23:30:00Z | 1  | 2026-07-06T23:00:00Z
            late Friday UTC is still Friday in London in winter | 2026-11-06T23:30:00Z | 1  | 2026-11-10T00:00:00Z
            across the end of summer time                       | 2026-10-23T09:00:00Z | 1  | 2026-10-27T00:00:00Z
            """)
    void shouldCountWorkingDaysInLondon(String behaviour, Instant start, int days, Instant end) {
        assertThat(LEVELS.workingDaysAfter(start, days)).isEqualTo(end);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a winter day                    | 2026-11-20 | 2026-11-20T00:00:00Z | 2026-11-21T00:00:00Z
            a summer day                    | 2026-07-10 | 2026-07-09T23:00:00Z | 2026-07-10T23:00:00Z
            the day summer time ends (25 h) | 2026-10-25 | 2026-10-24T23:00:00Z | 2026-10-26T00:00:00Z
            the day summer time starts (23 h) | 2026-03-29 | 2026-03-29T00:00:00Z | 2026-03-29T23:00:00Z
            """)
    void shouldBoundADayInLondon(String behaviour, LocalDate day, Instant start, Instant end) {
        assertThat(LEVELS.startOf(day)).isEqualTo(start);
        assertThat(LEVELS.endOf(day)).isEqualTo(end);
    }

    @Test
    void shouldRefuseAFirstContactLevelOfNoWorkingDays() {
        assertThatThrownBy(() -> new ServiceLevels(
                        0,
                        Duration.ofDays(30),
                        Duration.ofDays(3),
                        Duration.ZERO,
                        HOLIDAYS,
                        ZoneId.of("Europe/London")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("firstContactWorkingDays");
    }
}
