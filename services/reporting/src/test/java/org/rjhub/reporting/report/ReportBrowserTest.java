package org.rjhub.reporting.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report in a real headless Chromium and checks that its script drew every chart. Needs Chromium:
 * fails (never skips) without it, saying how to install it.
 */
class ReportBrowserTest {

    private static final List<String> CANDIDATES = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable");

    private static Path report;
    private static ReportData data;

    @BeforeAll
    static void writeReport() throws IOException {
        data = sample();
        report = Files.createTempDirectory("report-browser").resolve("report.html");
        ReportCommand.write(data, report);
    }

    @Test
    void shouldDrawEveryChartOfTheReportInChromium() throws Exception {
        String dom = chromium(
                "--dump-dom", "--virtual-time-budget=10000", report.toUri().toString());

        int charts = HtmlReport.charts(data).size();
        Matcher body = Pattern.compile("<body[^>]*>").matcher(dom);
        assertThat(body.find()).as("a body in the DOM").isTrue();
        assertThat(body.group()).doesNotContain("data-chart-error").contains("data-charts-rendered=\"" + charts + "\"");
        assertThat(count(dom, "<svg[^>]*class=\"chart\"")).isEqualTo(charts);
        long bars = HtmlReport.charts(data).stream()
                .filter(c -> c.series().stream()
                        .flatMap(s -> s.values().stream())
                        .anyMatch(v -> v != null && v.doubleValue() > 0))
                .flatMap(c -> c.series().stream())
                .flatMap(s -> s.values().stream())
                .filter(v -> v != null)
                .count();
        assertThat(count(dom, "<rect[^>]*class=\"bar\"")).isEqualTo(bars);
        assertThat(dom).contains("data-chart=\"funnel\"", "data-chart=\"referrals-by-month\"", "Agreement completed");
        // the one chart without data says so instead of drawing bars
        assertThat(count(dom, "data-empty=\"true\"")).isEqualTo(1);
    }

    @Test
    void shouldPaintTheChartsOnTheScreenshot() throws Exception {
        Path png = report.resolveSibling("report.png");
        chromium(
                "--screenshot=" + png,
                "--window-size=1200,1600",
                "--hide-scrollbars",
                "--virtual-time-budget=10000",
                report.toUri().toString());

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("screenshot written").isNotNull();
        int barColour = 0;
        int nonWhite = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb == 0x1F5F99) {
                    barColour++;
                }
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        assertThat(barColour).as("pixels of the first series' bar colour").isGreaterThan(2_000);
        assertThat(nonWhite).as("pixels painted").isGreaterThan(image.getWidth() * image.getHeight() / 20);
    }

    private static String chromium(String... args) throws IOException, InterruptedException {
        String binary = binary();
        Path profile = Files.createTempDirectory("chromium-profile");
        List<String> command = new ArrayList<>(List.of(
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile("chromium", ".out");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("Chromium did not finish within 90 s: " + command);
        }
        assertThat(p.exitValue()).as("Chromium's exit code for %s", command).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String binary() {
        String configured = System.getenv("RJ_CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        return CANDIDATES.stream()
                .filter(c -> Files.isExecutable(Path.of(c)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "Chromium is needed to check that the report renders its charts, and none was found "
                                + "(looked at $RJ_CHROMIUM and " + CANDIDATES
                                + "). Install it: `apt-get install -y chromium` "
                                + "(Debian/Ubuntu), or set RJ_CHROMIUM to a Chrome or Chromium binary."));
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** A year's figures, with one table empty (no declines) to show how an empty chart looks. */
    static ReportData sample() {
        List<List<Object>> referrals = new ArrayList<>();
        String[] areas = {"Harlow", "Thurrock", "Basildon", "Colchester", "Epping Forest"};
        String[] offences = {"VIOLENCE_WITH_INJURY", "CRIMINAL_DAMAGE_AND_ARSON", "THEFT", "NO_OFFENCE"};
        String[] agencies = {"POLICE", "PROBATION", "VICTIM_SUPPORT"};
        for (int m = 1; m <= 12; m++) {
            for (int a = 0; a < agencies.length; a++) {
                referrals.add(List.of(
                        String.format("2026-%02d", m),
                        agencies[a],
                        areas[(m + a) % areas.length],
                        offences[(m * 3 + a) % offences.length],
                        (long) (3 + (m * 7 + a * 5) % 11)));
            }
        }
        List<ReportTable> tables = List.of(
                new ReportTable(
                        "referrals",
                        "Referrals",
                        "n",
                        List.of("month", "agency", "area", "offence_category", "referrals"),
                        referrals),
                new ReportTable(
                        "intake",
                        "Intake",
                        "n",
                        List.of("agency", "intake", "referrals"),
                        List.of(List.of("POLICE", "OPENED_CASE", 120L), List.of("POLICE", "REJECTED", 4L))),
                new ReportTable(
                        "funnel",
                        "Funnel",
                        "n",
                        List.of("stage", "cases", "percent_of_referred"),
                        List.of(
                                List.of("Referred", 200L, 100.0),
                                List.of("Contacted", 150L, 75.0),
                                List.of("Consented", 90L, 45.0),
                                List.of("Meeting or indirect communication", 60L, 30.0),
                                List.of("Outcome agreement", 50L, 25.0),
                                List.of("Agreement completed", 40L, 20.0))),
                new ReportTable(
                        "first-contact",
                        "First contact",
                        "n",
                        List.of("area", "cases_contacted", "median_days", "p90_days"),
                        List.of(List.of("All areas", 150L, 6.5, 14.2), List.of("Harlow", 40L, 5.0, 12.0))),
                new ReportTable(
                        "duplicate-links",
                        "Links",
                        "n",
                        List.of("agency", "referrals_placed", "linked", "link_rate_percent"),
                        List.of(List.of("POLICE", 150L, 10L, 6.7), List.of("ALL", 200L, 30L, 15.0))),
                new ReportTable("declines", "Declines", "n", List.of("party", "reason", "declines"), List.of()),
                new ReportTable(
                        "unsuitability",
                        "Unsuitable",
                        "n",
                        List.of("assessment", "reason", "cases"),
                        List.of(List.of("INITIAL", "RISK_OF_HARM", 7L))),
                new ReportTable(
                        "agreements",
                        "Agreements",
                        "n",
                        List.of("agreements", "completed", "not_completed", "open", "completion_rate_percent"),
                        List.of(List.of(50L, 40L, 4L, 6L, 90.9))));
        return new ReportData(
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"),
                Instant.parse("2027-01-05T10:00:00Z"),
                tables);
    }
}
