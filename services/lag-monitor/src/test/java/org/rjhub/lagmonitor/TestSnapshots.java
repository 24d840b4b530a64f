package org.rjhub.lagmonitor;

import java.time.Instant;
import java.util.List;
import org.rjhub.lagmonitor.status.BurrowEvaluator;
import org.rjhub.lagmonitor.status.Evidence;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.status.PartitionVerdict;
import org.rjhub.lagmonitor.status.WindowEntry;
import org.rjhub.lagmonitor.timelag.TimeLag;

/** Hand-made snapshots for the tests of the views. */
public final class TestSnapshots {

    public static final Instant AT = Instant.parse("2026-11-02T09:00:00Z");

    private TestSnapshots() {}

    public static PartitionLag partition(
            String topic,
            int partition,
            long committed,
            long end,
            TimeLag timeLag,
            PartitionStatus status,
            String reason) {
        Evidence evidence = new Evidence(
                AT,
                end - committed,
                List.of(
                        WindowEntry.of(committed, AT.minusSeconds(5), end - committed),
                        WindowEntry.withUnknownLag(committed, AT.minusSeconds(10))),
                List.of(end),
                0.2);
        return new PartitionLag(
                topic,
                partition,
                committed,
                end,
                end - committed,
                timeLag,
                new PartitionVerdict(status, reason, evidence));
    }

    public static GroupLag group(String id, PartitionLag... partitions) {
        return new GroupLag(
                id,
                "Stable",
                BurrowEvaluator.evaluateGroup(
                        List.of(partitions).stream().map(PartitionLag::status).toList()),
                List.of(partitions));
    }

    public static LagSnapshot snapshot(GroupLag... groups) {
        return new LagSnapshot(AT, List.of(groups), List.of());
    }
}
