package org.rjhub.lagmonitor.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BurrowEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final int SIZE = 5;
    /** Log-end offsets that never show the consumer caught up. */
    private static final List<Long> FAR_AHEAD = List.of(10_000L, 10_000L);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** A window of commits every 10 s from t=0 s: offsets and lags given in pairs. */
    private static List<WindowEntry> commitsEvery10s(long... offsetLagPairs) {
        List<WindowEntry> window = new ArrayList<>();
        for (int i = 0; i < offsetLagPairs.length; i += 2) {
            window.add(WindowEntry.of(offsetLagPairs[i], at(10L * i / 2), offsetLagPairs[i + 1]));
        }
        return window;
    }

    private static PartitionVerdict evaluate(List<WindowEntry> window, long currentLag, Instant now) {
        return BurrowEvaluator.evaluatePartition(window, SIZE, FAR_AHEAD, currentLag, now);
    }

    @Test
    void shouldReportOkWhenNoCommitHasBeenSeen() {
        // Given an empty window, When evaluated with lag
        PartitionVerdict verdict = evaluate(List.of(), 50, at(100));

        // Then there is nothing to judge
        assertThat(verdict.status()).isEqualTo(PartitionStatus.OK);
        assertThat(verdict.reason()).contains("no offset commit");
    }

    @Test
    void shouldReportOkWhenTheCurrentLagIsZero() {
        // Given a window that rewound and then stopped committing long ago
        List<WindowEntry> window = commitsEvery10s(50, 10, 40, 20);

        // When the consumer is caught up now
        PartitionVerdict verdict = evaluate(window, 0, at(1_000));

        // Then nothing is wrong
        assertThat(verdict.status()).isEqualTo(PartitionStatus.OK);
        assertThat(verdict.reason()).isEqualTo("caught up");
    }

    @Test
    void shouldReportOkWhenTheLagTouchedZeroWithinTheWindow() {
        // Given commits whose lag was zero once and that would otherwise be a warning
        List<WindowEntry> window = commitsEvery10s(10, 0, 20, 5, 30, 9, 40, 12);

        // When evaluated just after the last commit
        PartitionVerdict verdict = evaluate(window, 12, at(31));

        // Then it is OK
        assertThat(verdict.status()).isEqualTo(PartitionStatus.OK);
        assertThat(verdict.reason()).contains("touched zero");
    }

    @Test
    void shouldReportRewindWhenTheCommittedOffsetWentBackwards() {
        // Given commits 100, 120, 140 and then 30 (an offset reset), all with lag
        List<WindowEntry> window = commitsEvery10s(100, 50, 120, 40, 140, 30, 30, 140);

        // When evaluated shortly after the last commit
        PartitionVerdict verdict = evaluate(window, 140, at(35));

        // Then the partition rewound, and the evidence holds the window
        assertThat(verdict.status()).isEqualTo(PartitionStatus.REWIND);
        assertThat(verdict.reason()).contains("from 140 to 30");
        assertThat(verdict.evidence().window()).isEqualTo(window);
        assertThat(verdict.evidence().currentLag()).isEqualTo(140);
    }

    @Test
    void shouldReportStopWhenNoCommitForLongerThanTheWindowSpans() {
        // Given commits from t=0 s to t=30 s (the window spans 30 s), with lag
        List<WindowEntry> window = commitsEvery10s(10, 5, 20, 6, 30, 4, 40, 7);

        // When it is t=61 s: 31 s without a commit
        PartitionVerdict verdict = evaluate(window, 9, at(61));

        // Then the consumer has stopped
        assertThat(verdict.status()).isEqualTo(PartitionStatus.STOP);
        assertThat(verdict.reason()).contains("no commit for 31.0 s").contains("(30.0 s)");
    }

    @Test
    void shouldNotReportStopWhileTheSilenceIsShorterThanTheWindowSpans() {
        // Given the same window
        List<WindowEntry> window = commitsEvery10s(10, 5, 20, 6, 30, 4, 40, 7);

        // When it is t=60 s: exactly 30 s without a commit
        PartitionVerdict verdict = evaluate(window, 9, at(60));

        // Then not yet
        assertThat(verdict.status()).isNotEqualTo(PartitionStatus.STOP);
    }

    @Test
    void shouldReportStopEvenIfTheLagTouchedZeroEarlierInTheWindow() {
        // Given a consumer that was caught up at its first commit, then stopped committing
        List<WindowEntry> window = commitsEvery10s(10, 0, 20, 3, 30, 8);

        // When there is lag long after the last commit
        PartitionVerdict verdict = evaluate(window, 50, at(200));

        // Then it is a stop: the zero is old news
        assertThat(verdict.status()).isEqualTo(PartitionStatus.STOP);
    }

    @Test
    void shouldNotReportStopWhileARecentLogEndShowsTheConsumerCaughtUp() {
        // Given a consumer whose last commit (30) was the log end a poll ago; a record arrived since
        List<WindowEntry> window = commitsEvery10s(10, 3, 20, 4, 30, 5);
        List<Long> recentLogEnds = List.of(30L, 30L, 31L);

        // When evaluated long after its last commit
        PartitionVerdict verdict = BurrowEvaluator.evaluatePartition(window, SIZE, recentLogEnds, 1, at(200));

        // Then it is not declared stopped (it may simply have had nothing to do)
        assertThat(verdict.status()).isNotEqualTo(PartitionStatus.STOP);
    }

    @Test
    void shouldReportStallWhenCommitsDoNotAdvanceWhileLagExists() {
        // Given a consumer that keeps committing offset 42 while records wait
        List<WindowEntry> window = commitsEvery10s(42, 10, 42, 15, 42, 20, 42, 25);

        // When evaluated right after its last commit
        PartitionVerdict verdict = evaluate(window, 25, at(31));

        // Then it is stalled
        assertThat(verdict.status()).isEqualTo(PartitionStatus.STALL);
        assertThat(verdict.reason()).contains("4 commits of offset 42");
    }

    @Test
    void shouldNotReportStallOnASingleCommit() {
        // Given one commit with lag
        List<WindowEntry> window = commitsEvery10s(42, 10);

        // When evaluated at the moment of that commit
        PartitionVerdict verdict = evaluate(window, 10, at(0));

        // Then one commit says nothing about commits that keep coming
        assertThat(verdict.status()).isEqualTo(PartitionStatus.OK);
    }

    @Test
    void shouldReportWarnWhenTheLagGrowsAtEveryStep() {
        // Given offsets advancing while the lag grows at every commit
        List<WindowEntry> window = commitsEvery10s(10, 5, 12, 8, 15, 11, 17, 20);

        // When evaluated right after the last commit
        PartitionVerdict verdict = evaluate(window, 20, at(31));

        // Then the consumer is too slow
        assertThat(verdict.status()).isEqualTo(PartitionStatus.WARN);
        assertThat(verdict.reason()).contains("lag grew");
    }

    @Test
    void shouldReportOkWhenTheLagGrowsButNotAtEveryStep() {
        // Given a lag that grows overall but shrank once
        List<WindowEntry> window = commitsEvery10s(10, 5, 12, 8, 15, 6, 17, 20);

        // When evaluated
        PartitionVerdict verdict = evaluate(window, 20, at(31));

        // Then it is OK
        assertThat(verdict.status()).isEqualTo(PartitionStatus.OK);
    }

    @Test
    void shouldReportOkWhenASteadyLagDoesNotGrow() {
        // Given a consumer that keeps pace, a constant 7 records behind
        List<WindowEntry> window = commitsEvery10s(10, 7, 20, 7, 30, 7);

        // When evaluated
        PartitionVerdict verdict = evaluate(window, 7, at(21));

        // Then it is OK (Burrow would warn on "not decreasing"; a steady lag is not a warning here)
        assertThat(verdict.status()).isEqualTo(PartitionStatus.OK);
    }

    @Test
    void shouldSkipUnknownLagsWhenCheckingGrowth() {
        // Given commits replayed at start-up (lag unknown) followed by growing known lags
        List<WindowEntry> window = List.of(
                WindowEntry.withUnknownLag(5, at(0)),
                WindowEntry.of(10, at(10), 4),
                WindowEntry.withUnknownLag(12, at(20)),
                WindowEntry.of(14, at(30), 9));

        // When evaluated
        PartitionVerdict verdict = evaluate(window, 9, at(31));

        // Then the known lags decide
        assertThat(verdict.status()).isEqualTo(PartitionStatus.WARN);
    }

    @Test
    void shouldNotWarnOnASingleKnownLag() {
        // Given only one commit with a known lag
        List<WindowEntry> window = List.of(WindowEntry.withUnknownLag(5, at(0)), WindowEntry.of(10, at(10), 4));

        // When evaluated
        PartitionVerdict verdict = evaluate(window, 4, at(11));

        // Then growth cannot be judged
        assertThat(verdict.status()).isEqualTo(PartitionStatus.OK);
    }

    @Test
    void shouldCheckRewindBeforeStall() {
        // Given an offset reset followed by commits of the reset offset
        List<WindowEntry> window = commitsEvery10s(50, 10, 20, 40, 20, 41, 20, 42);

        // When evaluated right after the last commit
        PartitionVerdict verdict = evaluate(window, 42, at(31));

        // Then the rewind is reported
        assertThat(verdict.status()).isEqualTo(PartitionStatus.REWIND);
    }

    @Test
    void shouldReportHowCompleteTheWindowIs() {
        // Given two commits in a window of five
        PartitionVerdict verdict = evaluate(commitsEvery10s(10, 0, 20, 0), 0, at(11));

        // Then it is 40 % complete
        assertThat(verdict.evidence().complete()).isEqualTo(0.4);
    }

    @ParameterizedTest
    @EnumSource(
            value = PartitionStatus.class,
            names = {"STOP", "STALL", "REWIND"})
    void shouldRaiseTheGroupToErrForAPartitionThatIs(PartitionStatus status) {
        assertThat(BurrowEvaluator.evaluateGroup(List.of(PartitionStatus.OK, PartitionStatus.WARN, status)))
                .isEqualTo(GroupStatus.ERR);
    }

    @Test
    void shouldRaiseTheGroupToWarnForAPartitionInWarn() {
        assertThat(BurrowEvaluator.evaluateGroup(List.of(PartitionStatus.OK, PartitionStatus.WARN)))
                .isEqualTo(GroupStatus.WARN);
    }

    @Test
    void shouldReportTheGroupOkWhenEveryPartitionIsOkOrItHasNone() {
        assertThat(BurrowEvaluator.evaluateGroup(List.of(PartitionStatus.OK, PartitionStatus.OK)))
                .isEqualTo(GroupStatus.OK);
        assertThat(BurrowEvaluator.evaluateGroup(List.of())).isEqualTo(GroupStatus.OK);
    }

    @Test
    void shouldBeDeterministic() {
        // Given the same inputs twice
        List<WindowEntry> window = commitsEvery10s(10, 5, 12, 8, 15, 11, 17, 20);

        // Then the same verdict
        assertThat(evaluate(window, 20, at(31))).isEqualTo(evaluate(window, 20, at(31)));
        assertThat(window.get(0).lag()).isEqualTo(OptionalLong.of(5));
    }
}
