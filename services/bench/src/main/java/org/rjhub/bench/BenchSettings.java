package org.rjhub.bench;

/**
 * What one bench run does.
 *
 * @param referrals            referrals pre-published for the throughput phase (and records of the raw baseline)
 * @param ratePerSecond        send rate of the latency phase
 * @param latencySeconds       length of the latency phase
 * @param seed                 simulator seed (the latency phase uses {@code seed + 1})
 * @param commitIntervalMs     the router's {@code commit.interval.ms} (exactly-once transaction length)
 * @param streamThreads        the router's {@code num.stream.threads}
 * @param routerOverrides      any other router settings for this run
 * @param warmupReferrals      referrals sent through the router, untimed, before the throughput phase
 * @param historyReferrals     referrals preloaded after the warm-up, untimed, so the timed backlog meets that history
 */
record BenchSettings(
        int referrals,
        int ratePerSecond,
        int latencySeconds,
        long seed,
        long commitIntervalMs,
        int streamThreads,
        java.util.Map<String, String> routerOverrides,
        int warmupReferrals,
        int historyReferrals) {

    BenchSettings {
        routerOverrides = java.util.Map.copyOf(routerOverrides);
        if (referrals < 1) {
            throw new IllegalArgumentException("--referrals must be at least 1, was " + referrals);
        }
        if (warmupReferrals < 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more, was " + warmupReferrals);
        }
        if (historyReferrals < 0) {
            throw new IllegalArgumentException("--history must be 0 or more, was " + historyReferrals);
        }
        if (ratePerSecond < 1) {
            throw new IllegalArgumentException("--rate must be at least 1 per second, was " + ratePerSecond);
        }
        if (latencySeconds < 1) {
            throw new IllegalArgumentException("--latency-seconds must be at least 1, was " + latencySeconds);
        }
        if (commitIntervalMs < 10) {
            throw new IllegalArgumentException(
                    "the router's commit interval must be at least 10 ms, was " + commitIntervalMs);
        }
        if (streamThreads < 1) {
            throw new IllegalArgumentException("the router needs at least 1 stream thread, was " + streamThreads);
        }
        Pacer.count(ratePerSecond, latencySeconds); // validates the product
    }

    /** Referrals sent in the latency phase. */
    int latencyReferrals() {
        return Pacer.count(ratePerSecond, latencySeconds);
    }
}
