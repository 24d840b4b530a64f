package org.rjhub.cli.up;

import java.util.ArrayList;
import java.util.List;

/** The table {@code hub up} prints: one row per part of the hub, its address, and whether it is ready. */
public final class StatusTable {

    /**
     * One part of the hub.
     *
     * @param name    e.g. {@code router}
     * @param address where it answers, e.g. {@code http://127.0.0.1:8081}
     * @param state   e.g. {@code ready}
     * @param note    anything else worth a glance (a log file, a process id); may be empty
     */
    public record Row(String name, String address, String state, String note) {}

    private StatusTable() {}

    /** The rows as aligned columns under a header line, one line each, ending with a line separator. */
    public static String render(List<Row> rows) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"SERVICE", "ADDRESS", "STATUS", ""});
        rows.forEach(r -> lines.add(new String[] {r.name(), r.address(), r.state(), r.note()}));
        int[] width = new int[3];
        for (String[] line : lines) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] line : lines) {
            String text = String.format(
                    "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s",
                    line[0],
                    line[1],
                    line[2],
                    line[3]);
            out.append(text.stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** A one-line summary: {@code 5 of 7 ready; not ready: router, facts}. */
    public static String summary(List<Row> rows, String readyState) {
        List<String> waiting = rows.stream()
                .filter(r -> !r.state().equals(readyState))
                .map(Row::name)
                .toList();
        return (rows.size() - waiting.size()) + " of " + rows.size() + " ready"
                + (waiting.isEmpty() ? "" : "; not ready: " + String.join(", ", waiting));
    }
}
