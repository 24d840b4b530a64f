package org.rjhub.reporting.report;

import java.util.List;
import java.util.stream.Collectors;

/** RFC 4180 CSV of a report table: a header line, then one line per row, CRLF line ends. */
final class Csv {

    private Csv() {}

    static String of(ReportTable table) {
        StringBuilder out = new StringBuilder();
        line(out, table.columns().stream().map(c -> (Object) c).toList());
        table.rows().forEach(row -> line(out, row));
        return out.toString();
    }

    private static void line(StringBuilder out, List<Object> values) {
        out.append(values.stream().map(v -> field(ReportData.format(v))).collect(Collectors.joining(",")))
                .append("\r\n");
    }

    static String field(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
