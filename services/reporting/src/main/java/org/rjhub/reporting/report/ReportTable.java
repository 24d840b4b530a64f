package org.rjhub.reporting.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of the report, written as an HTML table and as {@code <report>-<id>.csv}.
 *
 * @param id      short name, also the CSV file's suffix
 * @param title   heading
 * @param note    what the figures mean, in one or two sentences
 * @param columns column names (CSV header)
 * @param rows    values: String, Long, Double or null
 */
public record ReportTable(String id, String title, String note, List<String> columns, List<List<Object>> rows) {

    public ReportTable {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>();
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        id + ": a row has " + row.size() + " values for " + columns.size() + " columns");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }

    /** The values of one column, in row order. */
    public List<Object> column(String name) {
        int i = columns.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(id + " has no column " + name);
        }
        return rows.stream().map(r -> r.get(i)).toList();
    }
}
