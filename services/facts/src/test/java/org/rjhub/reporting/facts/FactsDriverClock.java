package org.rjhub.reporting.facts;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Event times for synthetic case events: a day apart, after the referrals. */
public final class FactsDriverClock {

    private static final AtomicLong DAYS = new AtomicLong();

    private FactsDriverClock() {}

    public static Instant next() {
        return Instant.parse("2026-11-10T09:00:00Z").plusSeconds(86_400 * DAYS.incrementAndGet());
    }
}
