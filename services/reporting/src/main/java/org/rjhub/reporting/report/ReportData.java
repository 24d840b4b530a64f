package org.rjhub.reporting.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * The figures of one report, read from the reporting database's views for the referrals received, and the cases
 * referred, between two days (inclusive): a cohort, followed to where it stands now.
 *
 * @param from        first day
 * @param to          last day
 * @param generatedAt when the figures were read
 * @param tables      the tables, in report order
 */
public record ReportData(LocalDate from, LocalDate to, Instant generatedAt, List<ReportTable> tables) {

    /** What the report says about satisfaction while no topic records it. */
    public static final String SATISFACTION_NOTE = "No hub topic records victim or offender satisfaction yet, so this "
            + "report has no satisfaction figures (none are estimated). The case events have no feedback type; when "
            + "one is added (e.g. FEEDBACK_RECORDED with a score per party), the facts will carry it and this section "
            + "will show it.";

    public ReportData {
        tables = List.copyOf(tables);
    }

    public ReportTable table(String id) {
        return tables.stream()
                .filter(t -> t.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no table " + id));
    }

    /** Reads every table for the days {@code from} to {@code to}, inclusive. */
    public static ReportData load(Connection c, LocalDate from, LocalDate to) throws SQLException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        var q = new Queries(c, from, to);
        return new ReportData(
                from,
                to,
                Instant.now(),
                List.of(
                        q.referrals(),
                        q.intake(),
                        q.funnel(),
                        q.firstContact(),
                        q.duplicateLinks(),
                        q.declines(),
                        q.unsuitability(),
                        q.agreements()));
    }

    /** The queries, each over one view, with the period bound to its two parameters. */
    private record Queries(Connection c, LocalDate from, LocalDate to) {

        ReportTable referrals() throws SQLException {
            return table(
                    "referrals",
                    "Referrals by agency, area, offence category and month",
                    "Referrals the hub accepted (rejected ones are in the intake table), by the month the hub received "
                            + "them; linked referrals count once each, as each agency sent them.",
                    List.of("month", "agency", "area", "offence_category", "referrals"),
                    "SELECT received_month, agency, district, offence_category, SUM(referrals) FROM v_referrals "
                            + "WHERE received_on BETWEEN ? AND ? AND intake <> 'REJECTED' "
                            + "GROUP BY received_month, agency, district, offence_category ORDER BY 1, 2, 3, 4",
                    "s",
                    "s",
                    "s",
                    "s",
                    "l");
        }

        ReportTable intake() throws SQLException {
            return table(
                    "intake",
                    "What the hub did with each referral",
                    "OPENED_CASE: a new case; LINKED_TO_CASE: joined an existing case; NOT_ELIGIBLE and REFERRED_ON: "
                            + "outside the service; REJECTED: refused as invalid, to be corrected and resent.",
                    List.of("agency", "intake", "referrals"),
                    "SELECT agency, intake, SUM(referrals) FROM v_referrals WHERE received_on BETWEEN ? AND ? "
                            + "GROUP BY agency, intake ORDER BY 1, 2",
                    "s",
                    "s",
                    "l");
        }

        ReportTable funnel() throws SQLException {
            long[] n = new long[6];
            try (PreparedStatement st =
                            prepare("SELECT SUM(referred), SUM(contacted), SUM(consented), SUM(communicated), "
                                    + "SUM(agreed), SUM(completed) FROM v_funnel WHERE referred_on BETWEEN ? AND ?");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                for (int i = 0; i < n.length; i++) {
                    n[i] = rs.getLong(i + 1);
                }
            }
            String[] stages = {
                "Referred",
                "Contacted",
                "Consented",
                "Meeting or indirect communication",
                "Outcome agreement",
                "Agreement completed"
            };
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < stages.length; i++) {
                rows.add(row(stages[i], n[i], percent(n[i], n[0])));
            }
            return new ReportTable(
                    "funnel",
                    "From referral to a completed agreement",
                    "Cases referred in the period (merged cases once) and how many have reached each step so far: "
                            + "contact made with a party, written consent from a party, a meeting or indirect "
                            + "communication, an outcome agreement, every action of it completed.",
                    List.of("stage", "cases", "percent_of_referred"),
                    rows);
        }

        ReportTable firstContact() throws SQLException {
            List<List<Object>> rows = new ArrayList<>();
            String percentiles = "COUNT(*), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY days_to_first_contact), "
                    + "PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY days_to_first_contact)";
            try (PreparedStatement st = prepare(
                            "SELECT " + percentiles + " FROM v_first_contact WHERE referred_on BETWEEN ? AND ?");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                rows.add(percentileRow("All areas", rs));
            }
            try (PreparedStatement st = prepare(
                            "SELECT district, " + percentiles
                                    + " FROM v_first_contact WHERE referred_on BETWEEN ? AND ? GROUP BY district ORDER BY district");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(percentileRow(rs.getString(1), rs, 1));
                }
            }
            return new ReportTable(
                    "first-contact",
                    "Time from referral to first contact",
                    "Calendar days from the hub receiving the referral to the first successful contact with any "
                            + "party, for the cases contacted so far: median and 90th percentile.",
                    List.of("area", "cases_contacted", "median_days", "p90_days"),
                    rows);
        }

        ReportTable duplicateLinks() throws SQLException {
            List<List<Object>> rows = new ArrayList<>();
            long placed = 0;
            long linked = 0;
            try (PreparedStatement st = prepare("SELECT agency, SUM(placed), SUM(linked) FROM v_duplicate_links "
                            + "WHERE received_on BETWEEN ? AND ? GROUP BY agency ORDER BY agency");
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long p = rs.getLong(2);
                    long l = rs.getLong(3);
                    placed += p;
                    linked += l;
                    rows.add(row(rs.getString(1), p, l, percent(l, p)));
                }
            }
            rows.add(row("ALL", placed, linked, percent(linked, placed)));
            return new ReportTable(
                    "duplicate-links",
                    "Referrals linked to an existing case",
                    "Of the referrals placed in a case, how many joined a case that already existed: another "
                            + "agency's referral of the same incident or people, or a case merged into another.",
                    List.of("agency", "referrals_placed", "linked", "link_rate_percent"),
                    rows);
        }

        ReportTable declines() throws SQLException {
            return table(
                    "declines",
                    "Declines and withdrawals by party and reason",
                    "DECLINED: the party said no before consenting; WITHDREW_CONSENT: after consenting. By the day the "
                            + "case was referred.",
                    List.of("party", "reason", "declines"),
                    "SELECT party_role, reason, SUM(declines) FROM v_declines WHERE referred_on BETWEEN ? AND ? "
                            + "GROUP BY party_role, reason ORDER BY 3 DESC, 1, 2",
                    "s",
                    "s",
                    "l");
        }

        ReportTable unsuitability() throws SQLException {
            return table(
                    "unsuitability",
                    "Cases found unsuitable, by assessment and reason",
                    "The first risk assessment that found the case unsuitable: INITIAL (before a facilitator is "
                            + "allocated) or FACILITATION (before communication).",
                    List.of("assessment", "reason", "cases"),
                    "SELECT unsuitable_stage, unsuitable_reason, SUM(cases) FROM v_unsuitability "
                            + "WHERE referred_on BETWEEN ? AND ? GROUP BY unsuitable_stage, unsuitable_reason "
                            + "ORDER BY 3 DESC, 1, 2",
                    "s",
                    "s",
                    "l");
        }

        ReportTable agreements() throws SQLException {
            long agreed;
            long completed;
            long notCompleted;
            try (PreparedStatement st =
                            prepare("SELECT SUM(agreed), SUM(completed), SUM(not_completed) FROM v_agreements "
                                    + "WHERE referred_on BETWEEN ? AND ?");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                agreed = rs.getLong(1);
                completed = rs.getLong(2);
                notCompleted = rs.getLong(3);
            }
            long open = agreed - completed - notCompleted;
            return new ReportTable(
                    "agreements",
                    "Outcome agreements and their completion",
                    "Completion rate: agreements completed, of those decided (completed, or closed as not completed); "
                            + "open agreements are still being carried out.",
                    List.of("agreements", "completed", "not_completed", "open", "completion_rate_percent"),
                    List.of(row(agreed, completed, notCompleted, open, percent(completed, completed + notCompleted))));
        }

        private ReportTable table(
                String id, String title, String note, List<String> columns, String sql, String... types)
                throws SQLException {
            List<List<Object>> rows = new ArrayList<>();
            try (PreparedStatement st = prepare(sql);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 0; i < types.length; i++) {
                        row.add(types[i].equals("l") ? (Object) rs.getLong(i + 1) : rs.getString(i + 1));
                    }
                    rows.add(row);
                }
            }
            return new ReportTable(id, title, note, columns, rows);
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement st = c.prepareStatement(sql);
            st.setObject(1, from);
            st.setObject(2, to);
            return st;
        }

        private static List<Object> percentileRow(String area, ResultSet rs) throws SQLException {
            return percentileRow(area, rs, 0);
        }

        private static List<Object> percentileRow(String area, ResultSet rs, int offset) throws SQLException {
            List<Object> row = new ArrayList<>();
            row.add(area == null ? "Unknown" : area);
            row.add(rs.getLong(offset + 1));
            row.add(days(rs, offset + 2));
            row.add(days(rs, offset + 3));
            return row;
        }

        private static Double days(ResultSet rs, int column) throws SQLException {
            double v = rs.getDouble(column);
            return rs.wasNull() ? null : Math.round(v * 10) / 10.0;
        }
    }

    /** A row that may hold nulls (no figure). */
    static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(1000.0 * part / whole) / 10.0;
    }

    /** A number as the report prints it: whole numbers plainly, others with one decimal; null as empty. */
    static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.1f", d);
        }
        return v.toString();
    }
}
