package org.rjhub.reporting.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rjhub.reporting.store.FactStore;
import org.rjhub.reporting.store.ReportingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hub report --from --to --out report.html}: the report of a period from the reporting database, as one
 * self-contained HTML page with charts and every table as CSV beside it ({@code report-<table>.csv}).
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write the reporting HTML report (charts, no network needed to view it) for the referrals "
                    + "received in a period, with each table as a CSV file beside it.",
            "Reads the reporting database that the reporting consumer fills: the embedded one by default, "
                    + "or --jdbc-url (PostgreSQL: jdbc:postgresql://host/db; password in RJ_REPORTING_JDBC_PASSWORD)."
        },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:report written", "1:unexpected failure", "2:bad options, or no reporting database"})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--from",
            paramLabel = "YYYY-MM-DD",
            description = "First day of the period (referrals received from this day). Default: a year before --to.")
    private LocalDate from;

    @Option(
            names = "--to",
            paramLabel = "YYYY-MM-DD",
            description = "Last day of the period, inclusive. Default: today.")
    private LocalDate to;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            defaultValue = "report.html",
            description = "The HTML file to write (default: ${DEFAULT-VALUE}); the CSV files go beside it.")
    private Path out;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description =
                    "Reporting database. Default: RJ_REPORTING_JDBC_URL, else the embedded database under .rj-data/reporting.")
    private String jdbcUrl;

    @Option(
            names = "--jdbc-user",
            paramLabel = "USER",
            description = "Database user. Default: RJ_REPORTING_JDBC_USER, else sa.")
    private String jdbcUser;

    /** For picocli and the {@code hub} command. */
    public ReportCommand() {}

    @Override
    public Integer call() throws IOException, SQLException {
        PrintWriter err = spec.commandLine().getErr();
        LocalDate last = to != null ? to : LocalDate.now(FactStore.ZONE);
        LocalDate first = from != null ? from : last.minusYears(1).plusDays(1);
        if (last.isBefore(first)) {
            err.println("hub report: --to " + last + " is before --from " + first);
            return 2;
        }
        String url = jdbcUrl != null ? jdbcUrl : env(ReportingConfig.JDBC_URL, null);
        boolean embeddedDefault = url == null;
        if (embeddedDefault) {
            url = ReportingConfig.defaultJdbcUrl() + ";IFEXISTS=TRUE";
        }
        String user = jdbcUser != null ? jdbcUser : env(ReportingConfig.JDBC_USER, "sa");
        String password = env(ReportingConfig.JDBC_PASSWORD, "");
        ReportData data;
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setReadOnly(true);
            data = ReportData.load(c, first, last);
        } catch (SQLException e) {
            err.println("hub report: cannot read the reporting database at " + url + ": " + e.getMessage());
            err.println("  The reporting consumer fills it: run `./hub up` (it runs the consumer) or `./hub demo` (it "
                    + "leaves the database filled), or run org.rjhub.reporting.store.ReportingMain"
                    + (embeddedDefault ? "; or name another database with --jdbc-url." : "."));
            return 2;
        }
        List<Path> written = write(data, out);
        long referrals = data.table("referrals").column("referrals").stream()
                .mapToLong(v -> (Long) v)
                .sum();
        spec.commandLine()
                .getOut()
                .printf(
                        "Wrote %s: %d referrals, %s cases, from %s to %s; %d tables as CSV beside it.%n",
                        out, referrals, data.table("funnel").rows().get(0).get(1), first, last, written.size() - 1);
        return 0;
    }

    /** Writes the HTML page and one CSV per table beside it; returns the files written, the page first. */
    public static List<Path> write(ReportData data, Path html) throws IOException {
        Path dir = html.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = html.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        Map<String, String> csvNames = new LinkedHashMap<>();
        data.tables().forEach(t -> csvNames.put(t.id(), stem + "-" + t.id() + ".csv"));
        List<Path> written = new ArrayList<>();
        Files.writeString(html, HtmlReport.render(data, csvNames), StandardCharsets.UTF_8);
        written.add(html);
        for (ReportTable t : data.tables()) {
            Path csv = dir.resolve(csvNames.get(t.id()));
            Files.writeString(csv, Csv.of(t), StandardCharsets.UTF_8);
            written.add(csv);
        }
        return written;
    }

    private static String env(String setting, String fallback) {
        String value = System.getenv(ReportingConfig.envName(setting));
        return value == null || value.isBlank() ? fallback : value;
    }
}
