package org.rjhub.lagmonitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rjhub.lagmonitor.business.BusinessLag;
import org.rjhub.lagmonitor.status.PartitionStatus;
import org.rjhub.lagmonitor.timelag.TimeLag;

/**
 * The terminal view of a snapshot: one row per group and partition
 * ({@code GROUP TOPIC PARTITION COMMITTED END LAG LAG_S STATUS}), then one line per group with its status, and the
 * reason of every partition that is not OK. {@code LAG_S} is {@code -} while unknown (first poll) and {@code >=n}
 * when only a lower bound is known.
 */
public final class LagTable {

    private static final String[] HEADER = {"GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG", "LAG_S", "STATUS"
    };
    private static final boolean[] RIGHT = {false, false, true, true, true, true, true, false};

    private LagTable() {}

    public static String render(LagSnapshot snapshot) {
        StringBuilder out = new StringBuilder();
        if (snapshot.groups().isEmpty()) {
            out.append("No consumer groups to show.").append('\n');
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            for (GroupLag g : snapshot.groups()) {
                for (PartitionLag p : g.partitions()) {
                    rows.add(new String[] {
                        g.group(),
                        p.topic(),
                        Integer.toString(p.partition()),
                        Long.toString(p.committedOffset()),
                        Long.toString(p.logEndOffset()),
                        Long.toString(p.lag()),
                        seconds(p.timeLag()),
                        p.status().name()
                    });
                }
            }
            appendAligned(out, rows, RIGHT);
            out.append('\n');
            for (GroupLag g : snapshot.groups()) {
                out.append(summary(g)).append('\n');
                for (PartitionLag p : g.partitions()) {
                    if (p.status() != PartitionStatus.OK) {
                        out.append("  ")
                                .append(p.topic())
                                .append('/')
                                .append(p.partition())
                                .append(' ')
                                .append(p.status())
                                .append(": ")
                                .append(p.verdict().reason())
                                .append('\n');
                    }
                }
            }
        }
        if (!snapshot.businessLag().isEmpty()) {
            out.append('\n');
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"MEASURE", "QUEUE", "AGE_S"});
            for (BusinessLag b : snapshot.businessLag()) {
                rows.add(new String[] {
                    b.measure(),
                    b.queue(),
                    String.format(Locale.ROOT, "%.1f", b.age().toMillis() / 1000.0)
                });
            }
            appendAligned(out, rows, new boolean[] {false, false, true});
        }
        out.append("as of ").append(snapshot.takenAt()).append('\n');
        return out.toString();
    }

    private static String summary(GroupLag g) {
        String what = g.partitions().isEmpty()
                ? "no committed offsets"
                : String.format(
                        Locale.ROOT,
                        "lag %d on %d partition%s",
                        g.totalLag(),
                        g.partitions().size(),
                        g.partitions().size() == 1 ? "" : "s");
        return String.format(Locale.ROOT, "%s: %s, %s, group %s", g.group(), g.status(), what, g.state());
    }

    static String seconds(TimeLag lag) {
        return switch (lag.method()) {
            case UNKNOWN -> "-";
            case CAUGHT_UP -> "0";
            case LOWER_BOUND -> String.format(Locale.ROOT, ">=%.1f", lag.seconds());
            default -> String.format(Locale.ROOT, "%.1f", lag.seconds());
        };
    }

    private static void appendAligned(StringBuilder out, List<String[]> rows, boolean[] right) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                String pad = " ".repeat(widths[i] - row[i].length());
                line.append(right[i] ? pad + row[i] : row[i] + (i == row.length - 1 ? "" : pad));
            }
            out.append(line).append('\n');
        }
    }
}
