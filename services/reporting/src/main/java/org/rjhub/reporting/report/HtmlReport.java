package org.rjhub.reporting.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rjhub.schemas.Contracts;

/**
 * The report as one self-contained HTML page: the tables as HTML, and charts drawn as inline SVG by an inline
 * script from the figures embedded as JSON. Nothing is loaded from anywhere; without JavaScript the tables and
 * the CSV files still hold every figure.
 */
public final class HtmlReport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final List<String> AGENCIES = List.of("POLICE", "PROBATION", "VICTIM_SUPPORT");

    private HtmlReport() {}

    /**
     * One chart: what the script draws.
     *
     * @param id     chart id; the page has {@code <div id="chart-<id>">} for it
     * @param title  heading
     * @param kind   {@code bars} (horizontal, series side by side) or {@code stacked} (columns, series stacked)
     * @param labels category labels
     * @param series the series, each with one value (or null) per label
     * @param unit   suffix of the values, e.g. "%"
     */
    public record Chart(String id, String title, String kind, List<String> labels, List<Series> series, String unit) {}

    /**
     * A named series of values.
     *
     * @param name   legend
     * @param values one per label, null for none
     */
    public record Series(String name, List<Number> values) {}

    /** The charts of a report, in page order. */
    public static List<Chart> charts(ReportData data) {
        List<Chart> charts = new ArrayList<>();
        ReportTable referrals = data.table("referrals");
        List<String> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(data.from()); !m.isAfter(YearMonth.from(data.to())); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        List<Series> byAgency = new ArrayList<>();
        for (String agency : AGENCIES) {
            List<Number> values = new ArrayList<>();
            for (String month : months) {
                values.add(sum(referrals, "referrals", row -> month.equals(row.get(0)) && agency.equals(row.get(1))));
            }
            byAgency.add(new Series(words(agency), values));
        }
        charts.add(new Chart("referrals-by-month", "Referrals by month and agency", "stacked", months, byAgency, ""));
        charts.add(totals("referrals-by-area", "Referrals by area", referrals, 2, "referrals"));
        charts.add(totals("referrals-by-offence", "Referrals by offence category", referrals, 3, "referrals"));

        ReportTable funnel = data.table("funnel");
        charts.add(new Chart(
                "funnel",
                "Cases reaching each step",
                "bars",
                strings(funnel.column("stage")),
                List.of(new Series("Cases", numbers(funnel.column("cases")))),
                ""));

        ReportTable contact = data.table("first-contact");
        charts.add(new Chart(
                "first-contact",
                "Days to first contact",
                "bars",
                strings(contact.column("area")),
                List.of(
                        new Series("Median", numbers(contact.column("median_days"))),
                        new Series("90th percentile", numbers(contact.column("p90_days")))),
                " d"));

        ReportTable links = data.table("duplicate-links");
        charts.add(new Chart(
                "duplicate-links",
                "Referrals linked to an existing case",
                "bars",
                strings(links.column("agency")).stream().map(HtmlReport::words).toList(),
                List.of(new Series("Link rate", numbers(links.column("link_rate_percent")))),
                "%"));

        ReportTable declines = data.table("declines");
        charts.add(new Chart(
                "declines",
                "Declines and withdrawals",
                "bars",
                pairs(declines, "party", "reason"),
                List.of(new Series("Declines", numbers(declines.column("declines")))),
                ""));
        ReportTable unsuitable = data.table("unsuitability");
        charts.add(new Chart(
                "unsuitability",
                "Found unsuitable",
                "bars",
                pairs(unsuitable, "assessment", "reason"),
                List.of(new Series("Cases", numbers(unsuitable.column("cases")))),
                ""));

        List<Object> agreements = data.table("agreements").rows().get(0);
        charts.add(new Chart(
                "agreements",
                "Outcome agreements",
                "bars",
                List.of("Completed", "Not completed", "Open"),
                List.of(new Series(
                        "Agreements",
                        List.of((Number) agreements.get(1), (Number) agreements.get(2), (Number) agreements.get(3)))),
                ""));
        return charts;
    }

    /** The page. {@code csvNames} maps a table id to its CSV file's name, for the links. */
    public static String render(ReportData data, Map<String, String> csvNames) {
        List<Chart> charts = charts(data);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>RJ Hub report ")
                .append(data.from())
                .append(" to ")
                .append(data.to())
                .append("</title>\n")
                .append("<style>\n")
                .append(resource("report.css"))
                .append("</style>\n</head>\n<body>\n");
        h.append(
                        "<header>\n<h1>Restorative justice referrals and cases</h1>\n<p class=\"period\">Referrals received from ")
                .append(day(data.from()))
                .append(" to ")
                .append(day(data.to()))
                .append(", followed to where they stand at ")
                .append(DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm", Locale.UK)
                        .format(data.generatedAt().atZone(ZONE)))
                .append(" (UK time).</p>\n<p class=\"privacy\">Built from the hub's pseudonymised facts "
                        + "(" + Contracts.CASE_FACTS_TOPIC
                        + "): no names, dates of birth, addresses or contact details; "
                        + "people and referrals appear only as counts. Small counts can still point at someone: "
                        + "take care before publishing a table beyond the service.</p>\n</header>\n");
        headline(h, data);
        section(
                h,
                data.table("referrals"),
                csvNames,
                List.of("referrals-by-month", "referrals-by-area", "referrals-by-offence"),
                charts,
                false);
        section(h, data.table("intake"), csvNames, List.of(), charts, true);
        section(h, data.table("funnel"), csvNames, List.of("funnel"), charts, true);
        section(h, data.table("first-contact"), csvNames, List.of("first-contact"), charts, true);
        section(h, data.table("duplicate-links"), csvNames, List.of("duplicate-links"), charts, true);
        section(h, data.table("declines"), csvNames, List.of("declines"), charts, true);
        section(h, data.table("unsuitability"), csvNames, List.of("unsuitability"), charts, true);
        section(h, data.table("agreements"), csvNames, List.of("agreements"), charts, true);
        h.append("<section id=\"satisfaction\">\n<h2>Satisfaction</h2>\n<p class=\"note\">")
                .append(escape(ReportData.SATISFACTION_NOTE))
                .append("</p>\n</section>\n");
        h.append(
                "<noscript><p>The charts need JavaScript; the tables above and the CSV files hold every figure.</p></noscript>\n");
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("from", data.from().toString());
        payload.put("to", data.to().toString());
        payload.put("charts", charts);
        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(json(payload))
                .append("</script>\n");
        h.append("<script>\n").append(resource("charts.js")).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void headline(StringBuilder h, ReportData data) {
        long accepted = data.table("referrals").column("referrals").stream()
                .mapToLong(v -> (Long) v)
                .sum();
        List<Object> funnel = data.table("funnel").column("cases");
        List<Object> contact = data.table("first-contact").rows().get(0);
        List<Object> agreements = data.table("agreements").rows().get(0);
        h.append("<section class=\"headline\">\n");
        tile(h, String.valueOf(accepted), "referrals accepted");
        tile(h, String.valueOf(funnel.get(0)), "cases referred");
        Object contacted = data.table("funnel").rows().get(1).get(2);
        tile(h, contacted == null ? "–" : ReportData.format(contacted) + "%", "of cases contacted so far");
        tile(
                h,
                contact.get(2) == null ? "–" : ReportData.format(contact.get(2)) + " d",
                "median days to first contact");
        tile(
                h,
                agreements.get(4) == null ? "–" : ReportData.format(agreements.get(4)) + "%",
                "of decided agreements completed");
        h.append("</section>\n");
    }

    private static void tile(StringBuilder h, String figure, String caption) {
        h.append("<div class=\"tile\"><div class=\"figure\">")
                .append(escape(figure))
                .append("</div><div class=\"caption\">")
                .append(escape(caption))
                .append("</div></div>\n");
    }

    private static void section(
            StringBuilder h,
            ReportTable t,
            Map<String, String> csvNames,
            List<String> chartIds,
            List<Chart> charts,
            boolean tableOpen) {
        h.append("<section id=\"")
                .append(escape(t.id()))
                .append("\">\n<h2>")
                .append(escape(t.title()))
                .append("</h2>\n")
                .append("<p class=\"note\">")
                .append(escape(t.note()))
                .append("</p>\n");
        if (!chartIds.isEmpty()) {
            h.append("<div class=\"charts\">\n");
            for (String id : chartIds) {
                Chart c = charts.stream()
                        .filter(x -> x.id().equals(id))
                        .findFirst()
                        .orElseThrow();
                h.append("<div class=\"chart-host\" id=\"chart-")
                        .append(escape(id))
                        .append("\"><h3>")
                        .append(escape(c.title()))
                        .append("</h3></div>\n");
            }
            h.append("</div>\n");
        }
        h.append(tableOpen ? "<details open>" : "<details>")
                .append("<summary>Table (")
                .append(t.rows().size())
                .append(t.rows().size() == 1 ? " row" : " rows")
                .append(")</summary>\n<table>\n<thead><tr>");
        t.columns().forEach(c -> h.append("<th>").append(escape(c)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : t.rows()) {
            h.append("<tr>");
            for (Object v : row) {
                h.append(v instanceof Number ? "<td class=\"num\">" : "<td>")
                        .append(escape(ReportData.format(v)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n</details>\n");
        String csv = csvNames.get(t.id());
        if (csv != null) {
            h.append("<p class=\"csv\"><a href=\"")
                    .append(escape(csv))
                    .append("\">")
                    .append(escape(csv))
                    .append("</a></p>\n");
        }
        h.append("</section>\n");
    }

    private static Chart totals(String id, String title, ReportTable t, int column, String valueColumn) {
        Map<String, Long> sums = new LinkedHashMap<>();
        int value = t.columns().indexOf(valueColumn);
        for (List<Object> row : t.rows()) {
            sums.merge(String.valueOf(row.get(column)), (Long) row.get(value), Long::sum);
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(sums.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return new Chart(
                id,
                title,
                "bars",
                sorted.stream().map(e -> words(e.getKey())).toList(),
                List.of(new Series(
                        "Referrals",
                        sorted.stream().map(e -> (Number) e.getValue()).toList())),
                "");
    }

    private static long sum(ReportTable t, String valueColumn, java.util.function.Predicate<List<Object>> filter) {
        int value = t.columns().indexOf(valueColumn);
        return t.rows().stream()
                .filter(filter)
                .mapToLong(r -> (Long) r.get(value))
                .sum();
    }

    private static List<String> pairs(ReportTable t, String a, String b) {
        List<String> out = new ArrayList<>();
        List<Object> first = t.column(a);
        List<Object> second = t.column(b);
        for (int i = 0; i < first.size(); i++) {
            out.add(words(String.valueOf(first.get(i))) + " · " + words(String.valueOf(second.get(i))));
        }
        return out;
    }

    private static List<String> strings(List<Object> values) {
        return values.stream().map(String::valueOf).toList();
    }

    private static List<Number> numbers(List<Object> values) {
        return values.stream().map(v -> (Number) v).toList();
    }

    /** A symbol in words: VICTIM_SUPPORT to "Victim support"; other text unchanged. */
    static String words(String symbol) {
        if (!symbol.matches("[A-Z0-9_]+")) {
            return symbol;
        }
        String lower = symbol.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    private static String day(LocalDate d) {
        return DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK).format(d);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** JSON safe inside a script element: no "&lt;/script", no HTML comment openers. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value)
                    .replace("<", "\\u003c")
                    .replace(">", "\\u003e")
                    .replace("&", "\\u0026");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report's figures as JSON", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
