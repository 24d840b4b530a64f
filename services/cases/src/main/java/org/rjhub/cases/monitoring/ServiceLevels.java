package org.rjhub.cases.monitoring;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;

/**
 * The service levels and reminders the case service watches.
 *
 * @param firstContactWorkingDays first contact with a party is due within this many working days of the referral
 * @param noProgress              longest time without any recorded event on an open case
 * @param reminderLead            how long before an action's due date the facilitator's queue is reminded
 * @param grace                   how long after a deadline the hub waits before acting, so that events a
 *                                little late or out of order do not raise false alarms
 * @param holidays                bank holidays (not working days)
 * @param zone                    the zone of dates and working days
 */
public record ServiceLevels(
        int firstContactWorkingDays,
        Duration noProgress,
        Duration reminderLead,
        Duration grace,
        Set<LocalDate> holidays,
        ZoneId zone) {

    public ServiceLevels {
        Objects.requireNonNull(noProgress, "noProgress");
        Objects.requireNonNull(reminderLead, "reminderLead");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(zone, "zone");
        holidays = Set.copyOf(holidays);
        if (firstContactWorkingDays < 1) {
            throw new IllegalArgumentException("firstContactWorkingDays must be at least 1");
        }
    }

    /**
     * The end of the {@code days}-th working day after the day of {@code start}: Monday to Friday,
     * bank holidays excluded.
     */
    public Instant workingDaysAfter(Instant start, int days) {
        LocalDate day = LocalDate.ofInstant(start, zone);
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY
                    && day.getDayOfWeek() != DayOfWeek.SUNDAY
                    && !holidays.contains(day)) {
                counted++;
            }
        }
        return endOf(day);
    }

    /** The first instant after {@code day}, in the service's zone. */
    public Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant of {@code day}, in the service's zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }
}
