package org.rjhub.dlq.inspect;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** {@code hub dlq list}: one line per dead letter, aligned columns, no personal data. */
public final class DeadLetterTable {

    static final List<String> HEADINGS =
            List.of("DEAD LETTER", "FAILED AT", "AGENCY", "REFERRAL ID", "RULE", "REPLAYED", "REASON");

    private DeadLetterTable() {}

    /**
     * @param entries the dead letters to show, in order
     * @param replays how many times each was replayed (from the audit)
     */
    public static String render(List<DeadLetterEntry> entries, ToIntFunction<DeadLetterEntry> replays) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (DeadLetterEntry e : entries) {
            var letter = e.letter();
            int times = replays.applyAsInt(e);
            rows.add(List.of(
                    e.id().toString(),
                    time(letter.getFailedAt()),
                    letter.getAgency() == null ? "-" : letter.getAgency().name(),
                    e.referralId().orElse("-"),
                    letter.getRule(),
                    times == 0 ? "-" : times + "x",
                    oneLine(letter.getReason())));
        }
        int[] widths = new int[HEADINGS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                line.append(last ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** A failure time to the second, UTC, ISO-8601. */
    static String time(Instant t) {
        return t == null ? "-" : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String oneLine(String text) {
        return text == null ? "-" : text.replaceAll("\\s+", " ").trim();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
