package org.rjhub.lagmonitor.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * LinkedIn Burrow's consumer evaluation, as pure functions of a window of offset commits. The rules, in the order of
 * Burrow's current evaluator ({@code core/internal/evaluator/caching.go}):
 * <ol>
 *   <li>no commit in the window, or no lag now: <b>OK</b>;</li>
 *   <li>the time since the last commit is longer than the window spans (last minus first commit) and none of the
 *       recently polled log-end offsets shows the consumer caught up: <b>STOP</b> (checked before the zero-lag rule,
 *       because the zero may be old);</li>
 *   <li>the lag was zero at some commit in the window: <b>OK</b>;</li>
 *   <li>the committed offset went backwards between two commits: <b>REWIND</b>;</li>
 *   <li>two or more commits, all of the same offset: <b>STALL</b>;</li>
 *   <li>the lag grew at every step (two or more known lags, strictly increasing): <b>WARN</b>;</li>
 *   <li>otherwise <b>OK</b>.</li>
 * </ol>
 * Two deliberate differences from Burrow: a single commit is never a STALL (Burrow's "all offsets equal" is trivially
 * true for one), and WARN needs strictly growing lag where Burrow accepts a lag that merely does not decrease (a
 * steady lag of a consumer that keeps pace is not a warning here).
 */
public final class BurrowEvaluator {

    private BurrowEvaluator() {}

    /**
     * Evaluates one partition.
     *
     * @param window              the offset commits, oldest first
     * @param windowSize          the number of slots of the window (for the completeness figure)
     * @param recentLogEndOffsets the last log-end offsets polled, oldest first
     * @param currentLag          log-end offset minus committed offset now
     * @param now                 the moment of the evaluation
     */
    public static PartitionVerdict evaluatePartition(
            List<WindowEntry> window, int windowSize, List<Long> recentLogEndOffsets, long currentLag, Instant now) {
        Evidence evidence = new Evidence(
                now,
                currentLag,
                window,
                recentLogEndOffsets,
                windowSize == 0 ? 0 : Math.min(1.0, (double) window.size() / windowSize));
        if (window.isEmpty()) {
            return new PartitionVerdict(PartitionStatus.OK, "no offset commit seen yet", evidence);
        }
        if (currentLag <= 0) {
            return new PartitionVerdict(PartitionStatus.OK, "caught up", evidence);
        }
        WindowEntry first = window.get(0);
        WindowEntry last = window.get(window.size() - 1);
        Duration span = Duration.between(first.timestamp(), last.timestamp());
        Duration silence = Duration.between(last.timestamp(), now);
        if (silence.compareTo(span) > 0 && !recentlyCaughtUp(last.offset(), recentLogEndOffsets)) {
            return new PartitionVerdict(
                    PartitionStatus.STOP,
                    String.format(
                            Locale.ROOT,
                            "no commit for %s, longer than the window spans (%s), while lag is %d",
                            seconds(silence),
                            seconds(span),
                            currentLag),
                    evidence);
        }
        if (lagTouchedZero(window)) {
            return new PartitionVerdict(PartitionStatus.OK, "lag touched zero within the window", evidence);
        }
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).offset() < window.get(i - 1).offset()) {
                return new PartitionVerdict(
                        PartitionStatus.REWIND,
                        String.format(
                                Locale.ROOT,
                                "committed offset went back from %d to %d at %s",
                                window.get(i - 1).offset(),
                                window.get(i).offset(),
                                window.get(i).timestamp()),
                        evidence);
            }
        }
        if (window.size() >= 2 && window.stream().allMatch(e -> e.offset() == first.offset())) {
            return new PartitionVerdict(
                    PartitionStatus.STALL,
                    String.format(
                            Locale.ROOT,
                            "%d commits of offset %d over %s while lag is %d",
                            window.size(),
                            first.offset(),
                            seconds(span),
                            currentLag),
                    evidence);
        }
        if (lagGrowsAtEveryStep(window)) {
            return new PartitionVerdict(
                    PartitionStatus.WARN,
                    String.format(Locale.ROOT, "lag grew at every commit of the window, to %d", currentLag),
                    evidence);
        }
        return new PartitionVerdict(PartitionStatus.OK, "consumer is making progress", evidence);
    }

    /** The group's status: the worst partition, with STOP, STALL and REWIND counting as ERR. */
    public static GroupStatus evaluateGroup(Collection<PartitionStatus> partitions) {
        GroupStatus group = GroupStatus.OK;
        for (PartitionStatus p : partitions) {
            if (p.isError()) {
                return GroupStatus.ERR;
            }
            if (p == PartitionStatus.WARN) {
                group = GroupStatus.WARN;
            }
        }
        return group;
    }

    /** Burrow's guard against declaring a stop while a recent poll saw the consumer at the log end. */
    static boolean recentlyCaughtUp(long lastCommittedOffset, List<Long> recentLogEndOffsets) {
        return recentLogEndOffsets.stream().anyMatch(leo -> leo <= lastCommittedOffset);
    }

    static boolean lagTouchedZero(List<WindowEntry> window) {
        return window.stream().anyMatch(e -> e.lag().isPresent() && e.lag().getAsLong() == 0);
    }

    /** At least two known lags, each greater than the previous known one; unknown lags are skipped. */
    static boolean lagGrowsAtEveryStep(List<WindowEntry> window) {
        long previous = -1;
        int known = 0;
        for (WindowEntry e : window) {
            OptionalLong lag = e.lag();
            if (lag.isEmpty()) {
                continue;
            }
            if (known > 0 && lag.getAsLong() <= previous) {
                return false;
            }
            previous = lag.getAsLong();
            known++;
        }
        return known >= 2;
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
