package org.rjhub.lagmonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.lagmonitor.TestSnapshots.group;
import static org.rjhub.lagmonitor.TestSnapshots.partition;
import static org.rjhub.lagmonitor.TestSnapshots.snapshot;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.timelag.TimeLag;

class LagTableTest {

    @Test
    void shouldRenderOneAlignedRowPerGroupAndPartitionAndExplainWhatIsNotOk() {
        // Given a group with a stopped partition and one caught up
        LagSnapshot snapshot = snapshot(group(
                "rj-router",
                partition(
                        "police.referrals.v1",
                        0,
                        93,
                        100,
                        new TimeLag(12.46, TimeLag.Method.INTERPOLATED),
                        PartitionStatus.STOP,
                        "no commit for 40.0 s, longer than the window spans (30.0 s), while lag is 7"),
                partition("police.referrals.v1", 1, 40, 40, TimeLag.CAUGHT_UP, PartitionStatus.OK, "caught up")));

        // When rendered
        List<String> lines = LagTable.render(snapshot).lines().toList();

        // Then a header, two rows with right-aligned numbers, and the group's summary with the reason
        assertThat(lines.get(0))
                .isEqualTo("GROUP      TOPIC                PARTITION  COMMITTED  END  LAG  LAG_S  STATUS");
        assertThat(lines.get(1))
                .isEqualTo("rj-router  police.referrals.v1          0         93  100    7   12.5  STOP");
        assertThat(lines.get(2)).isEqualTo("rj-router  police.referrals.v1          1         40   40    0      0  OK");
        assertThat(lines)
                .contains(
                        "rj-router: ERR, lag 7 on 2 partitions, group Stable",
                        "  police.referrals.v1/0 STOP: no commit for 40.0 s, longer than the window spans (30.0 s), while lag is 7");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("as of " + TestSnapshots.AT);
    }

    @Test
    void shouldMarkUnknownAndLowerBoundLagInSeconds() {
        assertThat(LagTable.seconds(TimeLag.UNKNOWN)).isEqualTo("-");
        assertThat(LagTable.seconds(new TimeLag(45, TimeLag.Method.LOWER_BOUND)))
                .isEqualTo(">=45.0");
        assertThat(LagTable.seconds(new TimeLag(3.04, TimeLag.Method.EXTRAPOLATED)))
                .isEqualTo("3.0");
    }

    @Test
    void shouldSayWhenThereIsNothingToShow() {
        assertThat(LagTable.render(snapshot())).startsWith("No consumer groups to show.");
    }

    @Test
    void shouldShowAGroupWithoutCommittedOffsets() {
        String text = LagTable.render(snapshot(group("rj-new")));
        assertThat(text).contains("rj-new: OK, no committed offsets, group Stable");
    }
}
