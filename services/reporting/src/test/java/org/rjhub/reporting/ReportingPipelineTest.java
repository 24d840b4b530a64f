package org.rjhub.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.reporting.facts.FactsDriver;
import org.rjhub.reporting.facts.Scenario;
import org.rjhub.reporting.report.ReportCommand;
import org.rjhub.reporting.report.ReportData;
import org.rjhub.reporting.report.ReportTable;
import org.rjhub.reporting.store.FactStore;
import org.rjhub.reporting.store.TestDatabase;
import picocli.CommandLine;

/**
 * From hub records to report figures: facts topology, database, views and `hub report`, on figures known by hand; on
 * the embedded H2 and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.Engine.class)
class ReportingPipelineTest {

    @Parameter
    TestDatabase.Engine engine;

    private static final LocalDate FROM = LocalDate.parse("2026-10-01");
    private static final LocalDate TO = LocalDate.parse("2026-10-31");

    private FactsDriver hub;
    private FactStore store;
    private String url;
    private String user;
    private String password;
    private Path dir;

    @BeforeEach
    void start() throws Exception {
        hub = new FactsDriver();
        dir = Files.createTempDirectory("reporting-pipeline");
        TestDatabase db = TestDatabase.create(engine, dir);
        url = db.url();
        user = db.user();
        password = db.password();
        store = FactStore.open(url, user, password);
        new Scenario(hub).play();
        List<ConsumerRecord<String, CaseFact>> records = new ArrayList<>();
        for (KeyValue<String, CaseFact> kv : hub.factRecords()) {
            records.add(new ConsumerRecord<>("rj.reporting.case-facts.v1", 0, records.size(), kv.key, kv.value));
        }
        store.apply("pipeline", records);
    }

    @AfterEach
    void stop() throws Exception {
        store.close();
        hub.close();
    }

    @Test
    void shouldReportTheFiguresOfTheScenario() throws Exception {
        ReportData data = ReportData.load(store.connection(), FROM, TO);

        assertThat(rows(data.table("funnel")))
                .containsExactly(
                        "Referred|4|100",
                        "Contacted|3|75",
                        "Consented|2|50",
                        "Meeting or indirect communication|2|50",
                        "Outcome agreement|2|50",
                        "Agreement completed|1|25");
        assertThat(rows(data.table("first-contact"))).contains("All areas|3|4|8.8", "Basildon|1|4|4", "Harlow|1|2|2");
        assertThat(rows(data.table("duplicate-links")))
                .containsExactly("POLICE|3|0|0", "PROBATION|1|0|0", "VICTIM_SUPPORT|1|1|100", "ALL|5|1|20");
        assertThat(rows(data.table("declines"))).containsExactly("VICTIM|DECLINED|1");
        assertThat(rows(data.table("unsuitability"))).containsExactly("INITIAL|RISK_OF_HARM|1");
        assertThat(rows(data.table("agreements"))).containsExactly("2|1|1|0|50");
        assertThat(rows(data.table("intake")))
                .containsExactly(
                        "POLICE|NOT_ELIGIBLE|1",
                        "POLICE|OPENED_CASE|3",
                        "PROBATION|OPENED_CASE|1",
                        "PROBATION|REJECTED|1",
                        "VICTIM_SUPPORT|LINKED_TO_CASE|1");
        assertThat(data.table("referrals").column("referrals").stream()
                        .mapToLong(v -> (Long) v)
                        .sum())
                .isEqualTo(6);
        assertThat(rows(data.table("referrals"))).contains("2026-10|POLICE|Harlow|VIOLENCE_WITH_INJURY|2");
    }

    @Test
    void shouldLeaveOutReferralsOutsideThePeriod() throws Exception {
        ReportData data =
                ReportData.load(store.connection(), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"));

        assertThat(data.table("referrals").rows()).isEmpty();
        assertThat(rows(data.table("funnel")).get(0)).isEqualTo("Referred|0|");
        assertThat(rows(data.table("agreements"))).containsExactly("0|0|0|0|");
    }

    @Test
    void shouldWriteTheHtmlReportWithEveryTableAsCsvBesideIt() throws Exception {
        Path out = dir.resolve("out").resolve("report.html");
        var stdout = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setOut(new java.io.PrintWriter(stdout));

        int exit = cli.execute(
                "--from",
                FROM.toString(),
                "--to",
                TO.toString(),
                "--out",
                out.toString(),
                "--jdbc-url",
                url,
                "--jdbc-user",
                user);

        assertThat(exit).isZero();
        assertThat(stdout.toString()).contains("6 referrals", "4 cases");
        String html = Files.readString(out);
        assertThat(html)
                .contains(
                        "id=\"report-data\"",
                        "createElementNS",
                        "id=\"chart-funnel\"",
                        "report-funnel.csv",
                        "No hub topic records victim")
                .doesNotContain("src=\"http", "href=\"http", "<link ");
        try (var files = Files.list(out.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "report.html",
                            "report-referrals.csv",
                            "report-intake.csv",
                            "report-funnel.csv",
                            "report-first-contact.csv",
                            "report-duplicate-links.csv",
                            "report-declines.csv",
                            "report-unsuitability.csv",
                            "report-agreements.csv");
        }
        assertThat(Files.readString(out.getParent().resolve("report-funnel.csv"), StandardCharsets.UTF_8))
                .startsWith("stage,cases,percent_of_referred\r\nReferred,4,100\r\nContacted,3,75\r\n");
    }

    @Test
    void shouldExitWithTwoWhenThereIsNoReportingDatabase() {
        var stderr = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new ReportCommand());
        cli.setErr(new java.io.PrintWriter(stderr));

        int exit = cli.execute(
                "--out",
                dir.resolve("x.html").toString(),
                "--jdbc-url",
                "jdbc:h2:" + dir.resolve("nothing-here").toAbsolutePath() + ";IFEXISTS=TRUE");

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString()).contains("cannot read the reporting database");
    }

    private static List<String> rows(ReportTable t) {
        return t.rows().stream()
                .map(r -> String.join(
                        "|", r.stream().map(ReportingPipelineTest::text).toList()))
                .toList();
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        return v.toString();
    }
}
